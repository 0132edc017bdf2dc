import { z } from 'zod';
import { FargateSizes } from '../fargate-sizes';
import { Quotas } from '../quotas';
import { AwsRules } from '../rules/aws-rules';
import { ServiceExposure } from '../service-exposure';
import { ServiceRuntime } from '../service-runtime';

/**
 * The structure of service.json, in one zod definition: field names and types, enums, ranges and
 * what each field means. It validates a description (the structural half; the cross-field rules
 * are in `semantic-rules.ts`) and generates the JSON Schema editors read (`json-schema.ts`).
 */

/** Most tasks a service runs by default, and the fewest. */
export const MAX_TASKS = 10;
/** Most tasks autoscaling may start. */
export const MAX_CAPACITY = 100;
export const MIN_PORT = 1024;
export const MAX_PORT = 65535;
/**
 * Most services one service may call: a task's network interface carries at most 5 security
 * groups (the VPC quota's default), its own and one callers group per service it calls.
 */
export const MAX_CALLS = 4;

const VARIABLE_NAME = /^[A-Z_][A-Z0-9_]*$/;

const variables = (what: string) => z.record(
  z.string().regex(VARIABLE_NAME, { error: 'must be an upper-case variable name ([A-Z_][A-Z0-9_]*)' }),
  z.string(),
).describe(what);

const cpu = z.number().int().refine((v) => FargateSizes.CPU_UNITS.includes(v), { error: `must be one of ${FargateSizes.CPU_UNITS.join(', ')}` })
  .meta({ description: 'Fargate CPU units (1024 = one vCPU).', enum: FargateSizes.CPU_UNITS });
const memory = z.number().int().positive().describe('Memory in MiB: a Fargate size with cpu (256: 512-2048; 512: 1024-4096; 1024: 2048-8192; ...).');
const desiredCount = z.number().int().min(1).max(MAX_TASKS).describe(`Tasks to run, 1-${MAX_TASKS}; raised to the environment's minimum.`);
const minCapacity = z.number().int().min(1).max(MAX_TASKS).describe('Autoscaling lower bound (default: the desired count).');
const maxCapacity = z.number().int().min(1).max(MAX_CAPACITY).describe('Autoscaling upper bound (default: twice the desired count).');

const secrets = variables('Secrets Manager secrets of this service, injected as environment variables: name to the complete secret ARN '
  + '(optionally :json-key:version-stage:version-id). Each must be in the environment\'s account and Region and named {environment}/{service}/...');
const sharedSecrets = variables('Secrets shared by the environment\'s services (named {environment}/shared/...), injected like secrets: '
  + 'declaring one here is how a service says it uses a shared secret.');
const config = variables('Plain configuration: name to value. Never a plain environment variable: each entry becomes an SSM parameter '
  + 'injected through the container\'s secrets.');

/** What may differ per environment. */
export const environmentOverrides = z.strictObject({
  cpu: cpu.optional(),
  memoryLimitMiB: memory.optional(),
  desiredCount: desiredCount.optional(),
  minCapacity: minCapacity.optional(),
  maxCapacity: maxCapacity.optional(),
  config: config.optional(),
  secrets: secrets.optional(),
  sharedSecrets: sharedSecrets.optional(),
}).describe('Settings of one environment, over the service\'s own: size, task counts, configuration and secrets (maps are merged by name).');

export const route = z.strictObject({
  pathPattern: z.string().describe(`Path pattern of the listener rule, e.g. /orders/*: starts with /, up to ${AwsRules.MAX_PATH_PATTERN_LENGTH} characters.`),
  priority: z.number().int().min(1).max(AwsRules.MAX_RULE_PRIORITY)
    .describe('Listener rule priority, assigned fleet-wide from the route plan (more specific paths first); omit it to have it assigned.').optional(),
  hostHeader: z.string().describe('Host header the rule also requires, e.g. api.example.com (default: any host).').optional(),
  loadBalancer: z.number().int().min(0).max(Quotas.MAX_LOAD_BALANCERS - 1)
    .describe('Which of the environment\'s load balancers, from 0 (assigned with the priority).').optional(),
}).describe('Where a public service sits on the environment\'s HTTPS listener.');

export const service = z.strictObject({
  name: z.string().describe('The service\'s name: a DNS label of 3-32 lowercase letters, digits and single hyphens, starting with a letter.'),
  exposure: z.enum([ServiceExposure.PUBLIC, ServiceExposure.INTERNAL])
    .describe('public: behind the environment\'s HTTPS load balancer; internal: reached through Cloud Map and Kafka only.'),
  runtime: z.enum([ServiceRuntime.NODEJS, ServiceRuntime.PYTHON]).describe('The language of the container.'),
  containerPort: z.number().int().min(MIN_PORT).max(MAX_PORT).describe('The port the container listens on (default: 3000 for nodejs, 8000 for python).').optional(),
  cpu,
  memoryLimitMiB: memory,
  desiredCount,
  minCapacity: minCapacity.optional(),
  maxCapacity: maxCapacity.optional(),
  healthCheckPath: z.string().describe('HTTP path the load balancer and the container health check probe (default: /health).').optional(),
  route: route.optional(),
  calls: z.array(z.string()).describe(`Internal services of the same environments this service calls, by name (at most ${MAX_CALLS}): `
    + 'its tasks may reach theirs on their container port, and an internal service admits no other service. Tasks reach nothing '
    + 'else but the AWS endpoints of the VPC, S3 and the Kafka brokers.').optional(),
  config: config.optional(),
  secrets: secrets.optional(),
  sharedSecrets: sharedSecrets.optional(),
  owner: z.string().describe('The team that owns the service (the Owner tag).'),
  costCenter: z.string().describe('The cost center billed for the service (the CostCenter tag).'),
  sourceRepository: z.string().describe('The Bitbucket repository of the service\'s code, workspace/repository.'),
  environments: z.record(z.string(), environmentOverrides).describe('Per-environment settings, by environment name.').optional(),
}).describe('What the service is.');

export const target = z.strictObject({
  environment: z.string().describe('The environment\'s name: develop, test, qa, prod or a custom profile\'s.'),
  account: z.string().describe('The AWS account of the environment (12 digits).'),
  region: z.string().describe('The AWS Region of the environment.'),
  connectionArn: z.string().describe('The CodeConnections (Bitbucket) connection of the environment\'s account.'),
  loadBalancers: z.number().int().min(1).max(Quotas.MAX_LOAD_BALANCERS)
    .describe('How many load balancers the environment has (default 1): a public service\'s route.loadBalancer must be one of them.').optional(),
}).describe('One environment the service is deployed to.');

export const definition = z.strictObject({
  $schema: z.string().describe('Where editors find this schema.').optional(),
  platformVersion: z.string().describe('The platform version the service is built with (the PlatformVersion tag).'),
  compliance: z.string().describe('The Compliance tag of the service\'s resources (default: nist-800-53-r5 soc2).').optional(),
  spec: service,
  targets: z.array(target).min(1).describe('The environments, in promotion order.'),
}).meta({ title: 'Fargate platform service', description: 'service.json: a service of the Fargate service platform and where it runs.' });

export type DefinitionInput = z.infer<typeof definition>;
export type ServiceInput = z.infer<typeof service>;
export type OverridesInput = z.infer<typeof environmentOverrides>;
export type TargetInput = z.infer<typeof target>;
