import { FargateSizes, ServiceDefinition, ServiceExposure, ServiceRuntime, ServiceSpec } from '@fargate-platform/service-model';
import * as fc from 'fast-check';
import { EnvironmentProfile } from '../../../src';
import { definitionOf, RouteFields, ServiceFields, TargetOptions } from '../../helpers/service-spec';

/**
 * Generators of valid service descriptions, as the design asks: names of 3-32 DNS-safe
 * characters, valid Fargate CPU/memory pairs, ports 1024-65535, counts 1-10, both exposures,
 * both runtimes, all four environments, each in an account and Region of its own; plus routes,
 * health check paths, configuration and secrets (complete ARNs in the environment's account and
 * Region, the service's own under `{environment}/{service}/` and the environment's shared ones
 * under `{environment}/shared/`, with and without JSON key and version stage). Each description
 * is parsed by the service model, as every spec is: the properties run on the specs it returns.
 */

/** The seed every property of a file shares, so that the 100 configurations are synthesized once per file. */
export const SEED = 20251122;

/** A service name: a DNS label of 3-32 lowercase letters, digits and single hyphens. */
export const serviceName = fc.stringMatching(/^[a-z][a-z0-9-]{1,30}[a-z0-9]$/).filter((name) => !name.includes('--'));

/** Every CPU/memory pair Fargate accepts. */
export const fargateSize = fc.constantFrom(...FargateSizes.CPU_UNITS
  .flatMap((cpu) => FargateSizes.memoryOptions(cpu).map((memoryLimitMiB) => ({ cpu, memoryLimitMiB }))));

export const containerPort = fc.integer({ min: 1024, max: 65535 });

/** Desired count 1-10 with optional scaling bounds around it (min <= desired <= max). */
export const taskCounts = fc.integer({ min: 1, max: 10 }).chain((desiredCount) => fc.record({
  desiredCount: fc.constant(desiredCount),
  minCapacity: fc.option(fc.integer({ min: 1, max: desiredCount }), { nil: undefined }),
  maxCapacity: fc.option(fc.integer({ min: desiredCount, max: 20 }), { nil: undefined }),
}));

/** A listener rule: path pattern, priority 1-50000, sometimes a host header. */
export const route: fc.Arbitrary<RouteFields> = fc.record({
  pathPattern: fc.stringMatching(/^\/[a-z0-9_-]{1,20}(\/\*)?$/),
  priority: fc.integer({ min: 1, max: 50000 }),
  hostHeader: fc.option(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}\.example\.com$/), { nil: undefined }),
}, { requiredKeys: ['pathPattern', 'priority'] });

export const healthCheckPath = fc.option(fc.stringMatching(/^\/[a-z0-9._~-]{0,20}$/), { nil: undefined });

/** Where an environment runs: any account, one of three Regions. */
export const target: fc.Arbitrary<Required<Pick<TargetOptions, 'account' | 'region'>>> = fc.record({
  account: fc.stringMatching(/^\d{12}$/),
  region: fc.constantFrom('eu-west-1', 'us-east-1', 'ap-southeast-2'),
});

/** A secret as the generators write it, before it is placed in an environment: its name, Secrets Manager's suffix, and what is injected. */
interface SecretParts {
  readonly name: string;
  readonly suffix: string;
  readonly field: string;
}

/** The parts of a secret reference: a name, the six random characters, and sometimes a JSON key, sometimes a version stage too. */
const secretParts: fc.Arbitrary<SecretParts> = fc.record({
  name: fc.stringMatching(/^[a-z][a-z0-9/_-]{0,20}$/),
  suffix: fc.stringMatching(/^[A-Za-z0-9]{6}$/),
  field: fc.constantFrom('', ':password::', ':api_key:AWSPREVIOUS:'),
});

/** The complete ARN of a secret named `{prefix}{name}` in an environment's account and Region. */
function secretArn(where: { account: string; region: string }, prefix: string, s: SecretParts): string {
  return `arn:aws:secretsmanager:${where.region}:${where.account}:secret:${prefix}${s.name}-${s.suffix}${s.field}`;
}

/** Up to three configuration variables (CFG_...): never the name of a secret (SECRET_..., SHARED_...). */
export const config = fc.dictionary(fc.stringMatching(/^CFG_[A-Z0-9_]{1,10}$/),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 30 }), { maxKeys: 3, noNullPrototype: true });

/** The secrets of a service in one environment, before they are placed in it. */
interface SecretsParts {
  readonly secrets: { [variable: string]: SecretParts };
  readonly sharedSecrets: { [variable: string]: SecretParts };
}

/**
 * Up to three of the service's own secrets (SECRET_...) and two shared secrets (SHARED_...) of the environment, not
 * placed yet. (Built once and placed by `secretsIn`: an arbitrary built per environment, with `chain`, costs 100 times
 * more, its regular expressions compiled for every generated service.)
 */
