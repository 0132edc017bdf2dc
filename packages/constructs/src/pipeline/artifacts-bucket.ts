import { Duration, Token } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { PlatformError } from '../errors';
import { accessLogBucket, secureBucket } from '../private/secure-bucket';

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

    this.accessLogsBucket = props.serverAccessLogsBucket
      ?? accessLogBucket(this, 'AccessLogs', accessLogRetention, { noncurrentVersionExpiration, replicationReason: LOG_REPLICATION });
    this.bucket = secureBucket(this, 'Resource', {
      encryptionKey: props.encryptionKey,
      accessLogs: this.accessLogsBucket,
      accessLogsPrefix: prefix,
      expireAfter: artifactExpiration,
      noncurrentVersionExpiration,
      replicationReason: TRANSIENT_ARTIFACTS,
    });
  }
}

const TRANSIENT_ARTIFACTS = 'Pipeline artifacts are transient build outputs (imagedefinitions.json, source archives, '
  + 'build cache) that expire by lifecycle and are rebuilt from the Bitbucket commit; the released image is kept in ECR. '
  + 'Cross-region replication would copy throw-away data without adding recoverability.';

const LOG_REPLICATION = 'Server access logs of the pipeline artifacts are operational records kept one year in-region; '
  + 'the audit trail of record is CloudTrail, which the environment delivers to its own audit store.';

function durationProblems(field: string, value: Duration, minDays: number): string[] {
  if (Token.isUnresolved(value.toSeconds())) {
    return [];
  }
  const days = value.toDays({ integral: false });
  return Number.isInteger(days) && days >= minDays
    ? []
    : [`${field} must be a whole number of days, at least ${minDays}; got ${value.toHumanString()}`];
}
