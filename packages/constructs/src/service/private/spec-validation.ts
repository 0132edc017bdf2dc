import { Token } from 'aws-cdk-lib';
import { MAX_LOAD_BALANCERS } from '../../private/quotas';
import { isDnsLabel } from '../../private/validate';
import { FargateSizes } from '../fargate-sizes';
import { ServiceKind, ServiceRuntime, ServiceSpec } from '../service-spec';
import { parseSecretReference } from './secret-reference';

/** Configuration and secret variable names, as POSIX shells accept them, upper case. */
const VARIABLE_NAME = /^[A-Z_][A-Z0-9_]*$/;
/** Names the platform or ECS sets itself. */
const RESERVED_VARIABLE = /^(KAFKA_BROKERS|AWS_.*|ECS_.*)$/;
/** Characters a health check path may hold: it is embedded in the container's health check shell command. */
const HEALTH_CHECK_PATH = /^\/[A-Za-z0-9._~/-]*$/;
/** Host header condition value: letters, digits, hyphens, dots and the ALB wildcards `*` and `?`. */
const HOST_HEADER = /^[A-Za-z0-9*?]([A-Za-z0-9*?.-]*[A-Za-z0-9*?])?$/;
/** Largest value of a standard-tier SSM parameter. */
const MAX_CONFIG_VALUE_LENGTH = 4096;

export const MIN_PORT = 1024;
export const MAX_PORT = 65535;
export const MAX_TASKS = 10;
export const MAX_CAPACITY = 100;
export const MAX_PRIORITY = 50000;
export const MAX_PATH_PATTERN_LENGTH = 128;
/** Largest load balancer index (counted from 0). */
export const MAX_LOAD_BALANCER_INDEX = MAX_LOAD_BALANCERS - 1;

function known(value: number | string | undefined): value is number | string {
  return value !== undefined && !Token.isUnresolved(value);
}

