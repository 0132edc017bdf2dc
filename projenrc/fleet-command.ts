import * as path from 'path';
import { javascript, typescript } from 'projen';
import { PlatformLibrary } from './platform-library';
import { PlatformMonorepo } from './platform-monorepo';
import { pin, VERSIONS } from './versions';

/**
 * `packages/fleet`: the fleet command (`npx projen fleet`), the README's main job. It
 * synthesizes the four environments and every service in every environment, runs every
 * compliance gate, checks routes and CloudFormation limits, and reports.
 */
export class FleetCommand extends typescript.TypeScriptProject {
  /** The construct library and the environments app the command is built from. */
  public readonly library: PlatformLibrary;
  public readonly environments: javascript.NodeProject;

  constructor(root: PlatformMonorepo, library: PlatformLibrary, environments: javascript.NodeProject) {
    super({
      parent: root,
      outdir: 'packages/fleet',
      name: '@fargate-platform/fleet',
      description: 'The fleet command: synthesize every environment and service, run the gates, report',
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
        pin('aws-cdk-lib', VERSIONS.awsCdkLib),
        pin('constructs', VERSIONS.constructs),
      ],
      devDeps: [pin('@types/node', VERSIONS.typesNode)],
    });
    this.library = library;
    this.environments = environments;
    for (const config of [this.tsconfig!, this.tsconfigDev]) {
      const dir = path.join(this.outdir, path.dirname(config.fileName));
      config.file.addOverride('compilerOptions.typeRoots', [path.relative(dir, path.join(root.outdir, 'node_modules/@types'))]);
    }
    this.tsconfigDev.file.addOverride('compilerOptions.isolatedModules', true);
    root.addWorkspace(this, { packaged: false });
    environments.package.addField('main', 'lib/index.js');
    environments.package.addField('types', 'lib/index.d.ts');

    const relative = (p: javascript.NodeProject): string => path.relative(root.outdir, p.outdir);
    root.addTask('fleet', {
      description: 'Synthesize the environments and every service in every environment, run every gate, report (fleet-report.md/.json); --jobs N apps at once',
      steps: [
        { exec: 'npx projen compile', cwd: relative(library), name: 'compile the construct library' },
        { exec: 'npx projen compile', cwd: relative(environments), name: 'compile the environments app' },
        { exec: 'npx projen compile', cwd: relative(this), name: 'compile the fleet command' },
        { exec: `node ${relative(this)}/lib/main.js`, receiveArgs: true },
      ],
    });
    root.gitignore.exclude('/fleet-report.md', '/fleet-report.json');
  }
}
