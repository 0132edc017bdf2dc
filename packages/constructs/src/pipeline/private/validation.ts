import { Stack, Token } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { isBranchName } from '../../environment/private/branch-rules';

/** Synth-time checks of a service pipeline's input; each returns the problems it found (empty when fine). */

/** The branch a manual start builds. */
export function defaultBranchProblems(defaultBranch: string): string[] {
  if (Token.isUnresolved(defaultBranch) || isBranchName(defaultBranch)) {
    return [];
  }
  return ['defaultBranch must be a git branch name (letters, digits, \'.\', \'_\', \'-\' and \'/\', no glob '
    + `characters, no empty or dot-led segments), e.g. 'main'; got '${defaultBranch}'`];
}


/** Roles given for the deploy action to pass: none at all would make every deployment fail. */
export function taskDefinitionRolesProblems(roles: iam.IRole[] | undefined): string[] {
  return roles !== undefined && roles.length === 0
    ? ['taskDefinitionRoles must list the task role and execution role of the service\'s task definition '
      + '(the deploy action may pass only those roles to ECS); got an empty list']
    : [];
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
