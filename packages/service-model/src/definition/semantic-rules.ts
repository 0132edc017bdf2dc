import { FargateSizes } from '../fargate-sizes';
import { ServiceNames } from '../names';
import { closest } from '../private/did-you-mean';
import { AwsRules } from '../rules/aws-rules';
import { RuntimeDefaults } from '../runtime-defaults';
import { ServiceExposure } from '../service-exposure';
import { show } from './problems';
import { DefinitionInput, MAX_CALLS, OverridesInput, ServiceInput, TargetInput } from './schema';

/** Variables the platform or ECS sets itself. */
const RESERVED_VARIABLE = /^(KAFKA_BROKERS|AWS_.*|ECS_.*)$/;
/** Characters a health check path may hold: it is embedded in the container's health check shell command. */
const HEALTH_CHECK_PATH = /^\/[A-Za-z0-9._~/-]*$/;
const SOURCE_REPOSITORY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,61}\/[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const CONNECTION_ARN = /^arn:(aws[a-z-]*):(codeconnections|codestar-connections):([a-z0-9-]+):(\d{12}):connection\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;
/** IAM role names hold up to 64 characters; CloudFormation stack names 128. */
const MAX_ROLE_NAME = 64;

/** A service's settings in one environment: its own, with the environment's over them. */
export interface Merged {
  readonly cpu: number;
  readonly memoryLimitMiB: number;
  readonly desiredCount: number;
  readonly minCapacity?: number;
  readonly maxCapacity?: number;
  readonly config: { [variable: string]: string };
  readonly secrets: { [variable: string]: string };
  readonly sharedSecrets: { [variable: string]: string };
}

export function merge(spec: ServiceInput, overrides: OverridesInput | undefined): Merged {
  return {
    cpu: overrides?.cpu ?? spec.cpu,
    memoryLimitMiB: overrides?.memoryLimitMiB ?? spec.memoryLimitMiB,
    desiredCount: overrides?.desiredCount ?? spec.desiredCount,
    minCapacity: overrides?.minCapacity ?? spec.minCapacity,
    maxCapacity: overrides?.maxCapacity ?? spec.maxCapacity,
    config: { ...spec.config, ...overrides?.config },
    secrets: { ...spec.secrets, ...overrides?.secrets },
    sharedSecrets: { ...spec.sharedSecrets, ...overrides?.sharedSecrets },
  };
}

/**
 * Every cross-field and AWS-rule problem of a structurally valid description, each naming the
 * field (with the environment when it differs per environment), the value and what is allowed.
 */
export function semanticProblems(input: DefinitionInput): string[] {
  const problems: string[] = [];
  const spec = input.spec;
  problems.push(...nameProblems(spec.name));
  if (!VERSION.test(input.platformVersion)) {
    problems.push(`platformVersion must be a version such as 0.1.0; got ${show(input.platformVersion)}`);
  }
  problems.push(...tagProblems('spec.owner', 'Owner', spec.owner), ...tagProblems('spec.costCenter', 'CostCenter', spec.costCenter));
  if (input.compliance !== undefined) {
    problems.push(...tagProblems('compliance', 'Compliance', input.compliance));
  }
  if (!SOURCE_REPOSITORY.test(spec.sourceRepository) || spec.sourceRepository.endsWith('.git')) {
    problems.push(`spec.sourceRepository must be a Bitbucket repository as workspace/repository (letters, digits, . _ -; no .git); got ${show(spec.sourceRepository)}`);
  }
  const health = spec.healthCheckPath;
  if (health !== undefined && (!HEALTH_CHECK_PATH.test(health) || health.length > AwsRules.MAX_HEALTH_CHECK_PATH_LENGTH)) {
    problems.push(`spec.healthCheckPath must start with '/' and hold at most ${AwsRules.MAX_HEALTH_CHECK_PATH_LENGTH} letters, digits and . _ ~ / -; `
      + `got ${show(spec.healthCheckPath)}`);
  }
  problems.push(...routeProblems(spec));
  problems.push(...callProblems(spec));
  problems.push(...targetProblems(input.targets, spec));

  const environments = input.targets.map((t) => t.environment);
  for (const name of Object.keys(spec.environments ?? {})) {
    if (!environments.includes(name)) {
      const near = closest(name, environments);
      problems.push(`spec.environments.${name} is not one of the service's environments${near ? ` (did you mean '${near}'?)` : ''}; `
        + `the targets are ${environments.join(', ')}`);
    }
  }
  // Settings that may differ per environment are checked once per environment, named by where they were written.
  const seen = new Set<string>();
  for (const target of input.targets) {
    for (const problem of environmentProblems(spec, target)) {
      if (!seen.has(problem)) {
        seen.add(problem);
        problems.push(problem);
      }
    }
  }
  return problems;
}

function nameProblems(name: string): string[] {
  return AwsRules.isDnsLabel(name, 3, 32) ? []
    : ['spec.name must be a DNS label of 3-32 lowercase letters, digits and single hyphens, starting with a letter and not ending '
      + `with a hyphen; got ${show(name)}`];
}

function callProblems(spec: ServiceInput): string[] {
  const calls = spec.calls ?? [];
  const problems = calls.filter((name) => !AwsRules.isDnsLabel(name, 3, 32))
    .map((name) => `spec.calls must name services (DNS labels of 3-32 lowercase letters, digits and single hyphens); got ${show(name)}`);
  if (calls.includes(spec.name)) {
    problems.push(`spec.calls must not name the service itself ('${spec.name}'): calls are made between services`);
  }
  const twice = calls.filter((name, i) => calls.indexOf(name) !== i);
  if (twice.length > 0) {
    problems.push(`spec.calls must name each service once; got ${[...new Set(twice)].join(', ')} more than once`);
  }
  if (calls.length > MAX_CALLS) {
    problems.push(`spec.calls names ${calls.length} services; a service may call at most ${MAX_CALLS}: its tasks carry one security group `
      + 'per service they call besides their own, and a network interface carries 5 (the VPC quota\'s default)');
  }
  return problems;
}

function tagProblems(field: string, key: string, value: string): string[] {
  if (value.trim() === '') {
    return [`${field} needs a value (the ${key} tag); got ${show(value)}`];
  }
  return AwsRules.tagProblems(key, value).map((p) => `${field}: ${p}`);
}

function routeProblems(spec: ServiceInput): string[] {
  const route = spec.route;
  if (spec.exposure === ServiceExposure.PUBLIC && route === undefined) {
    return [`spec.route is required for a public service: give it a pathPattern (e.g. '/${spec.name}/*'); got nothing`];
  }
  if (spec.exposure === ServiceExposure.INTERNAL && route !== undefined) {
    return [`spec.route must be omitted for an internal service, which has no load balancer; got ${show(route)}`];
  }
  if (route === undefined) {
    return [];
  }
  const problems = AwsRules.pathPatternProblems('spec.route.pathPattern', route.pathPattern);
  if (route.hostHeader !== undefined) {
    problems.push(...AwsRules.hostHeaderProblems('spec.route.hostHeader', route.hostHeader));
  }
  const wildcards = AwsRules.wildcardsOf([route.pathPattern, ...(route.hostHeader ? [route.hostHeader] : [])]);
  if (wildcards > AwsRules.MAX_RULE_WILDCARDS) {
    problems.push(`spec.route holds ${wildcards} wildcards (* ?) in its path pattern and host header; a listener rule allows at most `
      + `${AwsRules.MAX_RULE_WILDCARDS}`);
  }
  if (route.priority === undefined) {
    problems.push('spec.route.priority is required: the platform assigns priorities fleet-wide from its route plan (more specific paths '
      + 'first), so that no rule shadows another; got nothing');
  }
  return problems;
}

function targetProblems(targets: TargetInput[], spec: ServiceInput): string[] {
  const problems: string[] = [];
  targets.forEach((t, i) => {
    const field = `targets[${i}]`;
    if (!AwsRules.isDnsLabel(t.environment, 2, 16)) {
      problems.push(`${field}.environment must be a DNS label of 2-16 lowercase letters, digits and single hyphens; got ${show(t.environment)}`);
    }
    problems.push(...AwsRules.accountProblems(`${field}.account`, t.account), ...AwsRules.regionProblems(`${field}.region`, t.region));
    const arn = CONNECTION_ARN.exec(t.connectionArn);
    if (!arn) {
      problems.push(`${field}.connectionArn must be a CodeConnections connection ARN `
        + `(arn:aws:codeconnections:{region}:{account}:connection/{uuid}); got ${show(t.connectionArn)}`);
    } else if (arn[3] !== t.region || arn[4] !== t.account) {
      problems.push(`${field}.connectionArn must be in the environment's account ${t.account} and Region ${t.region}; `
        + `got one in ${arn[4]} ${arn[3]}`);
    }
    const names = ServiceNames.of(spec.name, t.environment);
    if (names.executionRoleName.length > MAX_ROLE_NAME) {
      problems.push(`${field}.environment '${t.environment}' with the service name '${spec.name}' makes the role name `
        + `'${names.executionRoleName}' of ${names.executionRoleName.length} characters; IAM allows ${MAX_ROLE_NAME}`);
    }
  });
  const environments = targets.map((t) => t.environment);
  const twice = environments.filter((e, i) => environments.indexOf(e) !== i);
  if (twice.length > 0) {
    problems.push(`targets must list each environment once; got ${[...new Set(twice)].join(', ')} more than once`);
  }
  return problems;
}

/** Problems of the settings of one environment (size, counts, variables, secrets, load balancer). */
function environmentProblems(spec: ServiceInput, target: TargetInput): string[] {
  const env = target.environment;
  const overrides = spec.environments?.[env];
  const merged = merge(spec, overrides);
  // A value written in the environment's settings is named there; one inherited from the service, in spec.
  const at = (field: string, inOverrides: boolean) => (inOverrides ? `spec.environments.${env}.${field}` : `spec.${field} (in ${env})`);
  const problems: string[] = [];

  if (!FargateSizes.isValid(merged.cpu, merged.memoryLimitMiB)) {
    const field = at('memoryLimitMiB', overrides?.memoryLimitMiB !== undefined || overrides?.cpu !== undefined);
    problems.push(`${field} must be a Fargate size with cpu ${merged.cpu}: ${FargateSizes.describeMemoryOptions(merged.cpu)}; `
      + `got ${merged.memoryLimitMiB}`);
  }
  const capacities = overrides?.desiredCount !== undefined || overrides?.minCapacity !== undefined || overrides?.maxCapacity !== undefined;
  const min = merged.minCapacity ?? merged.desiredCount;
  const max = merged.maxCapacity ?? 2 * merged.desiredCount;
  if (min > max) {
    problems.push(`${at('minCapacity', capacities)} must not exceed maxCapacity; got minCapacity ${min} and maxCapacity ${max}`);
  } else if (merged.desiredCount < min || merged.desiredCount > max) {
    problems.push(`${at('desiredCount', capacities)} must be within minCapacity..maxCapacity (${min}..${max}); got ${merged.desiredCount}`);
  }

  const route = spec.route;
  const loadBalancers = target.loadBalancers ?? 1;
  if (route?.loadBalancer !== undefined && route.loadBalancer >= loadBalancers) {
    problems.push(`spec.route.loadBalancer ${route.loadBalancer} does not exist in ${env}, which has ${loadBalancers} load balancer`
      + `${loadBalancers === 1 ? '' : 's'} (0-${loadBalancers - 1}): run npx projen in the platform repository to reassign, or raise its load balancers`);
  }

  const names = ServiceNames.of(spec.name, env);
  const kinds: Array<[string, { [v: string]: string }, boolean]> = [
    ['config', merged.config, overrides?.config !== undefined],
    ['secrets', merged.secrets, overrides?.secrets !== undefined],
    ['sharedSecrets', merged.sharedSecrets, overrides?.sharedSecrets !== undefined],
  ];
  const owners = new Map<string, string[]>();
  for (const [kind, values, inOverrides] of kinds) {
    for (const variable of Object.keys(values)) {
      owners.set(variable, [...(owners.get(variable) ?? []), kind]);
      if (RESERVED_VARIABLE.test(variable)) {
        problems.push(`${at(`${kind}.${variable}`, inOverrides && overrides?.[kind as 'config']?.[variable] !== undefined)}: the name must not be `
          + 'KAFKA_BROKERS (set by the platform) or start with AWS_ or ECS_ (reserved by ECS)');
      }
    }
  }
  for (const [variable, where] of owners) {
    if (where.length > 1) {
      problems.push(`spec: the variable ${variable} is in ${where.join(' and ')} in ${env}; each variable comes from one place`);
    }
  }
  for (const [variable, value] of Object.entries(merged.config)) {
    const field = at(`config.${variable}`, overrides?.config?.[variable] !== undefined);
    if (value.length === 0 || value.length > AwsRules.MAX_PARAMETER_VALUE_LENGTH) {
      problems.push(`${field} must hold 1-${AwsRules.MAX_PARAMETER_VALUE_LENGTH} characters (it becomes a standard SSM parameter); got ${value.length}`);
    }
    if (/\{\{resolve:/.test(value)) {
      problems.push(`${field} is a dynamic reference (${show(value)}): configuration is stored in plain SSM String parameters, `
        + 'so a secret must go in secrets, as the ARN of a Secrets Manager secret');
    }
    const parameter = names.configParameterName(variable);
    if (parameter.length > AwsRules.MAX_PARAMETER_NAME_LENGTH) {
      problems.push(`${field}: its parameter name holds ${parameter.length} characters; SSM allows ${AwsRules.MAX_PARAMETER_NAME_LENGTH}`);
    }
  }
  for (const [kind, values, inOverrides] of kinds.slice(1)) {
    const shared = kind === 'sharedSecrets';
    for (const [variable, value] of Object.entries(values)) {
      const field = at(`${kind}.${variable}`, inOverrides && (overrides as any)?.[kind]?.[variable] !== undefined);
      problems.push(...secretProblems(field, value, target, shared ? names.sharedSecretPrefix : names.secretPrefix, shared));
    }
  }
  return problems;
}

function secretProblems(field: string, value: string, target: TargetInput, prefix: string, shared: boolean): string[] {
  const reference = AwsRules.parseSecretReference(value);
  if (!reference) {
    return [`${field} must be the complete ARN of a Secrets Manager secret (arn:aws:secretsmanager:{region}:{account}:secret:{name}-{6 characters}), `
      + `optionally followed by :{json-key}:{version-stage}:{version-id} with a stage or an id, not both; got ${show(value)}`];
  }
  const problems: string[] = [];
  if (reference.account !== target.account || reference.region !== target.region) {
    problems.push(`${field} is a secret in account ${reference.account} and Region ${reference.region}, but ${target.environment} runs in `
      + `${target.account} ${target.region}: a secret must be in its environment's account and Region (give ${target.environment} its own `
      + `under spec.environments.${target.environment}.${shared ? 'sharedSecrets' : 'secrets'})`);
  }
  if (!reference.secretName.startsWith(prefix)) {
    problems.push(shared
      ? `${field} is the secret '${reference.secretName}', which is not one of ${target.environment}'s shared secrets: shared secrets are named `
        + `'${prefix}...'`
      : `${field} is the secret '${reference.secretName}', which is not this service's: a service's own secrets are named '${prefix}...'; `
        + `a secret several services use is named '${target.environment}/shared/...' and declared in sharedSecrets`);
  }
  return problems;
}

/** The defaults a service gets when its description leaves a field out. */
export function defaultsOf(spec: ServiceInput): { containerPort: number; healthCheckPath: string } {
  return {
    containerPort: spec.containerPort ?? RuntimeDefaults.of(spec.runtime).containerPort,
    healthCheckPath: spec.healthCheckPath ?? RuntimeDefaults.HEALTH_CHECK_PATH,
  };
}
