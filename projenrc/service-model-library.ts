import * as path from 'path';
import { cdk, github, javascript, ReleasableCommits, TextFile } from 'projen';
import { JsiiConventions } from './jsii-conventions';
import { PlatformMonorepo } from './platform-monorepo';
import { pin, VERSIONS } from './versions';

/**
 * `packages/service-model`: the one service model (npm `@fargate-platform/service-model`, PyPI
 * `fargate-platform-service-model`). What a team writes about its service is parsed here, once,
 * into a validated spec per environment; the enums, defaults, Fargate sizes, AWS naming and
 * value rules, derived names, route plan and quotas live here too. It depends on no framework
 * (no aws-cdk-lib, no projen): `.projenrc.ts`, the project types, the constructs and the fleet
 * all import it. Its one bundled library is zod, which validates a description and generates
 * the JSON Schema of service.json from the same definition (see docs/SERVICE-MODEL.md).
 */
export class ServiceModelLibrary extends cdk.JsiiProject {
  /** The JSON Schema of service.json, written after each compile. */
  public static readonly SCHEMA_FILE = 'service.schema.json';

  private readonly rootRelative: string;

  constructor(root: PlatformMonorepo) {
    super({
      ...JsiiConventions.COMMON_OPTIONS,
      parent: root,
      outdir: 'packages/service-model',
      name: '@fargate-platform/service-model',
      description: 'The service model of the Fargate service platform: what a team writes about its service, parsed once and validated',
      repositoryDirectory: 'packages/service-model',
      jsiiVersion: VERSIONS.jsii,
      typescriptVersion: VERSIONS.typescript,
      projenVersion: VERSIONS.projen,
      workflowNodeVersion: VERSIONS.workflowNode,
      minNodeVersion: '20.0.0',
      releaseTagPrefix: 'service-model-v',
      releasableCommits: ReleasableCommits.ofType(['feat', 'fix', 'perf', 'revert']),
      publishToPypi: { distName: 'fargate-platform-service-model', module: 'fargate_platform_service_model' },
      bundledDeps: [pin('zod', VERSIONS.zod)],
      devDeps: [pin('@types/node', VERSIONS.typesNode), pin('fast-check', VERSIONS.fastCheck)],
      jestOptions: { jestVersion: VERSIONS.jest, updateSnapshot: javascript.UpdateSnapshot.NEVER, jestConfig: { maxWorkers: 2 } },
      gitignore: ['/dist/', '/.jsii.tabl.json'],
    });
    this.addDevDeps(pin('jsii-pacmak', VERSIONS.jsiiPacmak), pin('jsii-diff', VERSIONS.jsiiDiff), pin('jsii-docgen', VERSIONS.jsiiDocgen));
    this.rootRelative = path.relative(this.outdir, root.outdir);
    root.addWorkspace(this);
    JsiiConventions.apply(this, this.rootRelative);
    JsiiConventions.offlineWheel(this, this.rootRelative, 'fargate_platform_service_model');
    JsiiConventions.platformVersion(this, VERSIONS.platform, 'service-model-v');
    JsiiConventions.bundleHoistedDependencies(this, this.rootRelative);
    this.postCompileTask.exec(`node -e "require('./lib/schema/json-schema').writeJsonSchema('${ServiceModelLibrary.SCHEMA_FILE}')"`,
      { name: `write ${ServiceModelLibrary.SCHEMA_FILE}` });
    this.npmignore?.include(`/${ServiceModelLibrary.SCHEMA_FILE}`);
    new TextFile(this, 'rosetta/default.ts-fixture', {
      lines: [
        '// Fixture with the package imported, but nothing else',
        `import { AwsRules, RoutePlanner, ServiceDefinition, ServiceExposure, ServiceNames, ServiceRuntime } from '${this.package.packageName}';`,
        '',
        '/// here',
      ],
    });
  }

  /** Release jobs run in this folder, but dependencies are installed once at the root. */
  public renderWorkflowSetup(options: javascript.RenderWorkflowSetupOptions = {}): github.workflows.JobStep[] {
    return JsiiConventions.rootInstall(super.renderWorkflowSetup(options), this.rootRelative);
  }
}
