import * as path from 'path';
import { awscdk, github, javascript, ReleasableCommits, TextFile } from 'projen';
import { JsiiConventions } from './jsii-conventions';
import { PlatformMonorepo } from './platform-monorepo';
import { pin, VERSIONS } from './versions';

/** Options of a jsii library in this monorepo. */
export interface PlatformLibraryOptions {
  /** Folder under the repository root, e.g. `packages/constructs`. */
  readonly outdir: string;
  /** npm package name. */
  readonly name: string;
  readonly description: string;
  /** PyPI distribution name and Python module; omit for an npm-only library. */
  readonly python?: { readonly distName: string; readonly module: string };
  readonly deps?: string[];
  readonly peerDeps?: string[];
  readonly devDeps?: string[];
  /** Tag prefix of this library's releases, e.g. `constructs-v`. */
  readonly releaseTagPrefix: string;
}

/**
 * A jsii construct library of the platform: compiled by jsii, documented by jsii-docgen
 * (API.md), README examples compiled and translated to Python by jsii-rosetta in strict
 * mode, and, when it has a Python target, a wheel built offline from Debian's Python
 * tooling (PyPI is not needed; see docs/VERSIONS.md).
 */
export class PlatformLibrary extends awscdk.AwsCdkConstructLibrary {
  private readonly rootRelative: string;

  constructor(root: PlatformMonorepo, options: PlatformLibraryOptions) {
    super({
      parent: root,
      outdir: options.outdir,
      name: options.name,
      description: options.description,
      ...JsiiConventions.COMMON_OPTIONS,
      repositoryDirectory: options.outdir,
      cdkVersion: VERSIONS.awsCdkLib,
      constructsVersion: VERSIONS.constructs,
      jsiiVersion: VERSIONS.jsii,
      typescriptVersion: VERSIONS.typescript,
      projenVersion: VERSIONS.projen,
      workflowNodeVersion: VERSIONS.workflowNode,
      minNodeVersion: '20.0.0',
      publishToPypi: options.python,
      releaseTagPrefix: options.releaseTagPrefix,
      releasableCommits: ReleasableCommits.ofType(['feat', 'fix', 'perf', 'revert']),
      deps: options.deps,
      peerDeps: options.peerDeps,
      devDeps: [
        pin('fast-check', VERSIONS.fastCheck),
        pin('yaml', VERSIONS.yaml),
        pin('@types/node', VERSIONS.typesNode),
        ...(options.devDeps ?? []),
      ],
      jestOptions: {
        jestVersion: VERSIONS.jest,
        updateSnapshot: javascript.UpdateSnapshot.NEVER,
        jestConfig: {
          // Synthesis is CPU-bound; two workers on a two-core machine keep memory in check.
          maxWorkers: 2,
          setupFilesAfterEnv: ['<rootDir>/test/setup-fast-check.ts'],
        },
      },
      gitignore: ['/dist/', '/.pacmak/', '/.jsii.tabl.json', '*.tabl.json'],
    });

    // projen adds these unversioned and resolves them from node_modules after a subproject
    // install, which in a workspace runs before the root install: pin them instead.
    this.addDevDeps(pin('jsii-pacmak', VERSIONS.jsiiPacmak), pin('jsii-diff', VERSIONS.jsiiDiff), pin('jsii-docgen', VERSIONS.jsiiDocgen));

    this.rootRelative = path.relative(this.outdir, root.outdir) || '.';
    root.addWorkspace(this);
    JsiiConventions.apply(this, this.rootRelative);
    JsiiConventions.platformVersion(this, VERSIONS.platform, options.releaseTagPrefix);
    if (options.python) {
      this.configureOfflineWheel(options.python.module);
    }
  }

  /**
   * Write a document of the repository from the compiled library after each compile, so
   * that it cannot drift from the code (the CI diff check catches a stale copy).
   *
   * @param file path from the repository root, e.g. `docs/ENVIRONMENTS.md`
   * @param module compiled module of this library exporting the writer, e.g. `lib/x/y`
   * @param writer name of the exported function `(file: string) => void`
   */
  public writeGeneratedDoc(file: string, module: string, writer: string): void {
    const target = path.posix.join(this.rootRelative, file);
    this.postCompileTask.exec(`node -e "require('./${module}').${writer}('${target}')"`, { name: `write ${file}` });
  }

  /** Release jobs run in this folder, but dependencies are installed once at the root. */
  public renderWorkflowSetup(options: javascript.RenderWorkflowSetupOptions = {}): github.workflows.JobStep[] {
    return JsiiConventions.rootInstall(super.renderWorkflowSetup(options), this.rootRelative);
  }

  /** The wheel is built offline (`JsiiConventions.offlineWheel`); its README examples compile against this fixture. */
  private configureOfflineWheel(module: string): void {
    JsiiConventions.offlineWheel(this, this.rootRelative, module);
    new TextFile(this, 'rosetta/default.ts-fixture', {
      lines: [
        '// Fixture with packages imported, but nothing else',
        "import { Duration, App, Stack } from 'aws-cdk-lib';",
        "import * as acm from 'aws-cdk-lib/aws-certificatemanager';",
        "import * as ec2 from 'aws-cdk-lib/aws-ec2';",
        "import * as ecr from 'aws-cdk-lib/aws-ecr';",
        "import * as ecs from 'aws-cdk-lib/aws-ecs';",
        "import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';",
        "import * as iam from 'aws-cdk-lib/aws-iam';",
        "import * as kms from 'aws-cdk-lib/aws-kms';",
        "import * as logs from 'aws-cdk-lib/aws-logs';",
        "import * as s3 from 'aws-cdk-lib/aws-s3';",
        "import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';",
        "import * as sns from 'aws-cdk-lib/aws-sns';",
        "import * as ssm from 'aws-cdk-lib/aws-ssm';",
        "import { Construct } from 'constructs';",
        `import * as platform from '${this.package.packageName}';`,
        "import * as model from '@fargate-platform/service-model';",
        `import { Compliance, ComplianceGate, CompliancePack, MandatoryTags } from '${this.package.packageName}';`,
        '',
        'class Fixture extends Stack {',
        '  constructor(scope: Construct, id: string) {',
        '    super(scope, id);',
        '    /// here',
        '  }',
        '}',
      ],
    });
  }
}
