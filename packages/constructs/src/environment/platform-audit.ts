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
import { createOperatorRole } from './private/operator-role';

/** Properties of an environment's audit trail. */
export interface PlatformAuditProps {
  readonly profile: EnvironmentProfile;
  /** Encrypts the trail's CloudWatch Logs copy. */
  readonly logsKey: kms.IKey;
  /** Encrypts the audit data: the trail's log files and the Config history (the environment's audit key). */
  readonly auditKey: kms.IKey;
  /** The environment's secrets key: the operator role writes the services' secrets with it. */
  readonly secretsKey: kms.IKey;
  /** The environment's access-log bucket: receives the audit bucket's server access logs; the trail records access to it. */
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

/** The prefix of the Config history in the audit bucket. */
const CONFIG_PREFIX = 'config';

/**
 * The environment's audit: a multi-region CloudTrail trail (KMS-encrypted with the audit key, log
 * file validation, also delivered to CloudWatch Logs) that records every management event and the
 * S3 data events of the environment's access-log bucket; an AWS Config recorder for all resource
 * types with its delivery channel and a starter set of managed rules; both into one audit bucket
 * with Object Lock; and the operator role through which humans reach the environment.
 *
 * S3 MFA delete cannot be turned on by CloudFormation (only the root user can, through the
 * API). It is replaced by Object Lock with a default retention (COMPLIANCE in production,
 * GOVERNANCE elsewhere, so that a torn-down test account can be emptied by an administrator) and
 * a bucket policy that denies, to everyone, deleting objects or versions, bypassing governance
 * retention, shortening a retention, suspending versioning or changing Object Lock: while the
 * policy stands, governance retention holds like compliance retention, and removing the policy
 * is itself a management event in the trail.
 *
 * The roles AWS services assume (Config, CloudTrail's CloudWatch Logs delivery) trust only this
 * account (`aws:SourceAccount`) and, where the service sends it, this trail (`aws:SourceArn`);
 * their permissions are managed policies written here.
 */
export class PlatformAudit extends Construct {
  /** The name of an environment's trail: `{environment}-audit`. */
  public static trailName(profile: EnvironmentProfile): string {
    return `${profile.name}-audit`;
  }

  public readonly trail: cloudtrail.Trail;
  /** The audit bucket: the trail's log files and the Config history (`config/` prefix). */
  public readonly trailBucket: s3.Bucket;
  public readonly recorder: config.CfnConfigurationRecorder;
  /** The role humans assume to operate the environment. */
  public readonly operatorRole: iam.Role;

  constructor(scope: Construct, id: string, props: PlatformAuditProps) {
    super(scope, id);
    const profile = props.profile;
    const retentionDays = profile.logRetention as number;
    const stack = Stack.of(this);
    const trailName = PlatformAudit.trailName(profile);
    const trailArn = stack.formatArn({ service: 'cloudtrail', resource: 'trail', resourceName: trailName });

    this.trailBucket = secureBucket(this, 'TrailBucket', {
      encryptionKey: props.auditKey,
      accessLogs: props.accessLogs,
      accessLogsPrefix: 'cloudtrail-bucket/',
      objectLockRetention: profile.production
        ? s3.ObjectLockRetention.compliance(Duration.days(retentionDays))
        : s3.ObjectLockRetention.governance(Duration.days(retentionDays)),
      expireAfter: Duration.days(retentionDays + 1),
      replicationReason: 'No replica of the audit data exists: cross-region replication needs a destination bucket (with '
        + 'Object Lock, in the disaster-recovery account and region) that this single-region stack cannot create, and none '
        + 'is configured here. The trail and the Config history exist in this region only, protected by versioning, Object '
        + `Lock (${profile.production ? 'COMPLIANCE' : 'GOVERNANCE'}, ${retentionDays} days), the deny-delete bucket policy `
        + 'and log file validation; the one-hour RPO of docs/HANDBOOK.md (disaster recovery) is met for them only once its '
        + 'replication step has been done by hand.',
    });
    this.denyTampering(this.trailBucket);
    this.admitTrail(this.trailBucket, trailArn);

    this.trail = this.addTrail(props, trailName, trailArn);
    this.recorder = this.addConfig(props);
    this.operatorRole = createOperatorRole(this, { profile, clusterName: props.clusterName, secretsKey: props.secretsKey });
  }

