import { Aws, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { EnvironmentProfile } from './environment-profile';

/** Properties of an environment's keys. */
export interface PlatformKeysProps {
  readonly profile: EnvironmentProfile;
  /** Name of the environment's ECS cluster, which Fargate names in its encryption context. */
  readonly clusterName: string;
}

/**
 * The customer-managed KMS keys of an environment (an `EnvironmentKeys`), one per purpose, each rotated yearly.
 *
 * Each key policy keeps the account's administrative statement (IAM policies decide which
 * principals of the account may use the key) and lets in exactly the AWS services that
 * encrypt with it on the platform's behalf, scoped to this account and, where the service
 * offers one, to an encryption context. Every key refuses grants that are not for AWS
 * resources (Control Tower CT.KMS.PR.3).
 */
export class PlatformKeys extends Construct {
  public readonly ecs: kms.Key;
  public readonly ecr: kms.Key;
  public readonly secrets: kms.Key;
  public readonly logs: kms.Key;
  public readonly storage: kms.Key;
  public readonly alerting: kms.Key;

  constructor(scope: Construct, id: string, props: PlatformKeysProps) {
    super(scope, id);
    const env = props.profile.name;
    const region = Stack.of(this).region;
    const key = (name: string, purpose: string): kms.Key => {
      const k = new kms.Key(this, name, {
        alias: `alias/fargate-platform/${env}/${name.toLowerCase()}`,
        description: `Fargate platform ${env}: ${purpose}`,
        enableKeyRotation: true,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      k.addToResourcePolicy(new iam.PolicyStatement({
        sid: 'GrantsOnlyForAwsResources',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:CreateGrant'],
        resources: ['*'],
        conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
      }));
      return k;
    };

    this.ecs = key('Ecs', 'Fargate ephemeral storage and ECS Exec sessions');
    this.ecs.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'FargateEphemeralStorage',
      principals: [new iam.ServicePrincipal('fargate.amazonaws.com')],
      actions: ['kms:GenerateDataKeyWithoutPlaintext'],
      resources: ['*'],
      conditions: {
        StringEquals: { 'kms:EncryptionContext:aws:ecs:clusterAccount': [Aws.ACCOUNT_ID] },
        ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:ecs:${region}:${Aws.ACCOUNT_ID}:cluster/${props.clusterName}` },
      },
    }));
    this.ecs.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'FargateEphemeralStorageGrants',
      principals: [new iam.ServicePrincipal('fargate.amazonaws.com')],
      actions: ['kms:CreateGrant'],
      resources: ['*'],
      conditions: {
        'StringEquals': { 'kms:EncryptionContext:aws:ecs:clusterAccount': [Aws.ACCOUNT_ID] },
        'ForAllValues:StringEquals': { 'kms:GrantOperations': ['Decrypt'] },
      },
    }));
    this.ecs.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'FargateDescribeKey',
      principals: [new iam.ServicePrincipal('fargate.amazonaws.com')],
      actions: ['kms:DescribeKey'],
      resources: ['*'],
    }));

    this.ecr = key('Ecr', 'container images');
    this.secrets = key('Secrets', 'service secrets and parameters');

    this.logs = key('Logs', 'CloudWatch Logs and the CloudTrail trail');
    this.logs.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'CloudWatchLogs',
      principals: [new iam.ServicePrincipal(`logs.${region}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${region}:${Aws.ACCOUNT_ID}:*` } },
    }));
    this.logs.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'CloudTrailEncrypt',
      principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
      actions: ['kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: {
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${Aws.PARTITION}:cloudtrail:*:${Aws.ACCOUNT_ID}:trail/*` },
        StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
      },
    }));
    this.logs.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'CloudTrailDescribe',
      principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
      actions: ['kms:DescribeKey'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
    }));

    this.storage = key('Storage', 'S3 buckets: pipeline artifacts, audit logs, Config snapshots');
    this.storage.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'ConfigDelivery',
      principals: [new iam.ServicePrincipal('config.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
    }));

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
  }
}
