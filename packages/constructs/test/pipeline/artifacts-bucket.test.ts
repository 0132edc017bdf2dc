import { App, Duration, Stack } from 'aws-cdk-lib';
import { Capture, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ArtifactsBucket, ArtifactsBucketProps } from '../../src';
import { PlatformError } from '../../src/errors';

function bucketStack(props: Partial<ArtifactsBucketProps> = {}) {
  const stack = new Stack(new App(), 'Artifacts', { env: { account: '123456789012', region: 'eu-west-1' } });
  const key = kms.Key.fromKeyArn(stack, 'Storage', 'arn:aws:kms:eu-west-1:123456789012:key/0a1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d');
  const artifacts = new ArtifactsBucket(stack, 'Artifacts', { encryptionKey: key, ...props });
  return { stack, artifacts, template: Template.fromStack(stack) };
}

const ARTIFACTS = 'Artifacts80C0BB10';

describe('ArtifactsBucket', () => {
  test('encrypts with the storage key and keeps versions, under Object Lock, private and without ACLs', () => {
    const { template } = bucketStack();

    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{
          BucketKeyEnabled: true,
          ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'arn:aws:kms:eu-west-1:123456789012:key/0a1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d' },
        }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      ObjectLockEnabled: true,
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
    });
    template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain', Properties: Match.objectLike({ ObjectLockEnabled: true }) });
  });

  test('sets no default retention: Object Lock is there for legal holds, not to outlive the lifecycle', () => {
    const { template } = bucketStack();

    for (const bucket of Object.values(template.findResources('AWS::S3::Bucket'))) {
      expect(bucket.Properties.ObjectLockConfiguration).toBeUndefined();
    }
  });

  test('expires artifacts, old versions, delete markers and abandoned uploads', () => {
    const { template } = bucketStack();

    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: Match.objectLike({ ServerSideEncryptionConfiguration: [Match.objectLike({ BucketKeyEnabled: true })] }),
      LifecycleConfiguration: {
        Rules: [
          {
            Id: 'retention',
            Status: 'Enabled',
            ExpirationInDays: 90,
            NoncurrentVersionExpiration: { NoncurrentDays: 30 },
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
          },
          { Id: 'RemoveExpiredDeleteMarkers', Status: 'Enabled', ExpiredObjectDeleteMarker: true },
        ],
      },
    });
  });

  test('refuses TLS below 1.2 and any request without TLS', () => {
    const { template } = bucketStack();

    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: ARTIFACTS },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
        ]),
      },
    });
  });

  test('logs access to a sibling bucket that admits only this bucket\'s log delivery', () => {
    const { template, artifacts } = bucketStack();
    const logs = new Capture();

    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: { DestinationBucketName: { Ref: logs }, LogFilePrefix: 'artifacts/' },
    });
    expect(logs.asString()).toMatch(/^ArtifactsAccessLogs/);
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logs.asString() },
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Sid: 'ServerAccessLogsartifacts',
          Effect: 'Allow',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logs.asString(), 'Arn'] }, '/artifacts/*']] },
          Condition: { ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [ARTIFACTS, 'Arn'] } }, StringEquals: { 'aws:SourceAccount': '123456789012' } },
        }]),
      },
    });
    expect(artifacts.accessLogsBucket).toBeInstanceOf(s3.Bucket);
  });

  test('the access-log bucket is SSE-S3 (the only encryption log delivery supports), versioned, locked, and keeps logs a year', () => {
    const { template } = bucketStack();

    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
      ObjectLockEnabled: true,
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ Id: 'retention', ExpirationInDays: 365 })]) },
      NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
    });
  });

  test('acknowledges on the access-log bucket only what a terminal log bucket cannot fix', () => {
    const { template } = bucketStack();
    const logBucket = Object.entries(template.findResources('AWS::S3::Bucket')).find(([id]) => id.startsWith('ArtifactsAccessLogs'))![1];

    expect(logBucket.Metadata['fargate-platform:acknowledgments'].map((a: any) => a.ruleId).sort()).toEqual([
      'ControlTower-CT.S3.PR.10',
      'ControlTower-CT.S3.PR.2',
      'HIPAA.Security-S3BucketReplicationEnabled',
      'HIPAA.Security-S3DefaultEncryptionKMS',
      'NIST.800.53.R5-S3BucketReplicationEnabled',
      'NIST.800.53.R5-S3DefaultEncryptionKMS',
      'PCI.DSS.321-S3BucketReplicationEnabled',
      'PCI.DSS.321-S3DefaultEncryptionKMS',
    ]);
  });

  test('logs to a given bucket instead, creating no sibling', () => {
    const { template } = bucketStack({
      serverAccessLogsBucket: s3.Bucket.fromBucketName(new Stack(), 'Logs', 'env-access-logs'),
      serverAccessLogsPrefix: 'pipelines/orders/',
    });

    template.resourceCountIs('AWS::S3::Bucket', 1);
    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: { DestinationBucketName: 'env-access-logs', LogFilePrefix: 'pipelines/orders/' },
    });
  });

  test('takes longer expirations', () => {
    const { template } = bucketStack({ artifactExpiration: Duration.days(180), accessLogRetention: Duration.days(731) });

    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ Id: 'retention', ExpirationInDays: 180 })]) },
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ Id: 'retention', ExpirationInDays: 731 })]) },
    });
  });

  test('refuses access logs kept less than a year and expirations that are not whole days, naming each', () => {
    expect(() => bucketStack({ accessLogRetention: Duration.days(30), artifactExpiration: Duration.hours(36) })).toThrow(PlatformError);
    expect(() => bucketStack({ accessLogRetention: Duration.days(30), artifactExpiration: Duration.hours(36) })).toThrow(
      /2 problems:\n {2}- artifactExpiration must be a whole number of days, at least 7; got 1 day 12 hours\n {2}- accessLogRetention must be a whole number of days, at least 365; got 30 days/);
  });
});
