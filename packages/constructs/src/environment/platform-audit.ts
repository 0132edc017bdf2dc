import { Aws, Duration, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { EnvironmentProfile } from './environment-profile';
import { Compliance } from '../compliance/acknowledgments';
import { secureBucket } from '../private/secure-bucket';

/** Properties of an environment's audit trail. */
export interface PlatformAuditProps {
  readonly profile: EnvironmentProfile;
  readonly logsKey: kms.IKey;
  readonly storageKey: kms.IKey;
  readonly accessLogs: s3.IBucket;
  /** The environment's cluster name, which the operator role is scoped to. */
  readonly clusterName: string;
}

/** AWS Config managed rules every environment starts with. */
const STARTER_RULES: Array<[string, string]> = [
  ['CloudTrailEnabled', config.ManagedRuleIdentifiers.CLOUD_TRAIL_ENABLED],
  ['CloudTrailLogFileValidation', config.ManagedRuleIdentifiers.CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED],
  ['CloudTrailEncryption', config.ManagedRuleIdentifiers.CLOUD_TRAIL_ENCRYPTION_ENABLED],
  ['VpcFlowLogs', config.ManagedRuleIdentifiers.VPC_FLOW_LOGS_ENABLED],
  ['VpcDefaultSecurityGroupClosed', config.ManagedRuleIdentifiers.VPC_DEFAULT_SECURITY_GROUP_CLOSED],
  ['S3SslRequestsOnly', config.ManagedRuleIdentifiers.S3_BUCKET_SSL_REQUESTS_ONLY],
  ['S3PublicReadProhibited', config.ManagedRuleIdentifiers.S3_BUCKET_PUBLIC_READ_PROHIBITED],
  ['KmsKeyRotation', config.ManagedRuleIdentifiers.CMK_BACKING_KEY_ROTATION_ENABLED],
  ['LogGroupEncrypted', config.ManagedRuleIdentifiers.CLOUDWATCH_LOG_GROUP_ENCRYPTED],
  ['AlbDropInvalidHeaders', config.ManagedRuleIdentifiers.ALB_HTTP_DROP_INVALID_HEADER_ENABLED],
  ['AlbWafEnabled', config.ManagedRuleIdentifiers.ALB_WAF_ENABLED],
  ['EcrScanOnPush', config.ManagedRuleIdentifiers.ECR_PRIVATE_IMAGE_SCANNING_ENABLED],
  ['EcsNonRootUser', 'ECS_TASK_DEFINITION_NONROOT_USER'],
  ['EcsReadOnlyRootFilesystem', config.ManagedRuleIdentifiers.ECS_CONTAINERS_READONLY_ACCESS],
  ['RootAccountMfa', config.ManagedRuleIdentifiers.ROOT_ACCOUNT_MFA_ENABLED],
  ['ConsoleMfa', config.ManagedRuleIdentifiers.MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS],
];

/**
 * The environment's audit: a multi-region CloudTrail trail (KMS-encrypted, log file
 * validation, also delivered to CloudWatch Logs) into a versioned bucket with Object Lock,
 * an AWS Config recorder for all resource types with its delivery channel and a starter set
 * of managed rules, and the operator role through which humans reach the environment, which
 * requires MFA (recent MFA in production).
 *
 * S3 MFA delete cannot be turned on by CloudFormation (only the root user can, through the
 * API). It is replaced by Object Lock with a default retention (GOVERNANCE mode, COMPLIANCE in
 * production) and a bucket policy that denies deleting objects or versions, suspending
 * versioning or changing Object Lock, to everyone.
 */
export class PlatformAudit extends Construct {
  public readonly trail: cloudtrail.Trail;
  public readonly trailBucket: s3.Bucket;
  public readonly recorder: config.CfnConfigurationRecorder;
  /** The role humans assume to operate the environment. */
  public readonly operatorRole: iam.Role;

  constructor(scope: Construct, id: string, props: PlatformAuditProps) {
    super(scope, id);
    const profile = props.profile;
    const retentionDays = profile.logRetention as number;

    this.trailBucket = secureBucket(this, 'TrailBucket', {
      encryptionKey: props.storageKey,
      accessLogs: props.accessLogs,
      accessLogsPrefix: 'cloudtrail-bucket/',
      objectLockRetention: profile.production
        ? s3.ObjectLockRetention.compliance(Duration.days(retentionDays))
        : s3.ObjectLockRetention.governance(Duration.days(retentionDays)),
      expireAfter: Duration.days(retentionDays + 1),
    });
    this.denyTampering(this.trailBucket);

    this.trail = new cloudtrail.Trail(this, 'Trail', {
      trailName: `${profile.name}-audit`,
      bucket: this.trailBucket,
      encryptionKey: props.logsKey,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableFileValidation: true,
      managementEvents: cloudtrail.ReadWriteType.ALL,
      sendToCloudWatchLogs: true,
      cloudWatchLogGroup: new logs.LogGroup(this, 'TrailLogs', { retention: profile.logRetention, encryptionKey: props.logsKey }),
    });
    Compliance.acknowledge(this.trail, 'CloudFormation-W3005',
      'CDK\'s Trail declares DependsOn on its CloudWatch Logs role besides the GetAtt of its ARN; redundant and harmless.');

    this.recorder = this.addConfig(props);
    this.operatorRole = this.addOperatorRole(props);
  }

  /** What replaces S3 MFA delete: nobody deletes audit objects or loosens the bucket. */
  private denyTampering(bucket: s3.Bucket): void {
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'DenyAuditLogDeletion',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      // Lifecycle expiry is done by S3 itself, not through these calls, so retention still ends.
      actions: ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutBucketVersioning', 's3:PutBucketObjectLockConfiguration'],
      resources: [bucket.bucketArn, bucket.arnForObjects('*')],
    }));
  }

  private addConfig(props: PlatformAuditProps): config.CfnConfigurationRecorder {
    const bucket = secureBucket(this, 'ConfigBucket', {
      encryptionKey: props.storageKey,
      accessLogs: props.accessLogs,
      accessLogsPrefix: 'config-bucket/',
      expireAfter: Duration.days((props.profile.logRetention as number) + 1),
    });
    const role = new iam.Role(this, 'ConfigRole', {
      assumedBy: new iam.ServicePrincipal('config.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWS_ConfigRole')],
    });
    Compliance.acknowledge(role, 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWS_ConfigRole]',
      'AWS_ConfigRole is the AWS-maintained read-only policy that lets Config describe every supported resource type; '
      + 'AWS updates it as resource types are added, which a copied inline policy would not.');
    role.addToPolicy(new iam.PolicyStatement({
      sid: 'DeliverSnapshots',
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects(`config/AWSLogs/${Aws.ACCOUNT_ID}/Config/*`)],
    }));
    role.addToPolicy(new iam.PolicyStatement({ sid: 'CheckBucket', actions: ['s3:GetBucketAcl'], resources: [bucket.bucketArn] }));
    role.addToPolicy(new iam.PolicyStatement({
      sid: 'EncryptSnapshots',
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: [props.storageKey.keyArn],
    }));
    Compliance.acknowledge(role.node.findChild('DefaultPolicy'), 'AwsSolutions-IAM5',
      'Config names its snapshot objects at delivery time; the only wildcard is the object key under this account\'s '
      + 'Config prefix of the environment\'s own bucket (config/AWSLogs/<account>/Config/*), with s3:PutObject only.');

    const recorder = new config.CfnConfigurationRecorder(this, 'Recorder', {
      name: `${props.profile.name}-recorder`,
      roleArn: role.roleArn,
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
    });
    const channel = new config.CfnDeliveryChannel(this, 'DeliveryChannel', {
      name: `${props.profile.name}-delivery`,
      s3BucketName: bucket.bucketName,
      s3KeyPrefix: 'config',
      s3KmsKeyArn: props.storageKey.keyArn,
      configSnapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' },
    });
    channel.addDependency(recorder);

    for (const [name, identifier] of STARTER_RULES) {
      const rule = new config.ManagedRule(this, name, { identifier });
      rule.node.addDependency(recorder, channel);
    }
    return recorder;
  }

  /**
   * The operator role: assumable by the account's IAM principals only with MFA (in
   * production, MFA at most one hour old and one-hour sessions). It reads service state,
   * logs and metrics of this environment and can force a new deployment; outside production
   * it may also stop tasks by hand (resilience drills, unsticking a test environment); in
   * production tasks are replaced only by deployments and autoscaling. ECS Exec is not offered:
   * it needs a writable root filesystem, and every task runs with a read-only one.
   */
  private addOperatorRole(props: PlatformAuditProps): iam.Role {
    const profile = props.profile;
    const region = Stack.of(this).region;
    const mfa: Record<string, unknown> = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
    if (profile.requireRecentMfa) {
      mfa.NumericLessThan = { 'aws:MultiFactorAuthAge': '3600' };
    }
    const role = new iam.Role(this, 'OperatorRole', {
      roleName: `${profile.name}-operator`,
      description: `Human operators of ${profile.name} (MFA required)`,
      assumedBy: new iam.AccountRootPrincipal().withConditions(mfa),
      maxSessionDuration: profile.requireRecentMfa ? Duration.hours(1) : Duration.hours(4),
    });
    const cluster = `arn:${Aws.PARTITION}:ecs:${region}:${Aws.ACCOUNT_ID}`;
    const policy = new iam.ManagedPolicy(this, 'OperatorPolicy', {
      description: `Operate the services of ${profile.name}`,
      statements: [
        new iam.PolicyStatement({
          sid: 'ReadServices',
          actions: ['ecs:DescribeServices', 'ecs:DescribeTasks', 'ecs:ListTasks', 'ecs:DescribeClusters'],
          resources: [`${cluster}:cluster/${props.clusterName}`, `${cluster}:service/${props.clusterName}/*`, `${cluster}:task/${props.clusterName}/*`],
        }),
        new iam.PolicyStatement({
          sid: 'RedeployServices',
          actions: ['ecs:UpdateService'],
          resources: [`${cluster}:service/${props.clusterName}/*`],
        }),
        new iam.PolicyStatement({
          sid: 'ReadServiceLogs',
          actions: ['logs:GetLogEvents', 'logs:FilterLogEvents', 'logs:DescribeLogStreams'],
          resources: [`arn:${Aws.PARTITION}:logs:${region}:${Aws.ACCOUNT_ID}:log-group:/ecs/${profile.name}/*`],
        }),
        ...(profile.production ? [] : [new iam.PolicyStatement({
          sid: 'StopTasks',
          actions: ['ecs:StopTask'],
          resources: [`${cluster}:task/${props.clusterName}/*`],
        })]),
      ],
    });
    role.addManagedPolicy(policy);
    Compliance.acknowledge(policy, 'AwsSolutions-IAM5',
      'The wildcards stand for the services, tasks and log groups of this one cluster and environment '
      + `(service/${props.clusterName}/*, task/${props.clusterName}/*, /ecs/${profile.name}/*): tasks are created at run time, so their ids cannot be listed.`);
    return role;
  }
}