function isIntegerIn(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

/**
 * Every problem of a service spec, each naming the field, the value received and what is
 * allowed. Unresolved tokens are not checked.
 */
export function specProblems(spec: ServiceSpec): string[] {
  const problems: string[] = [];
  const problem = (message: string) => problems.push(message);

  // ECR repository names ({environment}/{service}) refuse consecutive separators.
  if (known(spec.name) && (!isDnsLabel(spec.name, 3, 32) || spec.name.includes('--'))) {
    problem('name must be a DNS label of 3-32 lowercase letters, digits and single hyphens, starting with a letter '
      + `and not ending with a hyphen; got '${spec.name}'`);
  }
  if (!Object.values(ServiceKind).includes(spec.kind)) {
    problem(`kind must be one of ${Object.values(ServiceKind).join(', ')}; got '${spec.kind}'`);
  }
  if (!Object.values(ServiceRuntime).includes(spec.runtime)) {
    problem(`runtime must be one of ${Object.values(ServiceRuntime).join(', ')}; got '${spec.runtime}'`);
  }
  problems.push(...sizeProblems(spec));
  if (known(spec.containerPort) && !isIntegerIn(spec.containerPort, MIN_PORT, MAX_PORT)) {
    problem(`containerPort must be an integer from ${MIN_PORT} to ${MAX_PORT}; got ${spec.containerPort}`);
  }
  problems.push(...capacityProblems(spec));
  problems.push(...routeProblems(spec));
  if (spec.healthCheckPath !== undefined && known(spec.healthCheckPath) && !HEALTH_CHECK_PATH.test(spec.healthCheckPath)) {
    problem(`healthCheckPath must start with '/' and hold only letters, digits and . _ ~ / -; got '${spec.healthCheckPath}'`);
  }
  problems.push(...variableProblems(spec));
  return problems;
}

function sizeProblems(spec: ServiceSpec): string[] {
  if (!known(spec.cpu) || !known(spec.memoryLimitMiB)) {
    return [];
  }
  if (!FargateSizes.CPU_UNITS.includes(spec.cpu)) {
    return [`cpu must be one of ${FargateSizes.CPU_UNITS.join(', ')}; got ${spec.cpu}`];
  }
  if (!FargateSizes.isValid(spec.cpu, spec.memoryLimitMiB)) {
    return [`memoryLimitMiB must be a valid Fargate pair with cpu ${spec.cpu}: `
      + `${FargateSizes.describeMemoryOptions(spec.cpu)}; got ${spec.memoryLimitMiB}`];
  }
  return [];
}

function capacityProblems(spec: ServiceSpec): string[] {
  const problems: string[] = [];
  const desired = spec.desiredCount;
  if (known(desired) && !isIntegerIn(desired, 1, MAX_TASKS)) {
    problems.push(`desiredCount must be an integer from 1 to ${MAX_TASKS}; got ${desired}`);
  }
  const min = spec.minCapacity;
  const max = spec.maxCapacity;
  if (min !== undefined && known(min) && !isIntegerIn(min, 1, MAX_TASKS)) {
    problems.push(`minCapacity must be an integer from 1 to ${MAX_TASKS}; got ${min}`);
  }
  if (max !== undefined && known(max) && !isIntegerIn(max, 1, MAX_CAPACITY)) {
    problems.push(`maxCapacity must be an integer from 1 to ${MAX_CAPACITY}; got ${max}`);
  }
  if (problems.length > 0 || !known(desired)) {
    return problems;
  }
  if (min !== undefined && max !== undefined && known(min) && known(max) && min > max) {
    problems.push(`minCapacity must not exceed maxCapacity; got minCapacity ${min} and maxCapacity ${max}`);
  } else {
    if (min !== undefined && known(min) && desired < min) {
      problems.push(`desiredCount must be within minCapacity..maxCapacity (${min}..${max ?? 2 * desired}); got ${desired}`);
    } else if (max !== undefined && known(max) && desired > max) {
      problems.push(`desiredCount must be within minCapacity..maxCapacity (${min ?? desired}..${max}); got ${desired}`);
    }
  }
  return problems;
}

function routeProblems(spec: ServiceSpec): string[] {
  const route = spec.route;
  if (spec.kind === ServiceKind.PUBLIC && route === undefined) {
    return [`route is required for a public service (kind '${ServiceKind.PUBLIC}'): give it a path pattern and a listener priority; got none`];
  }
  if (spec.kind === ServiceKind.INTERNAL && route !== undefined) {
    return [`route must be omitted for an internal service (kind '${ServiceKind.INTERNAL}'), which has no load balancer; `
      + `got path pattern '${route.pathPattern}'`];
  }
  if (route === undefined) {
    return [];
  }
  const problems: string[] = [];
  if (known(route.priority) && !isIntegerIn(route.priority, 1, MAX_PRIORITY)) {
    problems.push(`route.priority must be an integer from 1 to ${MAX_PRIORITY}; got ${route.priority}`);
  }
  if (known(route.pathPattern) && (!route.pathPattern.startsWith('/') || route.pathPattern.length > MAX_PATH_PATTERN_LENGTH)) {
    problems.push(`route.pathPattern must start with '/' and be at most ${MAX_PATH_PATTERN_LENGTH} characters; got '${route.pathPattern}'`);
  }
  if (route.loadBalancer !== undefined && known(route.loadBalancer) && !isIntegerIn(route.loadBalancer, 0, MAX_LOAD_BALANCER_INDEX)) {
    problems.push(`route.loadBalancer must be an integer from 0 to ${MAX_LOAD_BALANCER_INDEX} (the environment's load balancers, `
      + `counted from 0); got ${route.loadBalancer}`);
  }
  if (route.hostHeader !== undefined && known(route.hostHeader)
    && (!HOST_HEADER.test(route.hostHeader) || route.hostHeader.length > MAX_PATH_PATTERN_LENGTH)) {
    problems.push(`route.hostHeader must be a host name of at most ${MAX_PATH_PATTERN_LENGTH} letters, digits, hyphens, dots `
      + `and wildcards (* ?); got '${route.hostHeader}'`);
  }
  return problems;
}

function variableProblems(spec: ServiceSpec): string[] {
  const problems: string[] = [];
  const config = spec.config ?? {};
  const secrets = spec.secrets ?? {};
  const checkName = (field: string, name: string) => {
    if (!VARIABLE_NAME.test(name)) {
      problems.push(`${field} variable names must match [A-Z_][A-Z0-9_]*; got '${name}'`);
    } else if (RESERVED_VARIABLE.test(name)) {
      problems.push(`${field} variable names must not be KAFKA_BROKERS (set by the platform) or start with AWS_ or ECS_ `
        + `(reserved by ECS); got '${name}'`);
    }
  };
  for (const [name, value] of Object.entries(config)) {
    checkName('config', name);
    if (known(value) && (typeof value !== 'string' || value.length === 0 || value.length > MAX_CONFIG_VALUE_LENGTH)) {
      problems.push(`config.${name} must be a non-empty string of at most ${MAX_CONFIG_VALUE_LENGTH} characters `
        + `(it becomes an SSM parameter); got '${value}'`);
    }
  }
  for (const [name, value] of Object.entries(secrets)) {
    checkName('secrets', name);
    if (known(value) && parseSecretReference(value) === undefined) {
      problems.push(`secrets.${name} must be the complete ARN of a Secrets Manager secret `
        + '(arn:aws:secretsmanager:{region}:{account}:secret:{name}-{6 characters}), optionally followed by '
        + `:{json-key}:{version-stage}:{version-id} with a stage or an id, not both; got '${value}'`);
    }
  }
  const both = Object.keys(config).filter((name) => name in secrets);
  if (both.length > 0) {
    problems.push(`a variable must be either config or secrets, not both; got ${both.map((n) => `'${n}'`).join(', ')} in both`);
  }
  return problems;
}
