import { awscdk, DependencyType, javascript } from 'projen';
import { PlatformLibrary } from './platform-library';
import { PlatformMonorepo } from './platform-monorepo';
import { pin, VERSIONS } from './versions';

/** Options of a CDK app of the monorepo. */
export interface PlatformAppOptions {
  /** Folder under the repository root. */
  readonly outdir: string;
  /** npm package name (private). */
  readonly name: string;
  readonly description: string;
  /** The construct library the app is built with. */
  readonly library: PlatformLibrary;
}

/**
 * A CDK app of the monorepo: TypeScript, aws-cdk-lib and constructs pinned to the
 * monorepo's exact versions, the construct library as a workspace dependency, the
 * recommended feature flags, and tests with jest.
 */
export class PlatformApp extends awscdk.AwsCdkTypeScriptApp {
  constructor(root: PlatformMonorepo, options: PlatformAppOptions) {
    super({
      parent: root,
      outdir: options.outdir,
      name: options.name,
      description: options.description,
      defaultReleaseBranch: 'main',
      packageManager: javascript.NodePackageManager.NPM,
      projenVersion: VERSIONS.projen,
      typescriptVersion: VERSIONS.typescript,
      cdkVersion: VERSIONS.awsCdkLib,
      cdkVersionPinning: true,
      // The flags `cdk init` gives a new app with the pinned aws-cdk-lib (secure defaults such as
      // bucket-policy access logs, minimized IAM policies).
      featureFlags: awscdk.CdkFeatureFlagsV2.fromLocalAwsCdkLib(),
      cdkCliVersion: VERSIONS.awsCdkCli,
      constructsVersion: VERSIONS.constructs,
      minNodeVersion: '20.0.0',
      workflowNodeVersion: VERSIONS.workflowNode,
      licensed: false,
      release: false,
      sampleCode: false,
      eslint: true,
      prettier: false,
      github: false,
      jestOptions: {
        jestVersion: VERSIONS.jest,
        updateSnapshot: javascript.UpdateSnapshot.NEVER,
        jestConfig: { maxWorkers: 2 },
      },
      deps: [
        // A range, not `*`: projen would rewrite `*` to `^0.0.0`, which stops matching the workspace after a release.
        `${options.library.package.packageName}@>=0.0.0`,
      ],
      devDeps: [pin('ts-node', VERSIONS.tsNode), pin('@types/node', VERSIONS.typesNode)],
      gitignore: ['/cdk.out/'],
    });
    // projen's CDK apps leave compile empty (ts-node compiles at synth): type-check and emit lib/
    // in the build, so that the fleet command can load the app's modules.
    this.compileTask.reset('tsc --build');
    // The app's tests synthesize it through every gate, and so does the fleet command: no
    // post-compile `cdk synth` in the build (`npx projen synth` still does it on demand).
    this.postCompileTask.reset();
    // Apps pin constructs exactly, like aws-cdk-lib (projen writes a caret range).
    this.deps.addDependency(pin('constructs', VERSIONS.constructs), DependencyType.RUNTIME);
    // The apps bundle no Lambda function: no esbuild.
    this.deps.removeDependency('esbuild');
    root.addWorkspace(this, { packaged: false });
  }
}
