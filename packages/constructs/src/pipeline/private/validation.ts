import { Stack, Token } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { PipelineTrigger } from '../../environment/environment-profile';
import { CONNECTION_ARN, isDnsLabel } from '../../private/validate';
import { ServiceRuntime } from '../../service/service-spec';

/** Synth-time checks of a service pipeline's input; each returns the problems it found (empty when fine). */

/** A Bitbucket `workspace/repository`: slugs of letters, digits, `.`, `_` and `-`, starting with a letter or digit. */
const SOURCE_REPOSITORY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,61}\/[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** The glob characters CodePipeline's branch filters understand, plus what a git branch name may hold. */
const BRANCH_GLOB_CHARACTERS = /^[A-Za-z0-9._\-/*?]+$/;

/** What a git branch name may hold (a subset of `git check-ref-format`: no glob characters). */
const BRANCH_NAME_CHARACTERS = /^[A-Za-z0-9._\-/]+$/;

/** The service name, which names the pipeline, the projects and the container. */
export function serviceNameProblems(name: string): string[] {
  if (Token.isUnresolved(name) || isDnsLabel(name, 3, 32)) {
    return [];
  }
  return [`spec.name must be a DNS label of 3-32 characters (lowercase letters, digits and hyphens, `
    + `starting with a letter, not ending with a hyphen); got '${name}'`];
}

/** The CodeConnections connection to Bitbucket. */
export function connectionArnProblems(connectionArn: string): string[] {
  if (Token.isUnresolved(connectionArn) || CONNECTION_ARN.test(connectionArn)) {
    return [];
  }
  return ['connectionArn must be a CodeConnections connection ARN, '
    + 'arn:<partition>:codeconnections|codestar-connections:<region>:<account>:connection/<uuid>; '
    + `got '${connectionArn}'`];
}

/** The Bitbucket repository of the service's code. */
export function sourceRepositoryProblems(sourceRepository: string): string[] {
  if (Token.isUnresolved(sourceRepository)) {
    return [];
  }
  if (!SOURCE_REPOSITORY.test(sourceRepository) || sourceRepository.endsWith('.git')) {
    return ['spec.sourceRepository must be a Bitbucket repository as workspace/repository '
      + `(letters, digits, '.', '_' and '-', without '.git'), e.g. 'acme/orders-service'; got '${sourceRepository}'`];
  }
  return [];
}

/** The environment's branch rule: a branch glob and a known trigger. */
export function branchRuleProblems(environment: string, branchPattern: string, trigger: PipelineTrigger): string[] {
  const problems: string[] = [];
  if (!Token.isUnresolved(branchPattern) && !isBranchGlob(branchPattern)) {
    problems.push(`branchPattern of environment '${environment}' must be a branch glob of letters, digits, `
      + `'.', '_', '-', '/', '*' and '?' without empty segments, e.g. 'release/*.*.*'; got '${branchPattern}'`);
  }
  const triggers = Object.values(PipelineTrigger) as string[];
  if (!triggers.includes(trigger)) {
    problems.push(`pipelineTrigger of environment '${environment}' must be one of ${triggers.join(', ')}; got '${trigger}'`);
  }
  return problems;
}

/** The branch a manual start builds. */
export function defaultBranchProblems(defaultBranch: string): string[] {
  if (Token.isUnresolved(defaultBranch) || isBranchName(defaultBranch)) {
    return [];
  }
  return ['defaultBranch must be a git branch name (letters, digits, \'.\', \'_\', \'-\' and \'/\', no glob '
    + `characters, no empty or dot-led segments), e.g. 'main'; got '${defaultBranch}'`];
}

function isBranchGlob(pattern: string): boolean {
  return pattern.length <= 255 && BRANCH_GLOB_CHARACTERS.test(pattern) && hasValidSegments(pattern);
}

function isBranchName(name: string): boolean {
  return name.length <= 255 && BRANCH_NAME_CHARACTERS.test(name) && hasValidSegments(name);
}

/** No leading, trailing or doubled `/`, no `..`, no segment starting with `.` or ending with `.lock` (git's own rules). */
function hasValidSegments(value: string): boolean {
  return !value.includes('..')
    && value.split('/').every((segment) => segment.length > 0 && !segment.startsWith('.') && !segment.endsWith('.lock'))
    && !value.endsWith('.');
}

/** Roles given for the deploy action to pass: none at all would make every deployment fail. */
export function taskDefinitionRolesProblems(roles: iam.IRole[] | undefined): string[] {
  return roles !== undefined && roles.length === 0
    ? ['taskDefinitionRoles must list the task role and execution role of the service\'s task definition '
      + '(the deploy action may pass only those roles to ECS); got an empty list']
    : [];
}

/** The service's runtime, which selects the unit-test commands. */
export function runtimeProblems(runtime: ServiceRuntime): string[] {
  const runtimes = Object.values(ServiceRuntime) as string[];
  return runtimes.includes(runtime) ? [] : [`spec.runtime must be one of ${runtimes.join(', ')}; got '${runtime}'`];
}

/** The buildspec options (the shape of ServiceBuildspecOptions, kept here to avoid an import cycle). */
export interface BuildspecOptions {
  readonly runtimeVersion?: string;
  readonly trivyVersion?: string;
  readonly trivySha256?: string;
}

/** The test runtime version and the scanner pin. */
export function buildspecOptionProblems(options: BuildspecOptions): string[] {
  const problems: string[] = [];
  if (options.runtimeVersion !== undefined && !/^\d+(\.\d+)*(\.x)?$/.test(options.runtimeVersion)) {
    problems.push(`runtimeVersion must be a version such as 20 or 3.12; got '${options.runtimeVersion}'`);
  }
  if (options.trivyVersion !== undefined && !/^\d+\.\d+\.\d+$/.test(options.trivyVersion)) {
    problems.push(`trivyVersion must be a release version such as 0.74.0; got '${options.trivyVersion}'`);
  }
  if (options.trivySha256 !== undefined && !/^[0-9a-f]{64}$/.test(options.trivySha256)) {
    problems.push(`trivySha256 must be 64 lowercase hexadecimal characters; got '${options.trivySha256}'`);
  }
  if ((options.trivyVersion === undefined) !== (options.trivySha256 === undefined)) {
    problems.push('trivyVersion and trivySha256 must be given together (a release without its checksum is not installed); '
      + `got trivyVersion '${options.trivyVersion ?? ''}' and trivySha256 '${options.trivySha256 ?? ''}'`);
  }
  return problems;
}

/**
 * A service construct of this app must deploy without downtime (Property 16): a rolling
 * update (ECS controller) that keeps 100% of the desired tasks healthy, room for the new
 * tasks (maximum 200%), and the circuit breaker that rolls a failed deployment back.
 */
export function zeroDowntimeProblems(service: ecs.BaseService): string[] {
  const cfn = service.node.defaultChild as ecs.CfnService;
  const stack = Stack.of(service);
  const config = stack.resolve(cfn.deploymentConfiguration) ?? {};
  const controller = stack.resolve(cfn.deploymentController);
  const problems: string[] = [];
  const name = service.node.path;
  if (controller?.type !== undefined && controller.type !== 'ECS') {
    problems.push(`service ${name} must use the ECS deployment controller (rolling update) that the ECS deploy action drives; `
      + `got ${controller.type}`);
  }
  const min = config.minimumHealthyPercent;
  if (!Token.isUnresolved(min) && (min === undefined || min < 100)) {
    problems.push(`service ${name} must keep minHealthyPercent at 100 or more, so the running version serves until the new `
      + `one is healthy; got ${min ?? 'unset'}`);
  }
  const max = config.maximumPercent;
  if (!Token.isUnresolved(max) && max !== undefined && max < 200) {
    problems.push(`service ${name} must allow maxHealthyPercent of 200 or more, room for the new tasks beside the old; got ${max}`);
  }
  const breaker = config.deploymentCircuitBreaker;
  if (!breaker?.enable || !breaker?.rollback) {
    problems.push(`service ${name} must enable the deployment circuit breaker with rollback, so a failed deployment `
      + `returns to the running version; got ${breaker ? `enable ${breaker.enable}, rollback ${breaker.rollback}` : 'none'}`);
  }
  return problems;
}
