import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { flattenReference } from './wildcard-findings';
import { Compliance } from '../../compliance/acknowledgments';

/** What the ECS deploy action's role may touch. */
export interface DeployRoleProps {
  /** The pipeline's role, the only principal that may assume this one. */
  readonly pipelineRole: iam.IRole;
  readonly service: ecs.IBaseService;
  /** The task definition's task and execution roles: given, else read from a service construct of this app. */
  readonly taskDefinitionRoles?: iam.IRole[];
  /** `{service}-{environment}`: the prefix of the platform's role names, for an imported service. */
  readonly servicePrefix: string;
  readonly artifactsBucket: s3.IBucket;
  readonly storageKey: kms.IKey;
}

/**
 * The role of the ECS deploy action, with a policy written here instead of CDK's, which grants
 * every ECS action on `*` and `iam:PassRole` on every role. This one updates only the target
 * service and passes only its task definition's roles, to ECS tasks.
 *
 * Hand it to the action with `withoutPolicyUpdates()` so that CDK adds nothing.
 */
export function createDeployRole(scope: Construct, props: DeployRoleProps): iam.Role {
  const stack = Stack.of(scope);
  const cluster = props.service.cluster;
  const ecsArn = (resource: string, resourceName: string): string => stack.formatArn({
    service: 'ecs', resource, resourceName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
  });
  const serviceArn = ecsArn('service', `${cluster.clusterName}/${props.service.serviceName}`);
  const tasksArn = ecsArn('task', `${cluster.clusterName}/*`);
  const taskDefinitionsArn = ecsArn('task-definition', '*');
  const artifacts = props.artifactsBucket.arnForObjects('*');
  const roles = props.taskDefinitionRoles ?? rolesOf(props.service);
  const passRoleArns = roles?.map((r) => r.roleArn)
    ?? [stack.formatArn({ service: 'iam', region: '', resource: 'role', resourceName: `${props.servicePrefix}-*` })];

  const role = new iam.Role(scope, 'DeployRole', {
    assumedBy: new iam.ArnPrincipal(props.pipelineRole.roleArn),
    description: `ECS deploy action of ${props.service.serviceName}: updates that service only`,
  });
  const policy = new iam.ManagedPolicy(scope, 'DeployPolicy', {
    description: `ECS deploy action of ${props.service.serviceName}: updates that service only`,
    roles: [role],
    statements: [
      new iam.PolicyStatement({
        sid: 'UpdateTheService',
        actions: ['ecs:DescribeServices', 'ecs:UpdateService'],
        resources: [serviceArn],
      }),
      new iam.PolicyStatement({
        sid: 'RegisterTaskDefinitionRevision',
        actions: ['ecs:DescribeTaskDefinition', 'ecs:RegisterTaskDefinition'],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'TagNewRevision',
        actions: ['ecs:TagResource'],
        resources: [taskDefinitionsArn],
        conditions: { StringEquals: { 'ecs:CreateAction': 'RegisterTaskDefinition' } },
      }),
      new iam.PolicyStatement({
        sid: 'WatchTheDeployment',
        actions: ['ecs:DescribeTasks'],
        resources: [tasksArn],
      }),
      new iam.PolicyStatement({
        sid: 'ListTasksOfTheCluster',
        actions: ['ecs:ListTasks'],
        resources: ['*'],
        conditions: { ArnEquals: { 'ecs:cluster': cluster.clusterArn } },
      }),
      new iam.PolicyStatement({
        sid: 'PassTaskDefinitionRoles',
        actions: ['iam:PassRole'],
        resources: passRoleArns,
        conditions: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
      }),
      new iam.PolicyStatement({
        sid: 'ReadImageDefinitions',
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [artifacts],
      }),
      new iam.PolicyStatement({
        sid: 'DecryptArtifacts',
        actions: ['kms:Decrypt'],
        resources: [props.storageKey.keyArn],
      }),
    ],
  });

  const flat = (value: string): string => flattenReference(stack.resolve(value));
  Compliance.acknowledge(policy, 'AwsSolutions-IAM5[Resource::*]',
    'ecs:DescribeTaskDefinition, ecs:RegisterTaskDefinition and ecs:ListTasks have no resource-level permissions '
    + '(AWS requires Resource "*"); ListTasks is limited to the environment\'s cluster by the ecs:cluster condition, '
    + 'and the new revision can only be deployed to this service (UpdateService is scoped to its ARN).');
  Compliance.acknowledge(policy, `AwsSolutions-IAM5[Resource::${flat(taskDefinitionsArn)}]`,
    'ecs:TagResource on task definitions is allowed only while registering a revision (ecs:CreateAction = '
    + 'RegisterTaskDefinition): the family of the revision CodePipeline registers is the service\'s own.');
  Compliance.acknowledge(policy, `AwsSolutions-IAM5[Resource::${flat(tasksArn)}]`,
    'ecs:DescribeTasks on the tasks of the environment\'s cluster, whose ids are assigned at run time; the deploy '
    + 'action reads them to follow the rollout. It is read-only.');
  Compliance.acknowledge(policy, `AwsSolutions-IAM5[Resource::${flat(artifacts)}]`,
    'Read-only access to the objects of this pipeline\'s own artifacts bucket: CodePipeline names each artifact key '
    + 'per execution, so the deploy action cannot be limited to one key in advance.');
  if (!roles) {
    Compliance.acknowledge(policy, `AwsSolutions-IAM5[Resource::${flat(passRoleArns[0])}]`,
      'The service is imported: its runtime stack, deployed after this one, creates the task and execution roles under '
      + `the platform's names ${props.servicePrefix}-*. iam:PassRole is limited to those names and to `
      + 'ecs-tasks.amazonaws.com (iam:PassedToService).');
  }
  return role;
}

/** The task definition's roles of a service construct of this app; undefined for an imported service. */
function rolesOf(service: ecs.IBaseService): iam.IRole[] | undefined {
  if (!(service instanceof ecs.BaseService)) {
    return undefined;
  }
  const taskDefinition = service.taskDefinition;
  return [taskDefinition.taskRole, ...(taskDefinition.executionRole ? [taskDefinition.executionRole] : [])];
}
