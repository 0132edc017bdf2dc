import { ServiceExposure, ServiceRuntime, ServiceSpec } from '@fargate-platform/service-model';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { EnvironmentContract, EnvironmentProfile, IPlatformEnvironment, PlatformService, ServiceRepository } from '../../src';
import { ServiceFields, serviceSecretArn, specOf, TargetOptions, TEST_ACCOUNT, TEST_REGION } from '../helpers/service-spec';

/** The account and region every service test synthesizes for. */
export const TEST_ENV = { account: TEST_ACCOUNT, region: TEST_REGION };

/**
 * A complete ARN of the orders service's own secret in an environment, in the test account:
 * `{environment}/orders/db`, as the model requires.
 */
export function ordersSecretArn(environment: EnvironmentProfile | string = EnvironmentProfile.DEVELOP): string {
  return serviceSecretArn(typeof environment === 'string' ? environment : environment.name, 'orders');
}

/** A valid public Node.js service, as its service.json describes it. */
export function publicService(overrides: Partial<ServiceFields> = {}): ServiceFields {
  return {
    name: 'orders',
    exposure: ServiceExposure.PUBLIC,
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

/** A valid internal Python service, as its service.json describes it. */
export function internalService(overrides: Partial<ServiceFields> = {}): ServiceFields {
  return {
    name: 'billing',
    exposure: ServiceExposure.INTERNAL,
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
  readonly spec: ServiceSpec;
  readonly service: PlatformService;
  readonly template: Template;
}

/** A runtime stack: the service's spec in the profile's environment, one `PlatformService` on the imported environment. */
export function runtimeStack(fields: ServiceFields, profile: EnvironmentProfile = EnvironmentProfile.DEVELOP, app = new App(),
  target: TargetOptions = {}): RuntimeFixture {
  const spec = specOf(fields, profile, target);
  const stack = new Stack(app, spec.names.runtimeStackName, { env: { account: spec.target.account, region: spec.target.region } });
  const environment = EnvironmentContract.import(stack, 'Env', profile);
  const service = new PlatformService(stack, 'Service', { environment, spec });
  return { app, stack, environment, spec, service, template: Template.fromStack(stack) };
}

export interface DeliveryFixture {
  readonly app: App;
  readonly stack: Stack;
  readonly repository: ServiceRepository;
  readonly template: Template;
}

/** A delivery stack: the service's repository and image-tag parameter on an imported environment. */
export function deliveryStack(fields: ServiceFields, profile: EnvironmentProfile = EnvironmentProfile.DEVELOP, app = new App()): DeliveryFixture {
  const spec = specOf(fields, profile);
  const stack = new Stack(app, spec.names.deliveryStackName, { env: { account: spec.target.account, region: spec.target.region } });
  const environment = EnvironmentContract.import(stack, 'Env', profile);
  const repository = new ServiceRepository(stack, 'Repository', { environment, serviceName: spec.name });
  return { app, stack, repository, template: Template.fromStack(stack) };
}
