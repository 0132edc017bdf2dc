import * as fs from 'fs';
import * as path from 'path';
import { PlatformNetwork } from '@fargate-platform/constructs';
import { EnvironmentDeployment, loadDeployments } from '@fargate-platform/environments';
import { runFleet } from '@fargate-platform/fleet';
import { ServiceDefinition } from '@fargate-platform/service-model';
import { App } from 'aws-cdk-lib';
import { buildBaseline } from './baseline';
import { measureAssemblies } from './measure';
import { appWithStandardGates, assertPluginsRan, lintAssembly, runNagPacks } from './peer';
import { RESULT_PREFIX, RunResult } from './result';
import { scenario } from './scenarios';

/**
 * One run of one side of one scenario, in this process (the benchmark starts a process per
 * run so that its time and peak memory are the run's alone):
 * `node run.js platform|baseline|peer|service|plain-service <scenario> <outdir> [jobs]`.
 *
 * - platform: the fleet command's work (every stack, every gate, the report's checks);
 * - baseline: the same services in plain aws-cdk-lib, no gates (`buildBaseline`);
 * - peer: the baseline with the gates applied the standard way (`appWithStandardGates`: the cdk-nag
 *   packs over every stack, the guard rules as a validation plugin, then cfn-lint over cdk.out);
 * - service / plain-service: one service's synth, with every gate / in plain CDK.
 */
async function main(): Promise<void> {
  const [side, name, outdir, jobs] = process.argv.slice(2);
  const root = path.resolve(__dirname, '..', '..', '..');
  const started = Date.now();
  const s = scenario(root, name);
  fs.rmSync(outdir, { recursive: true, force: true });
  const deploymentsFile = path.join(root, 'packages', 'environments', 'deployments.json');
  let problems: string[] = [];
  if (side === 'platform') {
    const report = await runFleet({
      root,
      descriptions: s.descriptions,
      environments: s.environments,
      loadBalancers: s.loadBalancers,
      outdir,
      jobs: jobs ? Number(jobs) : undefined,
    });
    problems = report.problems;
  } else if (side === 'service') {
    // One service's own synth, as its team runs it: its stacks in every environment, every gate (no environment stack).
    const report = await runFleet({ root, descriptions: [serviceOf(s.descriptions)], environments: s.environments, skipEnvironments: true, outdir });
    problems = report.problems;
  } else if (side === 'baseline' || side === 'peer' || side === 'plain-service') {
    const deployments: EnvironmentDeployment[] = loadDeployments(deploymentsFile).filter((d) => s.environments.includes(d.profile.name));
    const context = JSON.parse(fs.readFileSync(require.resolve('aws-cdk-lib/recommended-feature-flags.json'), 'utf-8'));
    const app = side === 'peer' ? appWithStandardGates(outdir, context) : new App({ outdir, context });
    deployments.forEach((d) => PlatformNetwork.provideAvailabilityZones(app, d.account, d.region, d.availabilityZones));
    const descriptions = side === 'plain-service' ? [serviceOf(s.descriptions)] : s.descriptions;
    buildBaseline(app, descriptions.map((d) => ServiceDefinition.parse(d)), deployments);
    if (side === 'peer') {
      // The plain app has findings: cdk-nag reports them, then CDK prints the guard plugin's report and sets a failing
      // exit code after writing the templates. The reports are not the bench's output (BENCH_SHOW_PEER_REPORT=1 shows
      // CDK's); the time they took is, and every gate must have run.
      const findings = runNagPacks(app);
      const write = process.stdout.write.bind(process.stdout);
      const writeError = process.stderr.write.bind(process.stderr);
      process.stdout.write = process.env.BENCH_SHOW_PEER_REPORT ? write : () => true;
      process.stderr.write = process.env.BENCH_SHOW_PEER_REPORT ? writeError : () => true;
      try {
        app.synth();
      } finally {
        process.stdout.write = write;
        process.stderr.write = writeError;
      }
      process.exitCode = undefined;
      assertPluginsRan(outdir, ['cdk-validator-cfnguard']);
      if (findings === 0) {
        throw new Error('the cdk-nag packs found nothing in the plain fleet: they did not run');
      }
      lintAssembly(root, outdir);
    } else {
      app.synth();
    }
  } else {
    throw new Error(`side must be 'platform', 'baseline', 'peer', 'service' or 'plain-service'; got '${side}'`);
  }
  const result: RunResult & ReturnType<typeof measureAssemblies> = {
    side,
    scenario: s.name,
    services: s.descriptions.length,
    problems,
    synthSeconds: (Date.now() - started) / 1000,
    ...measureAssemblies([outdir]),
  };
  console.log(RESULT_PREFIX + JSON.stringify(result));
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});

/** The service whose own synth the bench times: the fleet's first that calls no other (a service app alone has no callee). */
function serviceOf(descriptions: any[]): any {
  const service = descriptions.find((d) => (d.spec.calls ?? []).length === 0);
  if (!service) {
    throw new Error('every service of the scenario calls another: the service-synth comparison needs one that calls none');
  }
  return service;
}
