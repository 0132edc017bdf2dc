import * as path from 'path';
import { runFleet } from './fleet';
import { text } from './report/text';
import { writeReports } from './report/write';

const USAGE = `usage: npx projen fleet [--jobs N] [--since FILE] [service ...]

Synthesizes the four environments and every service (or only the services named) in every
environment, runs every compliance gate (cdk-nag, Control Tower, platform rules, cfn-lint),
checks routes and CloudFormation limits, prints the table and writes the reports at the
repository root (fleet-report.json, .md, .html; compliance-evidence.json, .md), comparing
with the previous fleet-report.json. Exits non-zero on any open finding, route problem,
stack beyond 80 % of a quota, or a service description the service model refuses.

  --jobs N       apps synthesized at once (default: one per CPU)
  --since FILE   compare with this fleet-report.json instead of the previous one at the root
  --help         this text`;

/**
 * `npx projen fleet [--jobs N] [--since FILE] [service ...]`: synthesize everything (N apps at
 * once, one per CPU by default), run every gate, print the table, write the reports at the
 * repository root (fleet-report.json, .md, .html; compliance-evidence.json, .md), comparing with
 * the previous fleet-report.json (or FILE), and exit non-zero on any open finding, route clash
 * or stack beyond 80 % of a CloudFormation limit.
 */
async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..', '..');
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const options = ['--jobs', '--since'];
  const unknownOption = args.find((a) => a.startsWith('-') && !options.includes(a));
  if (unknownOption) {
    throw new Error(`unknown option ${unknownOption}\n${USAGE}`);
  }
  const option = (name: string): string | undefined => {
    const at = args.indexOf(name);
    if (at < 0) {
      return undefined;
    }
    const value = args[at + 1];
    if (value === undefined || value.startsWith('-')) {
      throw new Error(`${name} needs a value\n${USAGE}`);
    }
    return args.splice(at, 2)[1];
  };
  const raw = option('--jobs');
  const since = option('--since');
  const jobs = raw === undefined ? undefined : Number(raw);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) {
    throw new Error(`--jobs must be a whole number of apps to synthesize at once, at least 1; got '${raw}'`);
  }
  const report = await runFleet({ root, services: args.length ? args : undefined, jobs, progress: (line) => console.log(line) });

  console.log('');
  console.log(text(report.rows));
  const written = writeReports(report, { root, since: since === undefined ? undefined : path.resolve(since) });
  const changes = written.document.changes;
  console.log('');
  console.log(`fleet: ${report.rows.length} rows in ${report.seconds.toFixed(1)} s; wrote ${written.files.map((f) => path.relative(root, f)).join(', ')}`);
  console.log(`fleet: ${changes.firstRun ? 'first run (no previous report to compare with)' : `compared with ${changes.since!.file}`}`);
  if (report.problems.length > 0) {
    console.error(`fleet: ${report.problems.length} problems:\n  - ${report.problems.join('\n  - ')}`);
    process.exitCode = 1;
  }
}

main().catch((e: Error) => {
  console.error(`fleet: ${e.message}`);
  process.exitCode = 1;
});
