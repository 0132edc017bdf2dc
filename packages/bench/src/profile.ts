import * as fs from 'fs';
import * as path from 'path';
import { ComplianceGate, ServiceApplication } from '@fargate-platform/constructs';
import { buildEnvironments, loadDeployments } from '@fargate-platform/environments';
import { ServiceDefinition } from '@fargate-platform/service-model';
import { App } from 'aws-cdk-lib';
import { scenario } from './scenarios';

/**
 * `node packages/bench/lib/profile.js [scenario]`: where the fleet's time goes, one app after
 * the other in this process: building the construct tree, synthesis, each cdk-nag pack,
 * cfn-guard (wall time, and the CPU time of its processes), and the rest of the gate.
 * It wraps the gate's pack runners with timers; the findings are the gate's own.
 */
function main(): void {
  const root = path.resolve(__dirname, '..', '..', '..');
  const name = process.argv[2] ?? '12x4';
  const s = scenario(root, name);
  const outdir = path.join(__dirname, '..', 'cdk.out', 'profile');
  fs.rmSync(outdir, { recursive: true, force: true });
  const context = {
    ...JSON.parse(fs.readFileSync(require.resolve('aws-cdk-lib/recommended-feature-flags.json'), 'utf-8')),
    '@fargate-platform/constructs:quotaHeadroom': 0.8,
  };

  const wall = new Map<string, number>();
  const add = (phase: string, ms: number) => wall.set(phase, (wall.get(phase) ?? 0) + ms);
  const timed = <T>(phase: string, fn: () => T): T => {
    const started = process.hrtime.bigint();
    try {
      return fn();
    } finally {
      add(phase, Number(process.hrtime.bigint() - started) / 1e6);
    }
  };
  // The gate's runners, wrapped: the compiled gate calls them through the module's exports.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const runners = require('@fargate-platform/constructs/lib/compliance/private/pack-runners');
  const { runNagPack, runGuard } = runners;
  let guardCpu = 0;
  runners.runNagPack = (pack: string, stack: unknown) => timed(`cdk-nag ${pack}`, () => runNagPack(pack, stack));
  runners.runGuard = (templates: string[]) => {
    const before = childrenCpuSeconds();
    try {
      return timed('cfn-guard', () => runGuard(templates));
    } finally {
      guardCpu += childrenCpuSeconds() - before;
    }
  };
  const synth = App.prototype.synth;
  App.prototype.synth = function (this: App, options?: any) {
    return timed('synthesis (App.synth)', () => synth.call(this, options));
  };

  const started = process.hrtime.bigint();
  const gate = (app: App) => timed('gate (total)', () => ComplianceGate.check(app));
  const envApp = new App({ outdir: path.join(outdir, 'environments'), context });
  const deployments = loadDeployments(path.join(root, 'packages', 'environments', 'deployments.json')).filter((d) => s.environments.includes(d.profile.name));
  timed('build the construct tree', () => buildEnvironments(envApp, deployments, { loadBalancers: s.loadBalancers }));
  gate(envApp);
  for (const description of s.descriptions) {
    const app = new App({ outdir: path.join(outdir, description.spec.name), context });
    timed('build the construct tree', () => ServiceApplication.addStacks(app, ServiceDefinition.parse(description)));
    gate(app);
  }
  const total = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage();

  const rows = [...wall].sort(([, a], [, b]) => b - a);
  console.log(`profile of ${s.name}: ${(total / 1000).toFixed(1)} s wall in one thread; node CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, `
    + `cfn-guard processes CPU ${guardCpu.toFixed(1)} s`);
  console.log('| phase | wall s | share of wall |');
  console.log('|---|---:|---:|');
  for (const [phase, ms] of rows) {
    console.log(`| ${phase} | ${(ms / 1000).toFixed(1)} | ${phase === 'gate (total)' ? '' : `${Math.round((100 * ms) / total)} %`} |`);
  }
}

/** User + system seconds of this process's finished children (cfn-guard), from /proc (Linux). */
function childrenCpuSeconds(): number {
  try {
    const fields = fs.readFileSync('/proc/self/stat', 'utf-8').split(') ')[1].split(' ');
    // After the command: state is field 3, so cutime (16) and cstime (17) are at 13 and 14 here.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return NaN;
  }
}

main();
