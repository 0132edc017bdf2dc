import { EnvironmentsApp } from './projenrc/environments-app';
import { IntegProject } from './projenrc/integ-project';
import { NightlyIntegWorkflow } from './projenrc/nightly-integ-workflow';
import { PlatformLibrary } from './projenrc/platform-library';
import { PlatformMonorepo } from './projenrc/platform-monorepo';
import { PropertiesDoc } from './projenrc/properties';
import { pin, VERSIONS } from './projenrc/versions';

const root = new PlatformMonorepo({
  name: 'fargate-platform',
  repository: 'https://github.com/fargate-platform/fargate-platform.git',
});

const constructs = new PlatformLibrary(root, {
  outdir: 'packages/constructs',
  name: '@fargate-platform/constructs',
  description: 'AWS CDK constructs for the Fargate service platform: environments, services, pipelines and compliance gates',
  python: { distName: 'fargate-platform-constructs', module: 'fargate_platform' },
  releaseTagPrefix: 'constructs-v',
  // cdk-nag types are part of the public API (PlatformChecks is a NagPack): a peer, as jsii requires.
  peerDeps: [`cdk-nag@^${VERSIONS.cdkNag}`],
  deps: [pin('@cdklabs/cdk-validator-cfnguard', VERSIONS.cfnGuardValidator)],
});

constructs.writeGeneratedDoc('docs/ENVIRONMENTS.md', 'lib/environment/private/profile-table', 'writeProfileTable');

new EnvironmentsApp(root, constructs);

const integ = new IntegProject(root, { library: constructs });
new NightlyIntegWorkflow(root, { integ });

new PropertiesDoc(root, { testDirs: ['packages/constructs/test'] });

root.synth();