  /** What replaces S3 MFA delete: nobody deletes audit objects, shortens their retention or loosens the bucket. */
  private denyTampering(bucket: s3.Bucket): void {
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'DenyAuditLogDeletion',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      // Lifecycle expiry is done by S3 itself, not through these calls, so retention still ends.
      actions: [
        's3:DeleteObject', 's3:DeleteObjectVersion', 's3:BypassGovernanceRetention', 's3:PutObjectRetention',
        's3:PutBucketVersioning', 's3:PutBucketObjectLockConfiguration',
      ],
      resources: [bucket.bucketArn, bucket.arnForObjects('*')],
    }));
  }

  /** CloudTrail writes log files for this trail only (written here instead of CDK's statements, which name no source). */
  private admitTrail(bucket: s3.Bucket, trailArn: string): void {
    const cloudTrail = new iam.ServicePrincipal('cloudtrail.amazonaws.com');
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'CloudTrailChecksTheBucket',
      principals: [cloudTrail],
      actions: ['s3:GetBucketAcl'],
      resources: [bucket.bucketArn],
      conditions: { StringEquals: { 'aws:SourceArn': trailArn } },
    }));
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'CloudTrailWritesLogFiles',
      principals: [cloudTrail],
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects(`AWSLogs/${Aws.ACCOUNT_ID}/*`)],
      conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn } },
    }));
  }

  private addTrail(props: PlatformAuditProps, trailName: string, trailArn: string): cloudtrail.Trail {
    const trail = new cloudtrail.Trail(this, 'Trail', {
      trailName,
      // A reference to the audit bucket, so that CDK adds no bucket statements of its own (admitTrail writes them).
      bucket: s3.Bucket.fromBucketName(this, 'TrailBucketReference', this.trailBucket.bucketName),
      encryptionKey: props.auditKey,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableFileValidation: true,
      managementEvents: cloudtrail.ReadWriteType.ALL,
    });
    trail.addS3EventSelector([{ bucket: props.accessLogs }], { includeManagementEvents: false, readWriteType: cloudtrail.ReadWriteType.ALL });
    Compliance.acknowledge(props.accessLogs, 'ControlTower-CT.S3.PR.2',
      'This is the terminal access-log bucket: logging its own access into itself would log every log delivery '
      + 'recursively. Instead, every object-level request to it (reads, writes, deletes) is recorded by '
      + `the ${trailName} trail as S3 data events (event selector on this bucket), and its objects are versioned.`);

    // The CloudWatch Logs copy, with a role of our own (CDK's trusts CloudTrail from anywhere and holds an inline policy).
    const logGroup = new logs.LogGroup(this, 'TrailLogs', { retention: props.profile.logRetention, encryptionKey: props.logsKey });
    const role = new iam.Role(trail, 'LogsRole', {
      assumedBy: new iam.ServicePrincipal('cloudtrail.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID, 'aws:SourceArn': trailArn },
      }),
      description: `CloudTrail delivers the ${trailName} trail to CloudWatch Logs`,
    });
    const policy = new iam.ManagedPolicy(trail, 'LogsPolicy', {
      description: `Write the ${trailName} trail into its log group`,
      roles: [role],
      statements: [new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] })],
    });
    const cfnTrail = trail.node.defaultChild as cloudtrail.CfnTrail;
    cfnTrail.cloudWatchLogsLogGroupArn = logGroup.logGroupArn;
    cfnTrail.cloudWatchLogsRoleArn = role.roleArn;
    // CloudTrail checks the bucket policy and the role's permissions when it creates the trail.
    cfnTrail.addDependency(this.trailBucket.policy!.node.defaultChild as s3.CfnBucketPolicy);
    cfnTrail.addDependency(policy.node.defaultChild as iam.CfnManagedPolicy);
    return trail;
  }

  private addConfig(props: PlatformAuditProps): config.CfnConfigurationRecorder {
    const bucket = this.trailBucket;
    const role = new iam.Role(this, 'ConfigRole', {
      assumedBy: new iam.ServicePrincipal('config.amazonaws.com').withConditions({ StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } }),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWS_ConfigRole')],
    });
    Compliance.acknowledge(role, 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWS_ConfigRole]',
      'AWS_ConfigRole is the AWS-maintained read-only policy that lets Config describe every supported resource type; '
      + 'AWS updates it as resource types are added, which a copied inline policy would not.');
    const delivery = new iam.ManagedPolicy(this, 'ConfigDeliveryPolicy', {
      description: `AWS Config of ${props.profile.name} delivers its history into the audit bucket`,
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          sid: 'DeliverSnapshots',
          actions: ['s3:PutObject'],
          resources: [bucket.arnForObjects(`${CONFIG_PREFIX}/AWSLogs/${Aws.ACCOUNT_ID}/Config/*`)],
        }),
        new iam.PolicyStatement({ sid: 'CheckBucket', actions: ['s3:GetBucketAcl'], resources: [bucket.bucketArn] }),
        new iam.PolicyStatement({
          sid: 'EncryptSnapshots',
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [props.auditKey.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `s3.${Stack.of(this).region}.amazonaws.com` } },
        }),
      ],
    });
    Compliance.acknowledge(delivery, 'AwsSolutions-IAM5',
      'Config names its snapshot objects at delivery time; the only wildcard is the object key under this account\'s '
      + `Config prefix of the audit bucket (${CONFIG_PREFIX}/AWSLogs/<account>/Config/*), with s3:PutObject only.`);

    const recorder = new config.CfnConfigurationRecorder(this, 'Recorder', {
      name: `${props.profile.name}-recorder`,
      roleArn: role.roleArn,
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
    });
    recorder.node.addDependency(delivery);
    const channel = new config.CfnDeliveryChannel(this, 'DeliveryChannel', {
      name: `${props.profile.name}-delivery`,
      s3BucketName: bucket.bucketName,
      s3KeyPrefix: CONFIG_PREFIX,
      s3KmsKeyArn: props.auditKey.keyArn,
      configSnapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' },
    });
    channel.addDependency(recorder);

    for (const [name, identifier] of STARTER_RULES) {
      const rule = new config.ManagedRule(this, name, { identifier });
      rule.node.addDependency(recorder, channel);
    }
    return recorder;
  }
}
