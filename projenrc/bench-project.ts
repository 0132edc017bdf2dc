import { FleetCommand } from './fleet-command';
import { PlatformMonorepo } from './platform-monorepo';
import { VERSIONS } from './versions';
import { WorkspaceTool } from './workspace-tool';

/**
 * `packages/bench`: the benchmark (`npx projen bench`). It synthesizes, side by side and each
 * run in a child process of its own, the platform's fleet (every gate included) and a baseline
 * app a team would write with plain aws-cdk-lib (no gates), at 12 services x 4 environments and
 * at 50, 100 and 200 generated services in one environment, and reports wall time, CPU, peak
 * memory, resources, template bytes and the ratio. Not part of the build: timings belong to a
 * machine, not to a test.
 */
export class BenchProject extends WorkspaceTool {
  /** @param root the monorepo, whose fleet command (and so library and environments app) the benchmark runs */
  constructor(root: PlatformMonorepo) {
    const fleet = root.subprojects.find((p): p is FleetCommand => p instanceof FleetCommand);
    if (!fleet) {
      throw new Error('BenchProject benchmarks the fleet command: create the FleetCommand first');
    }
    const { serviceModel, library, environments } = fleet;
    super(root, {
      outdir: 'packages/bench',
      name: '@fargate-platform/bench',
      description: 'Benchmark: the platform fleet against plain CDK at 12x4, 50, 100 and 200 services',
      workspaces: [serviceModel, library, environments, fleet],
      // The peer: the baseline with the same gates applied as a team would (cdk-nag packs and the guard rules as validation plugins).
      deps: [`cdk-nag@${VERSIONS.cdkNag}`, `@cdklabs/cdk-validator-cfnguard@${VERSIONS.cfnGuardValidator}`],
      gitignore: ['/cdk.out/'],
    });
    this.addRootTask('bench',
      'Benchmark the fleet against plain CDK at 12x4, 50, 100 and 200 services (median of 3 runs at 12x4); writes bench-report.md',
      [[serviceModel, 'compile the service model'], [library, 'compile the construct library'], [environments, 'compile the environments app'],
        [fleet, 'compile the fleet command']],
      'compile the benchmark');
    root.gitignore.exclude('/bench-report.md', '/bench-report.json');
  }
}