const secretsParts: fc.Arbitrary<SecretsParts> = fc.record({
  secrets: fc.dictionary(fc.stringMatching(/^SECRET_[A-Z0-9_]{1,10}$/), secretParts, { maxKeys: 3, noNullPrototype: true }),
  sharedSecrets: fc.dictionary(fc.stringMatching(/^SHARED_[A-Z0-9_]{1,10}$/), secretParts, { maxKeys: 2, noNullPrototype: true }),
});

/**
 * The secrets of a service in one environment, in its account and Region: its own (`{environment}/{service}/...`)
 * and the shared ones it declares (`{environment}/shared/...`).
 */
function secretsIn(parts: SecretsParts, environment: string, service: string,
  where: { account: string; region: string }): { secrets: { [name: string]: string }; sharedSecrets: { [name: string]: string } } {
  const place = (values: { [name: string]: SecretParts }, prefix: string) =>
    Object.fromEntries(Object.entries(values).map(([name, s]) => [name, secretArn(where, prefix, s)]));
  return { secrets: place(parts.secrets, `${environment}/${service}/`), sharedSecrets: place(parts.sharedSecrets, `${environment}/shared/`) };
}

/** What a team writes about a service of either exposure and runtime, but its secrets (they depend on the environment). */
export const serviceFields: fc.Arbitrary<ServiceFields> = fc.record({
  name: serviceName,
  exposure: fc.constantFrom(ServiceExposure.PUBLIC, ServiceExposure.INTERNAL),
  runtime: fc.constantFrom(ServiceRuntime.NODEJS, ServiceRuntime.PYTHON),
  size: fargateSize,
  containerPort,
  counts: taskCounts,
  route,
  healthCheckPath,
  config,
  calls: fc.uniqueArray(fc.constantFrom('ledger', 'rates', 'fraud-check', 'risk-score', 'users'), { maxLength: 4 }),
}).map((s) => ({
  name: s.name,
  exposure: s.exposure,
  runtime: s.runtime,
  containerPort: s.containerPort,
  cpu: s.size.cpu,
  memoryLimitMiB: s.size.memoryLimitMiB,
  desiredCount: s.counts.desiredCount,
  ...(s.counts.minCapacity !== undefined ? { minCapacity: s.counts.minCapacity } : {}),
  ...(s.counts.maxCapacity !== undefined ? { maxCapacity: s.counts.maxCapacity } : {}),
  ...(s.exposure === ServiceExposure.PUBLIC ? { route: s.route } : {}),
  ...(s.healthCheckPath !== undefined ? { healthCheckPath: s.healthCheckPath } : {}),
  config: s.config,
  ...(s.calls.length > 0 ? { calls: s.calls.filter((callee) => callee !== s.name) } : {}),
  owner: `${s.name}-team`,
  costCenter: 'cc-0042',
  sourceRepository: `acme/${s.name}`,
}));

/** One of the four standard environments. */
export const environmentProfile = fc.constantFrom(...EnvironmentProfile.STANDARD);

/** A service in an environment, what one service app deploys there: the description as written, and the spec the model parsed from it. */
export interface ServiceInEnvironment {
  /** The description's `spec`, secrets included. */
  readonly service: ServiceFields;
  readonly profile: EnvironmentProfile;
  /** The service in `profile`'s environment, as `ServiceDefinition.specFor` returns it. */
  readonly spec: ServiceSpec;
}

export const serviceInEnvironment: fc.Arbitrary<ServiceInEnvironment> = fc.record({
  fields: serviceFields, profile: environmentProfile, target, secrets: secretsParts,
}).map(({ fields, profile, target: where, secrets }) => {
  const service: ServiceFields = { ...fields, ...secretsIn(secrets, profile.name, fields.name, where) };
  return { service, profile, spec: definitionOf(service, [profile], { [profile.name]: where }).specFor(profile.name) };
});

/** A service deployed to several environments, each in its own account and Region with its own secrets. */
export interface ServiceInEnvironments {
  /** The description's `spec`: the secrets of each environment in `environments.{name}`. */
  readonly service: ServiceFields;
  readonly profiles: EnvironmentProfile[];
  readonly definition: ServiceDefinition;
}

/** The same service in `count` different standard environments. */
export function serviceInEnvironments(count: number): fc.Arbitrary<ServiceInEnvironments> {
  const profiles = fc.uniqueArray(environmentProfile, { minLength: count, maxLength: count, selector: (p) => p.name });
  return fc.record({
    fields: serviceFields,
    profiles,
    targets: fc.array(target, { minLength: count, maxLength: count }),
    secrets: fc.array(secretsParts, { minLength: count, maxLength: count }),
  }).map(({ fields, profiles: chosen, targets, secrets }) => {
    const environments = Object.fromEntries(chosen.map((p, i) => [p.name, secretsIn(secrets[i], p.name, fields.name, targets[i])]));
    const service: ServiceFields = { ...fields, environments };
    const where = Object.fromEntries(chosen.map((p, i) => [p.name, targets[i]]));
    return { service, profiles: chosen, definition: definitionOf(service, chosen, where) };
  });
}
