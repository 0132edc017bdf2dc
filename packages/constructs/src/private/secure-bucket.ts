import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { Compliance } from '../compliance/acknowledgments';

/** Options of a platform bucket. */
export interface SecureBucketOptions {
  /** Customer-managed key for default encryption. */
  readonly encryptionKey: kms.IKey;
  /** Where S3 server access logs go. */
  readonly accessLogs: s3.IBucket;
  /** Prefix of this bucket's server access logs. */
  readonly accessLogsPrefix: string;
  /** Object Lock default retention; undefined enables Object Lock without a default retention. */
  readonly objectLockRetention?: s3.ObjectLockRetention;
  /** Days after which current objects expire; undefined keeps them. */
  readonly expireAfter?: Duration;
  /** How long overwritten or deleted versions are kept (default 90 days). */
  readonly noncurrentVersionExpiration?: Duration;
  /** Why the bucket has no cross-region replication (default: no replica exists, and why). */
  readonly replicationReason?: string;
}

/** Options of the terminal access-log bucket. */
export interface AccessLogBucketOptions {
  /** How long overwritten or deleted versions are kept (default 90 days). */
  readonly noncurrentVersionExpiration?: Duration;
  /** Why the bucket has no cross-region replication (default: no replica exists, and why). */
  readonly replicationReason?: string;
}

/** How long overwritten or deleted versions are kept unless a bucket says otherwise. */
const DEFAULT_NONCURRENT_VERSION_EXPIRATION = Duration.days(90);

/**
 * A bucket as every gate wants it: customer-managed KMS key, versioning, Object Lock,
 * SSL only, public access blocked, no ACLs, EventBridge notifications, lifecycle rules,
 * server access logs. Retained when its stack is deleted.
 */
export function secureBucket(scope: Construct, id: string, options: SecureBucketOptions): s3.Bucket {
  const bucket = new s3.Bucket(scope, id, {
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: options.encryptionKey,
    bucketKeyEnabled: true,
    versioned: true,
    objectLockEnabled: true,
    objectLockDefaultRetention: options.objectLockRetention,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    lifecycleRules: lifecycle(options.expireAfter, options.noncurrentVersionExpiration),
    removalPolicy: RemovalPolicy.RETAIN,
  });
  notifyEventBridge(bucket);
  logAccessTo(bucket, options.accessLogs, options.accessLogsPrefix);
  acknowledgeNoReplication(bucket, options.replicationReason);
  return bucket;
}

/**
 * Server access logging through a bucket policy for the S3 logging service, never an ACL
 * (CDK only does this behind a feature flag the app may not set; ACLs are disabled here).
 */
function logAccessTo(bucket: s3.Bucket, target: s3.IBucket, prefix: string): void {
  (bucket.node.defaultChild as s3.CfnBucket).loggingConfiguration = { destinationBucketName: target.bucketName, logFilePrefix: prefix };
  target.addToResourcePolicy(new iam.PolicyStatement({
    sid: `ServerAccessLogs${prefix.replace(/[^A-Za-z0-9]/g, '')}`,
    principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
    actions: ['s3:PutObject'],
    resources: [target.arnForObjects(`${prefix}*`)],
    conditions: { ArnLike: { 'aws:SourceArn': bucket.bucketArn }, StringEquals: { 'aws:SourceAccount': Stack.of(bucket).account } },
  }));
}

/**
 * The environment's terminal log bucket: ALB access logs and S3 server access logs, which
 * AWS delivers only to buckets encrypted with S3-managed keys (SSE-S3) and without an
 * Object Lock default retention. Its own findings are acknowledged on it, with the reasons.
 */
export function accessLogBucket(scope: Construct, id: string, expireAfter: Duration, options: AccessLogBucketOptions = {}): s3.Bucket {
  const bucket = new s3.Bucket(scope, id, {
    encryption: s3.BucketEncryption.S3_MANAGED,
    versioned: true,
    objectLockEnabled: true,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    lifecycleRules: lifecycle(expireAfter, options.noncurrentVersionExpiration),
    removalPolicy: RemovalPolicy.RETAIN,
  });
  notifyEventBridge(bucket);
  const sseS3 = 'Elastic Load Balancing access logs and S3 server access logs can only be delivered to a bucket '
    + 'encrypted with S3-managed keys (SSE-S3); SSE-KMS with a customer-managed key is not supported for either.';
  for (const rule of ['NIST.800.53.R5-S3DefaultEncryptionKMS', 'HIPAA.Security-S3DefaultEncryptionKMS',
    'PCI.DSS.321-S3DefaultEncryptionKMS', 'ControlTower-CT.S3.PR.10']) {
    Compliance.acknowledge(bucket, rule, sseS3);
  }
  const keptFor = (options.noncurrentVersionExpiration ?? DEFAULT_NONCURRENT_VERSION_EXPIRATION).toDays();
  // Where a trail records S3 data events for the bucket, the environment's audit replaces this reason with that fact.
  const terminal = 'This is a terminal access-log bucket: logging its own access into itself would log every log delivery '
    + 'recursively. Object-level access to it is not recorded (no trail records S3 data events for it); its objects are '
    + `versioned, so an overwritten or deleted log file stays recoverable for ${keptFor} days.`;
  Compliance.acknowledge(bucket, 'ControlTower-CT.S3.PR.2', terminal);
  acknowledgeNoReplication(bucket, options.replicationReason);
  return bucket;
}

/**
 * Object events to EventBridge, set on the bucket itself: CDK's `eventBridgeEnabled` deploys a
 * Lambda-backed custom resource for what CloudFormation supports natively.
 */
function notifyEventBridge(bucket: s3.Bucket): void {
  (bucket.node.defaultChild as s3.CfnBucket).notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
}

function lifecycle(expireAfter: Duration | undefined, noncurrentVersionExpiration = DEFAULT_NONCURRENT_VERSION_EXPIRATION): s3.LifecycleRule[] {
  return [
    {
      id: 'retention',
      enabled: true,
      abortIncompleteMultipartUploadAfter: Duration.days(7),
      noncurrentVersionExpiration,
      expiration: expireAfter,
    },
    { id: 'RemoveExpiredDeleteMarkers', enabled: true, expiredObjectDeleteMarker: true },
  ];
}

/**
 * Cross-region replication needs a bucket in another region, which one regional stack cannot create. The reason says
 * what is true of the bucket: the default claims no copy; a caller with a better one (why none is needed) gives it.
 */
function acknowledgeNoReplication(bucket: s3.Bucket, why?: string): void {
  const reason = why ?? 'No replica of this bucket exists: cross-region replication needs a destination bucket in the '
    + 'disaster-recovery region, which this single-region stack cannot create, and none is configured. Versioning and '
    + 'Object Lock protect the objects within this region only.';
  for (const rule of ['NIST.800.53.R5-S3BucketReplicationEnabled', 'HIPAA.Security-S3BucketReplicationEnabled',
    'PCI.DSS.321-S3BucketReplicationEnabled']) {
    Compliance.acknowledge(bucket, rule, reason);
  }
}
