import { Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { Compliance } from '../compliance/acknowledgments';
import { PlatformError } from '../errors';

/** Properties of an `ArtifactsBucket`. */
export interface ArtifactsBucketProps {
  /** Customer-managed key that encrypts the artifacts (the environment's storage key). */
  readonly encryptionKey: kms.IKey;
  /**
   * Bucket that receives the server access logs. Its policy must already admit
   * `logging.s3.amazonaws.com` (an imported bucket's policy is not changed here).
   * @default - a sibling access-log bucket, created here
   */
  readonly serverAccessLogsBucket?: s3.IBucket;
  /**
   * Prefix of this bucket's server access logs in the access-log bucket.
   * @default 'artifacts/'
   */
  readonly serverAccessLogsPrefix?: string;
  /**
   * How long the sibling access-log bucket keeps the logs.
   * @default Duration.days(365)
   */
  readonly accessLogRetention?: Duration;
  /**
   * How long a pipeline artifact (and the build cache) is kept after it was written.
   * @default Duration.days(90)
   */
  readonly artifactExpiration?: Duration;
  /**
   * How long an overwritten or deleted version is kept.
   * @default Duration.days(30)
   */
  readonly noncurrentVersionExpiration?: Duration;
}

/**
 * The pipeline's artifact store: KMS-encrypted, versioned, TLS-only, private, with
 * lifecycle rules, server access logs, S3 Object Lock and EventBridge notifications.
 *
 * Object Lock is enabled without a default retention: it makes legal holds possible on the
 * artifacts of a release under investigation, while a default retention would require every
 * upload by CodePipeline and CodeBuild to carry a Content-MD5 or checksum header and would
 * keep transient artifacts past their lifecycle. The record of what was deployed is the
 * image in ECR (immutable tags), the pipeline's execution history and CloudTrail.
 *
 * @example
 * declare const key: kms.IKey;
 * const artifacts = new platform.ArtifactsBucket(this, 'Artifacts', { encryptionKey: key });
 */
export class ArtifactsBucket extends Construct {
  /** The artifact store. */
  public readonly bucket: s3.Bucket;
  /** Where the artifact store's server access logs go. */
  public readonly accessLogsBucket: s3.IBucket;

  constructor(scope: Construct, id: string, props: ArtifactsBucketProps) {
    super(scope, id);
    const artifactExpiration = props.artifactExpiration ?? Duration.days(90);
    const noncurrentVersionExpiration = props.noncurrentVersionExpiration ?? Duration.days(30);
    const accessLogRetention = props.accessLogRetention ?? Duration.days(365);
    const prefix = props.serverAccessLogsPrefix ?? 'artifacts/';
    PlatformError.throwAll(this, [
      ...durationProblems('artifactExpiration', artifactExpiration, 7),
      ...durationProblems('noncurrentVersionExpiration', noncurrentVersionExpiration, 1),
      ...durationProblems('accessLogRetention', accessLogRetention, 365),
    ]);

    const accessLogs = props.serverAccessLogsBucket ?? this.createAccessLogsBucket(accessLogRetention, noncurrentVersionExpiration);
    this.accessLogsBucket = accessLogs;

    this.bucket = new s3.Bucket(this, 'Resource', {
      ...HARDENED,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: true,
      lifecycleRules: [
        {
          id: 'ExpireArtifacts',
          expiration: artifactExpiration,
          noncurrentVersionExpiration,
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
        { id: 'RemoveExpiredDeleteMarkers', expiredObjectDeleteMarker: true },
      ],
    });
    withEventBridgeNotifications(this.bucket);
    // Logging is set on the resource and granted by bucket policy: CDK's serverAccessLogsBucket would
    // fall back to the LogDeliveryWrite ACL without the serverAccessLogsUseBucketPolicy feature flag.
    (this.bucket.node.defaultChild as s3.CfnBucket).loggingConfiguration = {
      destinationBucketName: accessLogs.bucketName,
      logFilePrefix: prefix,
    };
    accessLogs.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowServerAccessLogDelivery',
      principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
      actions: ['s3:PutObject'],
      resources: [accessLogs.arnForObjects(`${prefix}*`)],
      conditions: {
        ArnLike: { 'aws:SourceArn': this.bucket.bucketArn },
        StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
      },
    }));

    Compliance.acknowledge(this.bucket, 'NIST.800.53.R5-S3BucketReplicationEnabled', TRANSIENT_ARTIFACTS);
    Compliance.acknowledge(this.bucket, 'HIPAA.Security-S3BucketReplicationEnabled', TRANSIENT_ARTIFACTS);
    Compliance.acknowledge(this.bucket, 'PCI.DSS.321-S3BucketReplicationEnabled', TRANSIENT_ARTIFACTS);
  }

  private createAccessLogsBucket(retention: Duration, noncurrentVersionExpiration: Duration): s3.Bucket {
    const bucket = new s3.Bucket(this, 'AccessLogs', {
      ...HARDENED,
      // Server access log delivery supports only SSE-S3 on the target bucket.
      encryption: s3.BucketEncryption.S3_MANAGED,
      lifecycleRules: [
        {
          id: 'ExpireAccessLogs',
          expiration: retention,
          noncurrentVersionExpiration,
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
        { id: 'RemoveExpiredDeleteMarkers', expiredObjectDeleteMarker: true },
      ],
    });
    withEventBridgeNotifications(bucket);
    for (const [ruleId, reason] of TERMINAL_ACCESS_LOG_BUCKET) {
      Compliance.acknowledge(bucket, ruleId, reason);
    }
    return bucket;
  }
}

