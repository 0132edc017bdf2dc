import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AssemblyMeasure } from './measure';
import { RESULT_PREFIX, RunResult } from './result';
import { realFleet } from './scenarios';

/** One run of one side, as measured: the child's report, its wall time, CPU time and peak memory. */
interface Measured extends RunResult, AssemblyMeasure {
  readonly wallSeconds: number;
  /** User + system time of the run and every process it waited for (cfn-guard), when /usr/bin/time is there. */
  readonly cpuSeconds?: number;
  /** Peak resident memory of the run's node process (worker threads included), MB. */
  readonly peakMB: number;
}

const TIME = '/usr/bin/time';

/**
 * `npx projen bench [--runs N] [--large-runs N] [--jobs N] [--scenarios 12x4,50x1,...]`: each
 * scenario's sides, alternated run by run, each run in a child process (at 12x4: the baseline, the
 * peer with the standard gates, the platform, and one service alone in plain CDK and on the
 * platform; at the generated sizes: the baseline and the platform); the table of medians,
 * bench-report.md and bench-report.json at the repository root, and last the ratios of the median
 * wall times at 12x4, the comparison with the standard way among them.
 */
async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..', '..');
  const args = parseArgs(process.argv.slice(2));
  const real = realFleet(root).name;
  const scenarios = args.scenarios ?? [real, '50x1', '100x1', '200x1'];
  const outRoot = path.join(__dirname, '..', 'cdk.out');
  const rows: Row[] = [];

  console.log(`bench: ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, node ${process.version}`);
  for (const name of scenarios) {
    const runs = name === real ? args.runs : args.largeRuns;
    // The real fleet is also compared with the standard way (the peer) and service by service.
    const sides: Side[] = name === real ? ['baseline', 'peer', 'platform', 'plain-service', 'service'] : ['baseline', 'platform'];
    const row: Row = { scenario: name, sides: Object.fromEntries(sides.map((side) => [side, [] as Measured[]])) };
    for (let i = 0; i < runs; i++) {
      for (const side of sides) {
        const measured = await runOnce(root, side, name, path.join(outRoot, name, side), args.jobs);
        row.sides[side]!.push(measured);
        console.log(`bench: ${name} ${side} run ${i + 1}/${runs}: ${measured.wallSeconds.toFixed(1)} s wall, `
          + `${measured.cpuSeconds?.toFixed(1) ?? '?'} s CPU, ${measured.peakMB} MB, ${measured.stacks} stacks, ${measured.resources} resources, `
          + `${measured.problems.length} problems${measured.problems.length ? `: ${measured.problems.slice(0, 3).join('; ')}` : ''}`);
      }
    }
    rows.push(row);
  }

  const table = markdownTable(rows);
  const wallOf = (side: Side): number => median(rows.find((r) => r.scenario === real)?.sides[side]?.map((m) => m.wallSeconds) ?? []);
  const report = [
    '# Benchmark: the platform fleet against plain CDK',
    '',
    `${new Date().toISOString()}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}), load average at start `
      + `${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, node ${process.version}. Medians of ${args.runs} runs at ${real}, `
      + `${args.largeRuns} at the generated sizes; each run is a fresh process.`,
    '',
    table,
    '',
  ].join('\n');
  fs.writeFileSync(path.join(root, 'bench-report.md'), report);
  fs.writeFileSync(path.join(root, 'bench-report.json'), JSON.stringify(rows, undefined, 2) + '\n');
  console.log('');
  console.log(table);
  console.log('');
  const failed = rows.flatMap((r) => [...(r.sides.platform ?? []), ...(r.sides.service ?? [])]).filter((m) => m.problems.length > 0);
  if (failed.length > 0) {
    console.error(`bench: the platform reported problems in ${failed.length} runs (see above)`);
    process.exitCode = 1;
  }
  if (scenarios.includes(real)) {
    console.log(`ratio platform/baseline at ${real}: ${(wallOf('platform') / wallOf('baseline')).toFixed(2)}`);
    console.log(`ratio cold/peer-with-gates at ${real}: ${(wallOf('platform') / wallOf('peer')).toFixed(2)}`);
    // Nothing is cached between runs yet (issue 15): a run after one change, or after none, is a cold run.
    console.log(`ratio warm-one-change/baseline at ${real}: not measured (no incremental runs: a run after one change is a cold run, `
      + `${(wallOf('platform') / wallOf('baseline')).toFixed(2)})`);
    console.log(`no-change run at ${real}: not measured (no incremental runs: a run after no change is a cold run, ${wallOf('platform').toFixed(1)} s)`);
    console.log(`ratio service-synth/plain-service: ${(wallOf('service') / wallOf('plain-service')).toFixed(2)}`);
  }
}

