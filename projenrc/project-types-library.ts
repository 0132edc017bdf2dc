import * as fs from 'fs';
import * as path from 'path';
import { cdk, github, javascript, ReleasableCommits, TextFile } from 'projen';
import { JsiiConventions } from './jsii-conventions';
import { writeGeneratedModule, writePinsModule } from './pins-file';
import { PlatformMonorepo } from './platform-monorepo';
import { pin, VERSIONS } from './versions';
import type { PlacedRoute } from '../packages/service-model/src';

/**
 * `packages/projen`: the projen project types a service team starts from
 * (`npx projen new --from @fargate-platform/projen fargate-service`). A jsii library on npm;
 * the pins it writes into new projects are generated from projenrc/versions.ts.
 */
export class ProjectTypesLibrary extends cdk.JsiiProject {
  /** Where the pins of generated projects are written. */
  public static readonly PINS_FILE = 'src/private/pins.ts';

  private readonly rootRelative: string;

  constructor(root: PlatformMonorepo, serviceModel: cdk.JsiiProject) {
    super({
      ...JsiiConventions.COMMON_OPTIONS,
      parent: root,
      outdir: 'packages/projen',
      name: '@fargate-platform/projen',
      description: 'projen project types of the Fargate service platform: TypeScript and Python services',
      repositoryDirectory: 'packages/projen',
      jsiiVersion: VERSIONS.jsii,
      typescriptVersion: VERSIONS.typescript,
      projenVersion: VERSIONS.projen,
      workflowNodeVersion: VERSIONS.workflowNode,
      minNodeVersion: '20.0.0',
      releaseTagPrefix: 'projen-v',
      releasableCommits: ReleasableCommits.ofType(['feat', 'fix', 'perf', 'revert']),
      // Python teams write .projenrc.py: the project types as a Python package too.
      publishToPypi: { distName: 'fargate-platform-projen', module: 'fargate_platform_projen' },
      // The service model parses what a project's options say, when `npx projen` runs.
      peerDeps: [`projen@^${VERSIONS.projen}`, `constructs@^${VERSIONS.constructs}`, `${serviceModel.package.packageName}@${VERSIONS.platform}`],
      devDeps: [
        pin('projen', VERSIONS.projen),
        pin('constructs', VERSIONS.constructs),
        pin('@types/node', VERSIONS.typesNode),
      ],
      jestOptions: { jestVersion: VERSIONS.jest, updateSnapshot: javascript.UpdateSnapshot.NEVER, jestConfig: { maxWorkers: 2 } },
      gitignore: ['/dist/', '/.jsii.tabl.json'],
    });
    this.addDevDeps(pin('jsii-pacmak', VERSIONS.jsiiPacmak), pin('jsii-diff', VERSIONS.jsiiDiff), pin('jsii-docgen', VERSIONS.jsiiDocgen));
    this.rootRelative = path.relative(this.outdir, root.outdir);
    root.addWorkspace(this);
    JsiiConventions.apply(this, this.rootRelative);
    JsiiConventions.platformVersion(this, VERSIONS.platform, 'projen-v');
    JsiiConventions.offlineWheel(this, this.rootRelative, 'fargate_platform_projen');
    new TextFile(this, 'rosetta/default.ts-fixture', {
      lines: ["import * as projen from 'projen';", "import * as types from '@fargate-platform/projen';", '', '/// here'],
    });

    // The feature flags a new CDK app gets with the pinned aws-cdk-lib: the Python services' cdk.json and app.py use them
    // too (no aws-cdk-lib npm package at hand when .projenrc.py runs), so both languages synthesize the same templates.
    writeGeneratedModule(this, 'src/private/feature-flags.ts', 'The recommended feature flags of the pinned aws-cdk-lib, for new service apps.',
      'FEATURE_FLAGS', JSON.parse(fs.readFileSync(require.resolve('aws-cdk-lib/recommended-feature-flags.json'), 'utf-8')));
    writePinsModule(this, ProjectTypesLibrary.PINS_FILE,
      ['awsCdkLib', 'awsCdkCli', 'constructs', 'typescript', 'tsNode', 'typesNode', 'jest', 'cdkNag', 'cfnGuardValidator', 'cfnLint',
        'projen', 'pytest', 'eslint', 'typescriptEslint', 'eslintPluginImport', 'eslintImportResolverTypescript'],
      'The versions a generated service project pins: the same as the platform\'s own.');
  }

  /**
   * What a service in its own repository needs to know of the platform, published with the project
   * types (`src/private/platform-facts.ts`): where each environment is (its first deployments.json)
   * and the fleet's listener rules (its route priority is placed before them, and checked against them).
   * An upgrade of the project types brings the current ones.
   */
  public publishPlatformFacts(routes: PlacedRoute[], deploymentsFile: string): void {
    const deployments: Array<Record<string, unknown>> = JSON.parse(fs.readFileSync(path.join(this.root.outdir, deploymentsFile), 'utf-8'));
    writeGeneratedModule(this, 'src/private/fleet-routes.ts', 'The fleet\'s listener rules on every environment (its route plan).',
      'FLEET_ROUTES', routes, 'the fleet in the projenrc');
    writeGeneratedModule(this, 'src/private/platform-deployments.ts', `Where each environment is: ${deploymentsFile}, the fields a service needs.`,
      'PLATFORM_DEPLOYMENTS', deployments.map((d) => ({ environment: d.environment, account: d.account, region: d.region, connectionArn: d.connectionArn })),
      deploymentsFile);
  }

  /** Release jobs run in this folder, but dependencies are installed once at the root. */
  public renderWorkflowSetup(options: javascript.RenderWorkflowSetupOptions = {}): github.workflows.JobStep[] {
    return JsiiConventions.rootInstall(super.renderWorkflowSetup(options), this.rootRelative);
  }
}