/** What both buckets enforce. */
const HARDENED: s3.BucketProps = {
  versioned: true,
  objectLockEnabled: true,
  enforceSSL: true,
  minimumTLSVersion: 1.2,
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
  removalPolicy: RemovalPolicy.RETAIN,
};

/**
 * Object events go to EventBridge (Control Tower CT.S3.PR.4). Set on the resource: CDK's
 * `eventBridgeEnabled` would deploy a Lambda-backed custom resource to do the same.
 */
function withEventBridgeNotifications(bucket: s3.Bucket): void {
  (bucket.node.defaultChild as s3.CfnBucket).notificationConfiguration = {
    eventBridgeConfiguration: { eventBridgeEnabled: true },
  };
}

const TRANSIENT_ARTIFACTS = 'Pipeline artifacts are transient build outputs (imagedefinitions.json, source archives, '
  + 'build cache) that expire by lifecycle and are rebuilt from the Bitbucket commit; the released image is kept in ECR. '
  + 'Cross-region replication would copy throw-away data without adding recoverability.';

const NO_LOGS_OF_LOGS = 'This is the terminal server access log bucket: logging its own access would need another bucket '
  + 'that logs to itself or recurses. Access to it is recorded by CloudTrail.';

const SSE_S3_ONLY = 'S3 server access log delivery supports only SSE-S3 (AES-256) on the target bucket; '
  + 'SSE-KMS would make delivery fail. The bucket is private, TLS-only and versioned with Object Lock.';

const LOG_REPLICATION = 'Server access logs of the pipeline artifacts are operational records kept one year in-region; '
  + 'the audit trail of record is CloudTrail, which the environment delivers to its own audit store.';

/**
 * Findings of a terminal access-log bucket that cannot be fixed (see TOOLCHAIN.md). cdk-nag's own
 * logging rules (S1, S3BucketLoggingEnabled) already exempt the target of another bucket's logs.
 */
const TERMINAL_ACCESS_LOG_BUCKET: Array<[string, string]> = [
  ['ControlTower-CT.S3.PR.2', NO_LOGS_OF_LOGS],
  ['NIST.800.53.R5-S3DefaultEncryptionKMS', SSE_S3_ONLY],
  ['HIPAA.Security-S3DefaultEncryptionKMS', SSE_S3_ONLY],
  ['PCI.DSS.321-S3DefaultEncryptionKMS', SSE_S3_ONLY],
  ['ControlTower-CT.S3.PR.10', SSE_S3_ONLY],
  ['NIST.800.53.R5-S3BucketReplicationEnabled', LOG_REPLICATION],
  ['HIPAA.Security-S3BucketReplicationEnabled', LOG_REPLICATION],
  ['PCI.DSS.321-S3BucketReplicationEnabled', LOG_REPLICATION],
];

function durationProblems(field: string, value: Duration, minDays: number): string[] {
  if (Token.isUnresolved(value.toSeconds())) {
    return [];
  }
  const days = value.toDays({ integral: false });
  return Number.isInteger(days) && days >= minDays
    ? []
    : [`${field} must be a whole number of days, at least ${minDays}; got ${value.toHumanString()}`];
}
