import { SecretReference, ServiceSpec } from '@fargate-platform/service-model';
import { Stack } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { Compliance } from '../../compliance/acknowledgments';
import { IPlatformEnvironment } from '../../environment/environment-contract';

export interface ServiceRolesProps {
  readonly environment: IPlatformEnvironment;
  readonly spec: ServiceSpec;
  readonly repository: ecr.IRepository;
  readonly logGroup: logs.ILogGroup;
  /** Every SSM parameter injected into the container. */
  readonly parameters: ssm.IParameter[];
  /** Every Secrets Manager secret injected into the container. */
  readonly secrets: SecretReference[];
}

export interface ServiceRoles {
  /** The role ECS starts tasks with, exactly as permitted as the policies below say (CDK's automatic grants are refused). */
  readonly executionRole: iam.IRole;
  readonly taskRole: iam.Role;
  /** The policies attached to the roles: the service must not start before they exist. */
  readonly policies: iam.ManagedPolicy[];
}

/**
 * The two roles of a service's tasks, least privilege.
 *
 * The execution role's permissions are customer-managed policies written here, statement by
 * statement; the role is handed to ECS through `withoutPolicyUpdates()`, so that CDK's
 * automatic grants (which would add a broader inline default policy) do not apply. It pulls
 * from the service's repository only, writes the service's log group only, and reads exactly
 * the injected parameters and secrets. `ecr:GetAuthorizationToken` has no resource-level
 * permissions; it sits alone in its own policy, whose IAM5 finding is acknowledged.
 *
 * The task role may read exactly the service's secrets and nothing else; teams grant more
 * on `PlatformService.taskRole`.
 */
export function createServiceRoles(scope: Construct, props: ServiceRolesProps): ServiceRoles {
  const env = props.environment;
  const stack = Stack.of(scope);
  // The execution role is assumed by the ECS and Fargate agents, for which ECS documents no source condition
  // (a wrong one would stop every task at its image pull, which only a deployment can show): it trusts the service
  // principal alone, and only this service's deploy role may pass it (iam:PassRole by name). The task role, which
  // the application's code uses, accepts this account's ECS tasks only (the confused deputy), as ECS documents.
  const principal = new iam.ServicePrincipal('ecs-tasks.amazonaws.com');

  const executionRole = new iam.Role(scope, 'ExecutionRole', {
    roleName: props.spec.names.executionRoleName,
    assumedBy: principal,
    description: `Starts the tasks of ${props.spec.name} in ${env.profile.name}: image pull, logs, configuration and secrets`,
  });
  const executionStatements = [
    new iam.PolicyStatement({
      sid: 'PullTheServiceImage',
      actions: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
      resources: [props.repository.repositoryArn],
    }),
    new iam.PolicyStatement({
      sid: 'WriteTheServiceLogs',
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [props.logGroup.logGroupArn],
    }),
    new iam.PolicyStatement({
      sid: 'ReadTheServiceParameters',
      actions: ['ssm:GetParameters'],
      resources: props.parameters.map((p) => p.parameterArn),
    }),
  ];
  if (props.secrets.length > 0) {
    executionStatements.push(
      new iam.PolicyStatement({
        sid: 'ReadTheServiceSecrets',
        actions: ['secretsmanager:GetSecretValue'],
        resources: unique(props.secrets.map((s) => s.secretArn)),
      }),
      new iam.PolicyStatement({
        sid: 'DecryptTheServiceSecrets',
        actions: ['kms:Decrypt'],
        resources: [env.keys.secrets.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${stack.region}.amazonaws.com` } },
      }),
    );
  }
  const executionPolicy = new iam.ManagedPolicy(scope, 'ExecutionPolicy', {
    description: `Task execution permissions of ${props.spec.name} in ${env.profile.name}`,
    statements: executionStatements,
    roles: [executionRole],
  });
  const registryLogin = new iam.ManagedPolicy(scope, 'RegistryLoginPolicy', {
    description: `ECR login of ${props.spec.name} in ${env.profile.name} (the action has no resource-level permissions)`,
    statements: [new iam.PolicyStatement({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] })],
    roles: [executionRole],
  });
  Compliance.acknowledge(registryLogin, 'AwsSolutions-IAM5[Resource::*]',
    'ecr:GetAuthorizationToken supports no resource-level permissions (Resource must be *); the policy holds this one '
    + 'action only, and the repository policy limits what the token can pull.');

  const taskRole = new iam.Role(scope, 'TaskRole', {
    roleName: props.spec.names.taskRoleName,
    assumedBy: principal.withConditions({
      ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'ecs', resource: '*' }) },
      StringEquals: { 'aws:SourceAccount': stack.account },
    }),
    description: `The application of ${props.spec.name} in ${env.profile.name}`,
  });
  const policies = [executionPolicy, registryLogin];
  if (props.secrets.length > 0) {
    policies.push(new iam.ManagedPolicy(scope, 'TaskSecretsPolicy', {
      description: `The secrets of ${props.spec.name} in ${env.profile.name}, read by the application`,
      statements: [
        new iam.PolicyStatement({
          actions: ['secretsmanager:GetSecretValue'],
          resources: unique(props.secrets.map((s) => s.secretArn)),
        }),
        new iam.PolicyStatement({
          actions: ['kms:Decrypt'],
          resources: [env.keys.secrets.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${stack.region}.amazonaws.com` } },
        }),
      ],
      roles: [taskRole],
    }));
  }

  return { executionRole: executionRole.withoutPolicyUpdates(), taskRole, policies };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
