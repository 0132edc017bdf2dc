import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { EnvironmentContract, EnvironmentProfile, IPlatformEnvironment, PlatformService, ServiceKind, ServiceRepository, ServiceRuntime, ServiceSpec } from '../../src';

/** The account and region every service test synthesizes for. */
export const TEST_ENV = { account: '111111111111', region: 'eu-west-1' };

/** A complete ARN of a secret in the test account. */
export const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:orders/db-AbCdEf';

/** A valid public Node.js service. */
export function publicSpec(overrides: Partial<ServiceSpec> = {}): ServiceSpec {
  return {
    name: 'orders',
    kind: ServiceKind.PUBLIC,
    runtime: ServiceRuntime.NODEJS,
    containerPort: 3000,
    cpu: 512,
    memoryLimitMiB: 1024,
    desiredCount: 1,
    route: { pathPattern: '/orders/*', priority: 100 },
    owner: 'orders-team',
    costCenter: 'cc-1001',
    sourceRepository: 'acme/orders',
    ...overrides,
  };
}

/** A valid internal Python service. */
export function internalSpec(overrides: Partial<ServiceSpec> = {}): ServiceSpec {
  return {
    name: 'billing',
    kind: ServiceKind.INTERNAL,
    runtime: ServiceRuntime.PYTHON,
    containerPort: 8000,
    cpu: 256,
    memoryLimitMiB: 512,
    desiredCount: 1,
    owner: 'billing-team',
    costCenter: 'cc-2002',
    sourceRepository: 'acme/billing',
    ...overrides,
  };
}

export interface RuntimeFixture {
  readonly app: App;
  readonly stack: Stack;
  readonly environment: IPlatformEnvironment;
  readonly service: PlatformService;
  readonly template: Template;
}

/** A runtime stack: one service on an imported environment. */
export function runtimeStack(spec: ServiceSpec, profile: EnvironmentProfile = EnvironmentProfile.DEVELOP, app = new App()): RuntimeFixture {
  const stack = new Stack(app, `${spec.name}-${profile.name}-runtime`, { env: TEST_ENV });
  const environment = EnvironmentContract.import(stack, 'Env', profile);
  const service = new PlatformService(stack, 'Service', { environment, spec });
  return { app, stack, environment, service, template: Template.fromStack(stack) };
}

export interface DeliveryFixture {
  readonly app: App;
  readonly stack: Stack;
  readonly repository: ServiceRepository;
  readonly template: Template;
}

/** A delivery stack: the service's repository and image-tag parameter on an imported environment. */
export function deliveryStack(spec: ServiceSpec, profile: EnvironmentProfile = EnvironmentProfile.DEVELOP, app = new App(),
  movingLatestTag?: boolean): DeliveryFixture {
  const stack = new Stack(app, `${spec.name}-${profile.name}-delivery`, { env: TEST_ENV });
  const environment = EnvironmentContract.import(stack, 'Env', profile);
  const repository = new ServiceRepository(stack, 'Repository', { environment, spec, movingLatestTag });
  return { app, stack, repository, template: Template.fromStack(stack) };
}
