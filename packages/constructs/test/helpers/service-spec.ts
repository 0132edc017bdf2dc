import { ServiceDefinition, ServiceExposure, ServiceRuntime, ServiceSpec } from '@fargate-platform/service-model';
import { EnvironmentProfile } from '../../src';

/**
 * Service specs for the constructs' tests, made the only way they are made outside tests: a
 * description (the JSON of service.json) parsed by the service model, then `specFor` the
 * environment. A test writes the service's fields; this writes the rest of the description (the
 * platform version, the target of each environment in the test account and Region, with a
 * connection there) and parses it, so that a test never holds a spec the model would refuse.
 */

/** The account every service test deploys to. */
export const TEST_ACCOUNT = '111111111111';
/** The Region every service test deploys to. */
export const TEST_REGION = 'eu-west-1';
/** The platform version of every test description. */
export const PLATFORM_VERSION = '0.1.0';

/** A listener rule as service.json writes it. */
export interface RouteFields {
  readonly pathPattern: string;
  readonly priority: number;
  readonly hostHeader?: string;
  readonly loadBalancer?: number;
}

/** What one environment sets differently (`spec.environments.{name}`). */
export interface EnvironmentFields {
  readonly cpu?: number;
  readonly memoryLimitMiB?: number;
  readonly desiredCount?: number;
  readonly minCapacity?: number;
  readonly maxCapacity?: number;
  readonly config?: { [variable: string]: string };
  readonly secrets?: { [variable: string]: string };
  readonly sharedSecrets?: { [variable: string]: string };
}

/** The `spec` of a service.json: what a team writes about its service. */
export interface ServiceFields {
  readonly name: string;
  readonly exposure: ServiceExposure;
  readonly runtime: ServiceRuntime;
  readonly containerPort?: number;
  readonly cpu: number;
  readonly memoryLimitMiB: number;
  readonly desiredCount: number;
  readonly minCapacity?: number;
  readonly maxCapacity?: number;
  readonly healthCheckPath?: string;
  readonly route?: RouteFields;
  readonly calls?: string[];
  readonly config?: { [variable: string]: string };
  readonly secrets?: { [variable: string]: string };
  readonly sharedSecrets?: { [variable: string]: string };
  readonly owner: string;
  readonly costCenter: string;
  readonly sourceRepository: string;
  readonly environments?: { [environment: string]: EnvironmentFields };
}

/** Where an environment of a test service runs. */
export interface TargetOptions {
  /** @default TEST_ACCOUNT */
  readonly account?: string;
  /** @default TEST_REGION */
  readonly region?: string;
  /** @default - `connectionArnIn(account, region)` */
  readonly connectionArn?: string;
  /** @default - just enough for the route's load balancer (1 without one) */
  readonly loadBalancers?: number;
}

/** A CodeConnections connection in an account and Region, as the console creates them. */
export function connectionArnIn(account = TEST_ACCOUNT, region = TEST_REGION, id = '00000000-0000-4000-8000-000000000001'): string {
  return `arn:aws:codeconnections:${region}:${account}:connection/${id}`;
}

/** The complete ARN of a secret named `{name}` (with Secrets Manager's six random characters), in the test account and Region by default. */
function secretArnNamed(name: string, options: { account?: string; region?: string; suffix?: string }): string {
  return `arn:aws:secretsmanager:${options.region ?? TEST_REGION}:${options.account ?? TEST_ACCOUNT}:secret:${name}-${options.suffix ?? 'AbCdEf'}`;
}

/** The complete ARN of one of a service's own secrets, `{environment}/{service}/{name}`. */
export function serviceSecretArn(environment: string, service: string, name = 'db',
  options: { account?: string; region?: string; suffix?: string } = {}): string {
  return secretArnNamed(`${environment}/${service}/${name}`, options);
}

/** The complete ARN of one of an environment's shared secrets, `{environment}/shared/{name}`. */
export function sharedSecretArn(environment: string, name: string,
  options: { account?: string; region?: string; suffix?: string } = {}): string {
  return secretArnNamed(`${environment}/shared/${name}`, options);
}

/** The target of one environment. */
export function targetOf(environment: string, fields: Pick<ServiceFields, 'route'>, options: TargetOptions = {}): any {
  const account = options.account ?? TEST_ACCOUNT;
  const region = options.region ?? TEST_REGION;
  return {
    environment,
    account,
    region,
    connectionArn: options.connectionArn ?? connectionArnIn(account, region),
    loadBalancers: options.loadBalancers ?? (fields.route?.loadBalancer ?? 0) + 1,
  };
}

const nameOf = (environment: EnvironmentProfile | string): string => (typeof environment === 'string' ? environment : environment.name);

/**
 * The description (service.json) of a service deployed to these environments, as plain JSON:
 * what `ServiceDefinition.parse` reads. Fields left `undefined` are left out, as in a file.
 */
export function descriptionOf(fields: ServiceFields, environments: Array<EnvironmentProfile | string>,
  targets: { [environment: string]: TargetOptions } = {}): any {
  return JSON.parse(JSON.stringify({
    platformVersion: PLATFORM_VERSION,
    spec: fields,
    targets: environments.map(nameOf).map((environment) => targetOf(environment, fields, targets[environment])),
  }));
}

/** The service parsed by the model, deployed to these environments (each in the test account and Region unless `targets` says otherwise). */
export function definitionOf(fields: ServiceFields, environments: Array<EnvironmentProfile | string>,
  targets: { [environment: string]: TargetOptions } = {}): ServiceDefinition {
  return ServiceDefinition.parse(descriptionOf(fields, environments, targets), `test service '${fields.name}'`);
}

/** The spec of the service in one environment, as the model parses it. */
export function specOf(fields: ServiceFields, environment: EnvironmentProfile | string = EnvironmentProfile.DEVELOP,
  target: TargetOptions = {}): ServiceSpec {
  const name = nameOf(environment);
  return definitionOf(fields, [name], { [name]: target }).specFor(name);
}