interface Args {
  readonly runs: number;
  readonly largeRuns: number;
  readonly jobs?: number;
  readonly scenarios?: string[];
}

function parseArgs(argv: string[]): Args {
  const value = (flag: string): string | undefined => {
    const at = argv.indexOf(flag);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const count = (flag: string, fallback: number, min: number): number => {
    const raw = value(flag);
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(n) || n < min) {
      throw new Error(`${flag} must be a whole number of at least ${min}; got '${raw}'`);
    }
    return n;
  };
  return {
    runs: count('--runs', 3, 3),
    largeRuns: count('--large-runs', 1, 1),
    jobs: value('--jobs') === undefined ? undefined : count('--jobs', 1, 1),
    scenarios: value('--scenarios')?.split(','),
  };
}

/** What `run.js` runs: see its header. */
type Side = 'baseline' | 'peer' | 'platform' | 'plain-service' | 'service';

/** Every run of every side of one scenario. */
interface Row {
  readonly scenario: string;
  readonly sides: Partial<Record<Side, Measured[]>>;
}

/** Run one side of one scenario in a child process, timed by /usr/bin/time when the machine has it. */
async function runOnce(root: string, side: string, scenario: string, outdir: string, jobs?: number): Promise<Measured> {
  const script = path.join(__dirname, 'run.js');
  const runArgs = [script, side, scenario, outdir, ...(jobs ? [String(jobs)] : [])];
  const timeFile = path.join(os.tmpdir(), `bench-time-${process.pid}.txt`);
  const timed = fs.existsSync(TIME);
  const [command, commandArgs] = timed
    ? [TIME, ['-f', '%e %U %S %M', '-o', timeFile, process.execPath, ...runArgs]]
    : [process.execPath, runArgs];
  const started = process.hrtime.bigint();
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(command, commandArgs as string[], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('close', (c) => resolve({ code: c, stdout: out, stderr: err }));
  });
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
  if (code !== 0 || !line) {
    throw new Error(`bench: ${scenario} ${side} failed (exit ${code}):\n${stderr.slice(-4000)}`);
  }
  const result = JSON.parse(line.slice(RESULT_PREFIX.length));
  let cpuSeconds: number | undefined;
  let peakMB = NaN;
  if (timed) {
    const [, user, system, maxKB] = fs.readFileSync(timeFile, 'utf-8').trim().split('\n').pop()!.split(' ').map(Number);
    cpuSeconds = user + system;
    peakMB = Math.round(maxKB / 1024);
    fs.rmSync(timeFile, { force: true });
  }
  return { ...result, wallSeconds, cpuSeconds, peakMB };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Medians per scenario and side, each side's ratio to the baseline, and the walls each side meets. */
function markdownTable(rows: Row[]): string {
  const header = ['scenario', 'side', 'stacks', 'resources', 'template KB', 'largest stack (resources / KB)',
    'rules on busiest listener', 'rules on busiest security group', 'wall s', 'CPU s', 'peak MB', 'wall ratio'];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i < 2 ? '---' : '---:')).join('|')}|`];
  for (const row of rows) {
    for (const [side, runs] of Object.entries(row.sides) as Array<[Side, Measured[]]>) {
      // A service's own synth is compared with the same service in plain CDK; everything else with the baseline.
      const reference = row.sides[side === 'service' || side === 'plain-service' ? 'plain-service' : 'baseline']!;
      const base = median(reference.map((m) => m.wallSeconds));
      const m = runs[0];
      const wall = median(runs.map((r) => r.wallSeconds));
      const cpu = runs.every((r) => r.cpuSeconds !== undefined) ? median(runs.map((r) => r.cpuSeconds!)).toFixed(1) : '?';
      const wallsHit = (value: number, quota: number) => `${value}${value > quota ? ' (over quota)' : ''}`;
      lines.push(`| ${row.scenario} | ${side} | ${m.stacks} | ${m.resources} | ${Math.round(m.templateBytes / 1024)} | `
        + `${wallsHit(m.maxStackResources, 500)} / ${Math.round(m.maxTemplateBytes / 1024)} | ${wallsHit(m.maxRulesPerListener, 100)} | `
        + `${wallsHit(m.maxRulesPerSecurityGroup, 60)} | ${wall.toFixed(1)} | ${cpu} | ${median(runs.map((r) => r.peakMB))} | `
        + `${(wall / base).toFixed(2)} |`);
    }
  }
  return lines.join('\n');
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
