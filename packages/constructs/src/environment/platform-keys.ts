import { ServiceNames } from '@fargate-platform/service-model';
import { Aws, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { EnvironmentProfile } from './environment-profile';
import { humanPrincipal, humanSessionDuration } from './private/human-access';
import { baseKeyPolicy, KEY_USAGE_ACTIONS, useThrough } from './private/key-policy';

/** Properties of an environment's keys. */
export interface PlatformKeysProps {
  readonly profile: EnvironmentProfile;
  /** Name of the environment's ECS cluster, which Fargate names in its encryption context. */
  readonly clusterName: string;
  /**
   * Name of the environment's CloudTrail trail, when the environment owns the account's audit:
   * the audit key is created for it (and the Config history), and admits CloudTrail for that trail only.
   * @default - no audit key
   */
  readonly trailName?: string;
}

/**
 * The customer-managed KMS keys of an environment (an `EnvironmentKeys`), one per purpose, each
 * rotated yearly, and the role that administers them.
 *
 * Administration is separated from use. Every key policy lets the account administer the key
 * through IAM policies (so CloudFormation and the account's administrators can always manage it,
 * including its policy: it never becomes unmanageable) but never use it, and names the
 * `{environment}-key-administrator` role, which may disable, enable and rotate the key and revoke
 * its grants, but not use it, rewrite its policy or delete it. Use is granted per key, only
 * through the AWS services that need it (`kms:ViaService`, `kms:CallerAccount`), or to the AWS
 * service principals that encrypt on the platform's behalf, scoped to this account and, where the
 * service offers one, to a source ARN or an encryption context: a principal with `kms:Decrypt` on
 * `*` cannot decrypt anything with these keys itself. The secrets key decrypts only for the
 * environment's service roles (`{service}-{environment}-execution`, `-task`) and the role
 * admitted as secret writer (`admitSecretWriter`: the operator role, which writes secret values
 * and may not read them). Every key refuses grants that are not for AWS resources (Control Tower
 * CT.KMS.PR.3).
 */
export class PlatformKeys extends Construct {
  /**
   * The alias of one of an environment's keys: `alias/fargate-platform/{environment}/{purpose}`.
   *
   * @param environment the environment name
   * @param purpose ecs, ecr, secrets, logs, storage, alerting or audit
   */
  public static aliasName(environment: string, purpose: string): string {
    return `alias/fargate-platform/${environment}/${purpose}`;
  }

  /** Fargate ephemeral storage of the cluster (Fargate only; ECS Exec is off and its sessions would need a statement). */
  public readonly ecs: kms.Key;
  /** Container images: ECR encrypts with grants it creates when a repository is created. */
  public readonly ecr: kms.Key;
  /** The services' Secrets Manager secrets and SSM SecureString parameters. */
  public readonly secrets: kms.Key;
  /** CloudWatch Logs log groups (the logs service alone uses it). */
  public readonly logs: kms.Key;
  /** The services' pipeline artifacts (S3), through S3 only. */
  public readonly storage: kms.Key;
  /** SNS alerting and pipeline topics. */
  public readonly alerting: kms.Key;
  /** Audit data: the CloudTrail trail and the Config history (absent without `trailName`). */
  public readonly audit?: kms.Key;
  /** `{environment}-key-administrator`: administers every key of the environment, uses none (MFA required). */
  public readonly administratorRole: iam.Role;

  constructor(scope: Construct, id: string, props: PlatformKeysProps) {
    super(scope, id);
    const env = props.profile.name;
    const stack = Stack.of(this);
    const region = stack.region;
    this.administratorRole = this.addAdministratorRole(props.profile);

    const key = (name: string, purpose: string): kms.Key => new kms.Key(this, name, {
      alias: PlatformKeys.aliasName(env, name.toLowerCase()),
      description: `Fargate platform ${env}: ${purpose}`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
      policy: baseKeyPolicy(this.administratorRole),
    });

    // The cluster adds Fargate's data-key and grant statements for this cluster (managedStorageConfiguration).
    this.ecs = key('Ecs', 'Fargate ephemeral storage');
    this.ecs.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'FargateDescribeKey',
      principals: [new iam.ServicePrincipal('fargate.amazonaws.com')],
      actions: ['kms:DescribeKey'],
      resources: ['*'],
    }));

    this.ecr = key('Ecr', 'container images');
    // ECR encrypts and decrypts layers under the grants it creates (with the creator's permission) for each repository.
    this.ecr.addToResourcePolicy(useThrough('EcrCreatesItsGrants', region, {
      services: ['ecr'],
      actions: ['kms:CreateGrant'],
      conditions: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    }));

    this.secrets = key('Secrets', 'service secrets and parameters');
    const roleArn = (name: string) => stack.formatArn({ service: 'iam', region: '', resource: 'role', resourceName: name });
    // Every service of the environment: its names with the service as a wildcard.
    const everyService = ServiceNames.of('*', env);
    this.secrets.addToResourcePolicy(useThrough('ServiceRolesReadSecrets', region, {
      services: ['secretsmanager', 'ssm'],
      actions: ['kms:Decrypt'],
      principalArns: [roleArn(everyService.executionRoleName), roleArn(everyService.taskRoleName)],
    }));

    this.logs = key('Logs', 'CloudWatch Logs log groups');
    this.logs.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'CloudWatchLogs',
      principals: [new iam.ServicePrincipal(`logs.${region}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${region}:${Aws.ACCOUNT_ID}:*` } },
    }));
    // Before the audit key, the trail's log files were encrypted with this key: they stay readable, through S3, until they expire.
    this.logs.addToResourcePolicy(useThrough('ReadEarlierTrailLogFiles', region, {
      services: ['s3'],
      actions: ['kms:Decrypt'],
      conditions: { StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${Aws.PARTITION}:cloudtrail:*:${Aws.ACCOUNT_ID}:trail/*` } },
    }));

    this.storage = key('Storage', 'S3 buckets of the service pipelines (artifacts)');
    this.storage.addToResourcePolicy(useThrough('UseThroughS3', region, { services: ['s3'], actions: ['kms:Decrypt', 'kms:GenerateDataKey'] }));

    this.alerting = key('Alerting', 'SNS alerting and pipeline topics');
    this.alerting.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AlarmAndEventPublishers',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com'), new iam.ServicePrincipal('events.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
    }));
    this.alerting.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'PipelineNotifications',
      principals: [new iam.ServicePrincipal('codestar-notifications.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: { StringEquals: { 'kms:ViaService': `sns.${region}.amazonaws.com` } },
    }));
    // Principals that publish (the pipelines' approval actions) do so through SNS.
    this.alerting.addToResourcePolicy(useThrough('PublishThroughSns', region, {
      services: ['sns'], actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
    }));

    if (props.trailName) {
      this.audit = this.addAuditKey(key('Audit', 'audit data (CloudTrail trail, Config history)'), props.trailName);
    }
  }

  /**
   * Let a role write the services' secret values through Secrets Manager with the secrets key
   * (Secrets Manager generates a data key, and decrypts, when a value is created or changed).
   * The role's own policy must keep it from reading values (`secretsmanager:GetSecretValue`).
   *
   * @param writer the role people write secret values with (the environment's operator role)
   */
  public admitSecretWriter(writer: iam.IRole): void {
    this.secrets.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'SecretWriterWritesSecrets',
      principals: [new iam.ArnPrincipal(writer.roleArn)],
      actions: ['kms:GenerateDataKey', 'kms:Decrypt', 'kms:DescribeKey'],
      resources: ['*'],
      conditions: { StringEquals: { 'kms:CallerAccount': Aws.ACCOUNT_ID, 'kms:ViaService': `secretsmanager.${Stack.of(this).region}.amazonaws.com` } },
    }));
  }

  private addAuditKey(audit: kms.Key, trailName: string): kms.Key {
    const stack = Stack.of(this);
    const trailArn = stack.formatArn({ service: 'cloudtrail', resource: 'trail', resourceName: trailName });
    audit.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'CloudTrailEncryptsTheTrail',
      principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
      actions: ['kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: {
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${Aws.PARTITION}:cloudtrail:*:${Aws.ACCOUNT_ID}:trail/*` },
        StringEquals: { 'aws:SourceArn': trailArn },
      },
    }));
    audit.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'CloudTrailDescribesTheKey',
      principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
      actions: ['kms:DescribeKey'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceArn': trailArn } },
    }));
    audit.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'ConfigDelivery',
      principals: [new iam.ServicePrincipal('config.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
    }));
    // The Config role writes the history, auditors read the trail and the history: through S3 only.
    audit.addToResourcePolicy(useThrough('UseThroughS3', stack.region, { services: ['s3'], actions: ['kms:Decrypt', 'kms:GenerateDataKey'] }));
    return audit;
  }

  private addAdministratorRole(profile: EnvironmentProfile): iam.Role {
    const role = new iam.Role(this, 'AdministratorRole', {
      roleName: `${profile.name}-key-administrator`,
      description: `Administers the KMS keys of ${profile.name} (disable, enable, rotate, revoke grants); never uses them (MFA required)`,
      assumedBy: humanPrincipal(profile),
      maxSessionDuration: humanSessionDuration(profile),
    });
    // The key policies name the role, so it needs no IAM policy to administer; this one keeps it from ever using a key.
    new iam.ManagedPolicy(this, 'AdministratorGuardrail', {
      description: `The key administrator of ${profile.name} never uses a key, rewrites a key policy or deletes a key`,
      roles: [role],
      statements: [new iam.PolicyStatement({
        sid: 'NeverUseOrRewriteKeys',
        effect: iam.Effect.DENY,
        actions: [...KEY_USAGE_ACTIONS, 'kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion', 'kms:DisableKeyRotation'],
        resources: ['*'],
      })],
    });
    return role;
  }
}
