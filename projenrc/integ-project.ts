import { javascript, JsonFile, typescript } from 'projen';
import { PlatformLibrary } from './platform-library';
import { PlatformMonorepo } from './platform-monorepo';
import { pin, VERSIONS } from './versions';

/** Options of the integration-test package. */
export interface IntegProjectOptions {
  /** The construct library under test. */
  readonly library: PlatformLibrary;
  /** The service model the scenarios describe their probe with. */
  readonly serviceModel: javascript.NodeProject;
}

/**
 * `integ/`: one `integ.<scenario>.ts` per scenario, each an IntegTest with assertions
 * against the live APIs. Here (no AWS account) the test task verifies the committed
 * snapshots; the nightly workflow deploys the scenarios and runs their assertions.
 */
export class IntegProject extends typescript.TypeScriptProject {
  /** Arguments shared by every integ-runner invocation. */
  public static readonly RUNNER_ARGS = '--language typescript --directory . --parallel-regions us-east-1';

  constructor(root: PlatformMonorepo, options: IntegProjectOptions) {
    super({
      parent: root,
      outdir: 'integ',
      name: '@fargate-platform/integ',
      defaultReleaseBranch: 'main',
      packageManager: javascript.NodePackageManager.NPM,
      projenVersion: VERSIONS.projen,
      typescriptVersion: VERSIONS.typescript,
      licensed: false,
      release: false,
      jest: false,
      sampleCode: false,
      eslint: true,
      // The scenarios sit at the package's root (integ-runner finds integ.*.ts there).
      eslintOptions: { dirs: ['.'] },
      prettier: false,
      disableTsconfig: true,
      tsconfigDev: {
        include: ['*.ts'],
        compilerOptions: { typeRoots: ['../node_modules/@types'] },
      },
      deps: [
        // A range, not `*`: projen would rewrite `*` to `^0.0.0`, which stops matching
        // the workspace as soon as a release bumps the library's version.
        `${options.library.package.packageName}@>=0.0.0`,
        `${options.serviceModel.package.packageName}@>=0.0.0`,
        pin('aws-cdk-lib', VERSIONS.awsCdkLib),
        pin('constructs', VERSIONS.constructs),
        pin('@aws-cdk/integ-tests-alpha', VERSIONS.integTestsAlpha),
      ],
      devDeps: [
        pin('@aws-cdk/integ-runner', VERSIONS.integRunner),
        pin('aws-cdk', VERSIONS.awsCdkCli),
        pin('ts-node', VERSIONS.tsNode),
        pin('@types/node', VERSIONS.typesNode),
      ],
      // Assertion-provider bundles are 2 MB each and not needed to verify a snapshot (diffAssets: false).
      gitignore: ['/cdk.out/', 'cdk.context.json', '*.snapshot/asset.*'],
    });
    root.addWorkspace(this, { packaged: false });
    // eslint's TypeScript project service reads each file's nearest tsconfig.json: the dev config, under that name.
    new JsonFile(this, 'tsconfig.json', { obj: { extends: './tsconfig.dev.json' } });

    this.compileTask.reset('tsc --noEmit -p tsconfig.dev.json');
    this.testTask.reset(`integ-runner ${IntegProject.RUNNER_ARGS}`, {
      // Type-checking already ran in compile; transpile-only cuts the check from ~30 s to ~10 s.
      env: { TS_NODE_TRANSPILE_ONLY: '1', TS_NODE_PROJECT: 'tsconfig.dev.json' },
    });
    this.addTask('integ:update', {
      description: 'Re-synthesize every scenario and rewrite its snapshot (no deployment)',
      exec: `integ-runner ${IntegProject.RUNNER_ARGS} --update-on-failed --dry-run`,
      env: { TS_NODE_TRANSPILE_ONLY: '1', TS_NODE_PROJECT: 'tsconfig.dev.json' },
    });
    this.addTask('integ:deploy', {
      description: 'Deploy every scenario to the current AWS account, run its assertions, destroy it (nightly)',
      exec: `integ-runner ${IntegProject.RUNNER_ARGS} --force --update-on-failed`,
      env: { TS_NODE_TRANSPILE_ONLY: '1', TS_NODE_PROJECT: 'tsconfig.dev.json' },
    });
  }
}
