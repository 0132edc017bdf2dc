import { javascript } from 'projen';
import { ServiceExposure, ServiceRuntime } from './packages/service-model/src';
import { BenchProject } from './projenrc/bench-project';
import { DeployRehearsal } from './projenrc/deploy-rehearsal';
import { EnvironmentsApp } from './projenrc/environments-app';
import { Fleet } from './projenrc/fleet';
import { FleetCommand } from './projenrc/fleet-command';
import { GoldenPath } from './projenrc/golden-path';
import { IntegProject } from './projenrc/integ-project';
import { NightlyIntegWorkflow } from './projenrc/nightly-integ-workflow';
import { writePinsModule } from './projenrc/pins-file';
import { PlatformLibrary } from './projenrc/platform-library';
import { PlatformMonorepo } from './projenrc/platform-monorepo';
import { ProjectTypesLibrary } from './projenrc/project-types-library';
import { PropertiesDoc } from './projenrc/properties';
import { PythonServices } from './projenrc/python-services';
import { PythonTools } from './projenrc/python-tools';
import { ServiceModelLibrary } from './projenrc/service-model-library';
import { pin, VERSIONS } from './projenrc/versions';

const root = new PlatformMonorepo({
  name: 'fargate-platform',
  repository: 'https://github.com/fargate-platform/fargate-platform.git',
});
const python = new PythonTools(root, {
  'moto[server,cloudformation]': VERSIONS.moto,
  'boto3': VERSIONS.boto3,
  'botocore': VERSIONS.boto3,
  'pytest': VERSIONS.pytest,
});

const serviceModel = new ServiceModelLibrary(root);

const constructs = new PlatformLibrary(root, {
  outdir: 'packages/constructs',
  name: '@fargate-platform/constructs',
  description: 'AWS CDK constructs for the Fargate service platform: environments, services, pipelines and compliance gates',
  python: { distName: 'fargate-platform-constructs', module: 'fargate_platform' },
  releaseTagPrefix: 'constructs-v',
  // cdk-nag types are part of the public API (PlatformChecks is a NagPack): a peer, as jsii requires.
  // The service model's types (ServiceSpec, ServiceDefinition) are part of the public API too.
  peerDeps: [`cdk-nag@^${VERSIONS.cdkNag}`, `${serviceModel.package.packageName}@${VERSIONS.platform}`],
  deps: [pin('@cdklabs/cdk-validator-cfnguard', VERSIONS.cfnGuardValidator)],
});

writePinsModule(constructs, 'src/private/pins.ts', ['cfnLint'], 'The versions of the tools the library runs, which it tells its users to install.');
constructs.writeGeneratedDoc('docs/ENVIRONMENTS.md', 'lib/environment/private/profile-table', 'writeProfileTable');

const projectTypes = new ProjectTypesLibrary(root, serviceModel);

const environments = new EnvironmentsApp(root, constructs, serviceModel);
const fleetCommand = new FleetCommand(root, serviceModel, constructs, environments, python);
fleetCommand.addToBuild();
new DeployRehearsal(root, python);
new BenchProject(root);

const integ = new IntegProject(root, { library: constructs, serviceModel });
new NightlyIntegWorkflow(root, { integ });

// The twelve services: one line each. Route priorities are assigned by the fleet, most specific path first.
const fleet = new Fleet(root, 'packages/environments/deployments.json');
const { NODEJS, PYTHON } = ServiceRuntime;
const { PUBLIC } = ServiceExposure;
fleet.add({ name: 'web-frontend', runtime: NODEJS, exposure: PUBLIC, routePath: '/*', cpu: 512, memoryLimitMiB: 1024, desiredCount: 2, owner: 'web-team', costCenter: 'cc-web-2100' });
fleet.add({ name: 'api-gateway', runtime: NODEJS, exposure: PUBLIC, routePath: '/api/*', cpu: 512, memoryLimitMiB: 1024, desiredCount: 2, owner: 'api-team', costCenter: 'cc-api-2200' });
fleet.add({ name: 'auth', runtime: NODEJS, exposure: PUBLIC, routePath: '/auth/*', owner: 'identity-team', costCenter: 'cc-identity-2300', config: { SESSION_TTL_SECONDS: '3600' } });
fleet.add({ name: 'accounts', runtime: NODEJS, exposure: PUBLIC, routePath: '/api/accounts/*', owner: 'identity-team', costCenter: 'cc-identity-2300' });
fleet.add({ name: 'orders', runtime: NODEJS, exposure: PUBLIC, routePath: '/api/orders/*', cpu: 512, memoryLimitMiB: 1024, owner: 'commerce-team', costCenter: 'cc-commerce-2400', calls: ['ledger'] });
fleet.add({ name: 'payments', runtime: NODEJS, exposure: PUBLIC, routePath: '/api/payments/*', cpu: 1024, memoryLimitMiB: 2048, desiredCount: 2, maxCapacity: 8, owner: 'payments-team', costCenter: 'cc-payments-2500', calls: ['ledger', 'fraud-detection'] });
fleet.add({ name: 'reporting', runtime: NODEJS, exposure: PUBLIC, routePath: '/reports/*', owner: 'data-team', costCenter: 'cc-data-2600' });
fleet.add({ name: 'notifications', runtime: NODEJS, owner: 'messaging-team', costCenter: 'cc-messaging-2700' });
fleet.add({ name: 'ledger', runtime: NODEJS, cpu: 512, memoryLimitMiB: 1024, owner: 'payments-team', costCenter: 'cc-payments-2500' });
fleet.add({ name: 'audit-log', runtime: NODEJS, owner: 'security-team', costCenter: 'cc-security-2800' });
fleet.add({ name: 'risk-scoring', runtime: PYTHON, cpu: 1024, memoryLimitMiB: 2048, owner: 'risk-team', costCenter: 'cc-risk-2900' });
fleet.add({ name: 'fraud-detection', runtime: PYTHON, cpu: 1024, memoryLimitMiB: 2048, owner: 'risk-team', costCenter: 'cc-risk-2900', calls: ['risk-scoring'] });
fleet.synthesizeProjects();
projectTypes.publishPlatformFacts(fleet.placedRoutes(), 'packages/environments/deployments.json');
new PythonServices(root, [...fleet.projects.values()].filter((p) => !(p instanceof javascript.NodeProject)));
new GoldenPath(root);

new PropertiesDoc(root, { testDirs: ['packages/constructs/test'] });

root.synth();
