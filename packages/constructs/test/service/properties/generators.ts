import * as fc from 'fast-check';
import { EnvironmentProfile, FargateSizes, ServiceKind, ServiceRoute, ServiceRuntime, ServiceSpec } from '../../../src';

/**
 * Generators of valid service configurations, as the design asks: names of 3-32 DNS-safe
 * characters, valid Fargate CPU/memory pairs, ports 1024-65535, counts 1-10, both kinds,
 * both runtimes, all four environments; plus routes, health check paths, configuration
 * and secrets (complete ARNs, with and without JSON key and version stage).
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
export const route: fc.Arbitrary<ServiceRoute> = fc.record({
  pathPattern: fc.stringMatching(/^\/[a-z0-9_-]{1,20}(\/\*)?$/),
  priority: fc.integer({ min: 1, max: 50000 }),
  hostHeader: fc.option(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}\.example\.com$/), { nil: undefined }),
}, { requiredKeys: ['pathPattern', 'priority'] });

export const healthCheckPath = fc.option(fc.stringMatching(/^\/[a-z0-9._~-]{0,20}$/), { nil: undefined });

/** The complete ARN of a secret, sometimes with a JSON key, sometimes with a version stage too. */
export const secretArn = fc.record({
  region: fc.constantFrom('eu-west-1', 'us-east-1', 'ap-southeast-2'),
  account: fc.stringMatching(/^\d{12}$/),
  name: fc.stringMatching(/^[a-z][a-z0-9/_-]{0,20}$/),
  suffix: fc.stringMatching(/^[A-Za-z0-9]{6}$/),
  field: fc.constantFrom('', ':password::', ':api_key:AWSPREVIOUS:'),
}).map((s) => `arn:aws:secretsmanager:${s.region}:${s.account}:secret:${s.name}-${s.suffix}${s.field}`);

/** Up to three configuration variables (CFG_...) and three secrets (SECRET_...): the two never share a name. */
export const config = fc.dictionary(fc.stringMatching(/^CFG_[A-Z0-9_]{1,10}$/),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 30 }), { maxKeys: 3, noNullPrototype: true });
export const secrets = fc.dictionary(fc.stringMatching(/^SECRET_[A-Z0-9_]{1,10}$/), secretArn, { maxKeys: 3, noNullPrototype: true });

/** A valid service spec of either kind and runtime. */
export const serviceSpec: fc.Arbitrary<ServiceSpec> = fc.record({
  name: serviceName,
  kind: fc.constantFrom(ServiceKind.PUBLIC, ServiceKind.INTERNAL),
  runtime: fc.constantFrom(ServiceRuntime.NODEJS, ServiceRuntime.PYTHON),
  size: fargateSize,
  containerPort,
  counts: taskCounts,
  route,
  healthCheckPath,
  config,
  secrets,
}).map((s) => ({
  name: s.name,
  kind: s.kind,
  runtime: s.runtime,
  containerPort: s.containerPort,
  cpu: s.size.cpu,
  memoryLimitMiB: s.size.memoryLimitMiB,
  desiredCount: s.counts.desiredCount,
  ...(s.counts.minCapacity !== undefined ? { minCapacity: s.counts.minCapacity } : {}),
  ...(s.counts.maxCapacity !== undefined ? { maxCapacity: s.counts.maxCapacity } : {}),
  ...(s.kind === ServiceKind.PUBLIC ? { route: s.route } : {}),
  ...(s.healthCheckPath !== undefined ? { healthCheckPath: s.healthCheckPath } : {}),
  config: s.config,
  secrets: s.secrets,
  owner: `${s.name}-team`,
  costCenter: 'cc-0042',
  sourceRepository: `acme/${s.name}`,
}));

/** One of the four standard environments. */
export const environmentProfile = fc.constantFrom(...EnvironmentProfile.STANDARD);

/** A service in an environment: what one service app deploys. */
export const serviceInEnvironment = fc.record({ spec: serviceSpec, profile: environmentProfile });
