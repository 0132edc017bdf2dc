import * as fs from 'fs';
import * as path from 'path';
import { PlatformNetwork } from '@fargate-platform/constructs';
import { EnvironmentDeployment, loadDeployments } from '@fargate-platform/environments';
import { runFleet } from '@fargate-platform/fleet';
import { ServiceDefinition } from '@fargate-platform/service-model';
import { App } from 'aws-cdk-lib';
import { buildBaseline } from './baseline';
import { measureAssemblies } from './measure';
import { RESULT_PREFIX, RunResult } from './result';
import { scenario } from './scenarios';

/**
 * One run of one side of one scenario, in this process (the benchmark starts a process per
 * run so that its time and peak memory are the run's alone): `node run.js platform|baseline
 * <scenario> <outdir> [jobs]`.
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
  } else if (side === 'baseline') {
    const deployments: EnvironmentDeployment[] = loadDeployments(deploymentsFile).filter((d) => s.environments.includes(d.profile.name));
    const app = new App({
      outdir,
      context: JSON.parse(fs.readFileSync(require.resolve('aws-cdk-lib/recommended-feature-flags.json'), 'utf-8')),
    });
    deployments.forEach((d) => PlatformNetwork.provideAvailabilityZones(app, d.account, d.region, d.availabilityZones));
    buildBaseline(app, s.descriptions.map((d) => ServiceDefinition.parse(d)), deployments);
    app.synth();
  } else {
    throw new Error(`side must be 'platform' or 'baseline'; got '${side}'`);
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
