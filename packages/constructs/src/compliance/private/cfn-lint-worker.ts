/**
 * Runs several cfn-lint processes at once and prints their findings as one JSON array.
 *
 * The compliance gate is synchronous (it is called from `cdk synth` and from Python through
 * jsii), so it cannot wait on child processes itself; it starts this script with `spawnSync`
 * and this script does the waiting. Input on stdin: {@link CfnLintJob}. Output on stdout: the
 * concatenated `--format json` arrays. A cfn-lint that cannot lint (exit code with bit 1 or 32
 * set, or output that is not JSON) makes the script fail with its message.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';

/** What the gate asks this script to run. */
export interface CfnLintJob {
  /** The cfn-lint executable. */
  readonly executable: string;
  /** One cfn-lint process per batch, at most `parallel` at a time. */
  readonly batches: Array<{ readonly region: string; readonly templates: string[] }>;
  readonly parallel: number;
  /** Rules not to run (`--ignore-checks`). */
  readonly ignore: string[];
}

function lint(executable: string, region: string, templates: string[], ignore: string[]): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const args = ['--format', 'json', '--regions', region, ...(ignore.length > 0 ? ['--ignore-checks', ...ignore] : []), '--', ...templates];
    const child = spawn(executable, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      // cfn-lint's exit code is a sum of flags: 2 errors, 4 warnings, 8 informational; 1 and 32 mean it failed.
      const failed = code === null || code % 2 === 1 || Math.floor(code / 32) % 2 === 1;
      try {
        if (failed) {
          throw new Error(`exit code ${code}`);
        }
        resolve(JSON.parse(Buffer.concat(out).toString() || '[]'));
      } catch (e) {
        reject(new Error(`cfn-lint failed on ${templates.join(', ')} (${(e as Error).message}): ${Buffer.concat(err).toString().trim()}`));
      }
    });
  });
}

async function main(): Promise<void> {
  const job: CfnLintJob = JSON.parse(fs.readFileSync(0, 'utf-8'));
  const results: unknown[][] = new Array(job.batches.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < job.batches.length) {
      const i = next++;
      results[i] = await lint(job.executable, job.batches[i].region, job.batches[i].templates, job.ignore);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(job.parallel, job.batches.length)) }, worker));
  process.stdout.write(JSON.stringify(results.flat()));
}

if (require.main === module) {
  main().catch((e: Error) => {
    process.stderr.write(e.message);
    process.exit(1);
  });
}
