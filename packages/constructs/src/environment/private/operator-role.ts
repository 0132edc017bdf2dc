import { Aws, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { Compliance } from '../../compliance/acknowledgments';
import { EnvironmentProfile } from '../environment-profile';
import { PlatformKeys } from '../platform-keys';
import { humanPrincipal, humanSessionDuration } from './human-access';

/** What the operator role is built from. */
export interface OperatorRoleProps {
  readonly profile: EnvironmentProfile;
  /** The environment's cluster: the role reaches its services and tasks only. */
  readonly clusterName: string;
  /** The environment's secrets key: the only key the role may create secrets with. */
  readonly secretsKey: kms.IKey;
}

/**
 * What an operator may not put into `ecs:UpdateService`, each a condition IAM can evaluate: a task
 * definition (the pipeline deploys revisions; rollback is the pipeline's or an administrator's),
 * a network configuration (subnets are required whenever security groups or the public IP
 * setting change, so this covers all three), ECS Exec, Service Connect and VPC Lattice.
 */
const UPDATES_OPERATORS_MAY_NOT_MAKE: Array<[string, string, string, string]> = [
  ['NoNewTaskDefinition', 'Null', 'ecs:task-definition', 'false'],
  ['NoNetworkChange', 'Null', 'ecs:subnet', 'false'],
  ['NoExecuteCommand', 'Bool', 'ecs:enable-execute-command', 'true'],
  ['NoServiceConnect', 'Bool', 'ecs:enable-service-connect', 'true'],
  ['NoVpcLattice', 'Bool', 'ecs:enable-vpc-lattice', 'true'],
];

/** Actions that change what runs or who it runs as: never an operator's. */
const NEVER_OPERATOR_ACTIONS = [
  'iam:PassRole', 'ecs:RegisterTaskDefinition', 'ecs:DeregisterTaskDefinition', 'ecs:CreateService', 'ecs:DeleteService',
  'ecs:RunTask', 'ecs:StartTask', 'ecs:ExecuteCommand', 'ecs:UpdateCluster', 'ecs:PutClusterCapacityProviders',
];

/**
 * The operator role, `{environment}-operator`: assumable by the account's IAM principals only with
 * MFA (in production, MFA at most one hour old and one-hour sessions).
 *
 * - It reads the state of the services and tasks of its cluster and their logs, and may call
 *   `ecs:UpdateService` on them to force a new deployment or change the desired count; outside
 *   production it may also stop tasks by hand (resilience drills, unsticking a test environment).
 *   Every ECS action is limited to the cluster by the `ecs:cluster` condition. IAM cannot say
 *   "only forceNewDeployment and desiredCount": the policy denies every part of an update that IAM
 *   can see (task definition, network configuration, ECS Exec, Service Connect, VPC Lattice), and
 *   denies outright what would change what runs (registering task definitions, passing roles,
 *   creating, running or exec-ing into tasks). What IAM cannot see (load balancer and service
 *   registry attachments, deployment and placement settings, capacity provider strategy) is
 *   recorded in the trail with the request's parameters and reverted by the next deployment of the
 *   runtime stack.
 * - It is the environment's secret writer: it may create secrets tagged `Environment={environment}`
 *   and encrypted with the environment's secrets key, and change their values, which the secrets
 *   key admits it to encrypt (and, as Secrets Manager requires for a write, decrypt) through
 *   Secrets Manager; it may never read a value (`GetSecretValue` is denied).
 */
export function createOperatorRole(scope: Construct, props: OperatorRoleProps): iam.Role {
  const profile = props.profile;
  const env = profile.name;
  const region = Stack.of(scope).region;
  const role = new iam.Role(scope, 'OperatorRole', {
    roleName: `${env}-operator`,
    description: `Human operators of ${env} (MFA required)`,
    assumedBy: humanPrincipal(profile),
    maxSessionDuration: humanSessionDuration(profile),
  });
  const clusterArn = `arn:${Aws.PARTITION}:ecs:${region}:${Aws.ACCOUNT_ID}:cluster/${props.clusterName}`;
  // The ways a request can name the secrets key: its ARN, its alias, the alias's ARN.
  const secretsAlias = PlatformKeys.aliasName(env, 'secrets');
  const secretsKeyIds = [props.secretsKey.keyArn, secretsAlias, `arn:${Aws.PARTITION}:kms:${region}:${Aws.ACCOUNT_ID}:${secretsAlias}`];
  const inCluster = { ArnEquals: { 'ecs:cluster': clusterArn } };
  const policy = new iam.ManagedPolicy(scope, 'OperatorPolicy', {
    description: `Operate the services of ${env}`,
    roles: [role],
    statements: [
      new iam.PolicyStatement({ sid: 'ReadCluster', actions: ['ecs:DescribeClusters'], resources: [clusterArn] }),
      new iam.PolicyStatement({
        sid: 'ReadServices',
        actions: ['ecs:DescribeServices', 'ecs:DescribeTasks', 'ecs:ListTasks'],
        resources: ['*'],
        conditions: inCluster,
      }),
      new iam.PolicyStatement({ sid: 'RedeployServices', actions: ['ecs:UpdateService'], resources: ['*'], conditions: inCluster }),
      ...UPDATES_OPERATORS_MAY_NOT_MAKE.map(([sid, operator, key, value]) => new iam.PolicyStatement({
        sid,
        effect: iam.Effect.DENY,
        actions: ['ecs:UpdateService'],
        resources: ['*'],
        conditions: { [operator]: { [key]: value } },
      })),
      new iam.PolicyStatement({ sid: 'NeverChangeWhatRuns', effect: iam.Effect.DENY, actions: NEVER_OPERATOR_ACTIONS, resources: ['*'] }),
      ...(profile.production ? [] : [
        new iam.PolicyStatement({ sid: 'StopTasks', actions: ['ecs:StopTask'], resources: ['*'], conditions: inCluster }),
      ]),
      new iam.PolicyStatement({
        sid: 'ReadServiceLogs',
        actions: ['logs:GetLogEvents', 'logs:FilterLogEvents', 'logs:DescribeLogStreams'],
        resources: [`arn:${Aws.PARTITION}:logs:${region}:${Aws.ACCOUNT_ID}:log-group:/ecs/${env}/*`],
      }),
      new iam.PolicyStatement({
        sid: 'CreateSecretsOfTheEnvironment',
        actions: ['secretsmanager:CreateSecret'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:RequestTag/Environment': env, 'secretsmanager:KmsKeyId': secretsKeyIds } },
      }),
      new iam.PolicyStatement({
        sid: 'TagSecretsForTheEnvironment',
        actions: ['secretsmanager:TagResource'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:RequestTag/Environment': env } },
      }),
      new iam.PolicyStatement({
        sid: 'WriteSecretsOfTheEnvironment',
        actions: ['secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecret', 'secretsmanager:DescribeSecret', 'secretsmanager:ListSecretVersionIds'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:ResourceTag/Environment': env },
          // A secret moves to another key only to the secrets key (UpdateSecret with a KmsKeyId).
          StringEqualsIfExists: { 'secretsmanager:KmsKeyId': secretsKeyIds },
        },
      }),
      new iam.PolicyStatement({
        sid: 'NeverReadSecretValues',
        effect: iam.Effect.DENY,
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:BatchGetSecretValue'],
        resources: ['*'],
      }),
    ],
  });
  Compliance.acknowledge(policy, 'AwsSolutions-IAM5',
    `Each wildcard is narrowed by a condition or a name: every ECS action by ecs:cluster to ${props.clusterName} (the services `
    + `and tasks of the cluster, created at run time); the secrets by their tag Environment=${env} (teams name them, and `
    + `Secrets Manager suffixes their ARNs), write-only (reading values is denied); the logs to /ecs/${env}/* (one group per service).`);
  return role;
}
