import * as path from 'path';
import { javascript, typescript } from 'projen';
import { FleetCommand } from './fleet-command';
import { PlatformMonorepo } from './platform-monorepo';
import { pin, VERSIONS } from './versions';

/**
 * `packages/bench`: the benchmark (`npx projen bench`). It synthesizes, side by side and each
 * run in a child process of its own, the platform's fleet (every gate included) and a baseline
 * app a team would write with plain aws-cdk-lib (no gates), at 12 services x 4 environments and
 * at 50, 100 and 200 generated services in one environment, and reports wall time, CPU, peak
 * memory, resources, template bytes and the ratio. Not part of the build: timings belong to a
 * machine, not to a test.
 */
export class BenchProject extends typescript.TypeScriptProject {
  /** @param root the monorepo, whose fleet command (and so library and environments app) the benchmark runs */
  constructor(root: PlatformMonorepo) {
    const fleet = root.subprojects.find((p): p is FleetCommand => p instanceof FleetCommand);
    if (!fleet) {
      throw new Error('BenchProject benchmarks the fleet command: create the FleetCommand first');
    }
    const { library, environments } = fleet;
    super({
      parent: root,
      outdir: 'packages/bench',
      name: '@fargate-platform/bench',
      description: 'Benchmark: the platform fleet against plain CDK at 12x4, 50, 100 and 200 services',
      defaultReleaseBranch: 'main',
      packageManager: javascript.NodePackageManager.NPM,
      projenVersion: VERSIONS.projen,
      typescriptVersion: VERSIONS.typescript,
      minNodeVersion: '20.0.0',
      licensed: false,
      release: false,
      sampleCode: false,
      eslint: false,
      prettier: false,
      jestOptions: { jestVersion: VERSIONS.jest, updateSnapshot: javascript.UpdateSnapshot.NEVER, jestConfig: { maxWorkers: 2 } },
      deps: [
        `${library.package.packageName}@>=0.0.0`,
        `${environments.package.packageName}@>=0.0.0`,
        `${fleet.package.packageName}@>=0.0.0`,
        pin('aws-cdk-lib', VERSIONS.awsCdkLib),
        pin('constructs', VERSIONS.constructs),
      ],
      devDeps: [pin('@types/node', VERSIONS.typesNode)],
      gitignore: ['/cdk.out/'],
    });
    for (const config of [this.tsconfig!, this.tsconfigDev]) {
      const dir = path.join(this.outdir, path.dirname(config.fileName));
      config.file.addOverride('compilerOptions.typeRoots', [path.relative(dir, path.join(root.outdir, 'node_modules/@types'))]);
    }
    this.tsconfigDev.file.addOverride('compilerOptions.isolatedModules', true);
    root.addWorkspace(this, { packaged: false });

    const relative = (p: javascript.NodeProject): string => path.relative(root.outdir, p.outdir);
    root.addTask('bench', {
      description: 'Benchmark the fleet against plain CDK at 12x4, 50, 100 and 200 services (median of 3 runs at 12x4); writes bench-report.md',
      steps: [
        { exec: 'npx projen compile', cwd: relative(library), name: 'compile the construct library' },
        { exec: 'npx projen compile', cwd: relative(environments), name: 'compile the environments app' },
        { exec: 'npx projen compile', cwd: relative(fleet), name: 'compile the fleet command' },
        { exec: 'npx projen compile', cwd: relative(this), name: 'compile the benchmark' },
        { exec: `node ${relative(this)}/lib/main.js`, receiveArgs: true },
      ],
    });
    root.gitignore.exclude('/bench-report.md', '/bench-report.json');
  }
}
