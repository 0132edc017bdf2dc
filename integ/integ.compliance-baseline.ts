/**
 * The smallest deployable proof of the platform's baseline: a customer-managed key with
 * rotation and a TLS-only topic encrypted with it, carrying the mandatory tags.
 *
 * Deployed assertions (nightly): the topic is encrypted with the key, the key rotates.
 */
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { MandatoryTags } from '@fargate-platform/constructs';

const app = new App();
const stack = new Stack(app, 'IntegComplianceBaseline');
MandatoryTags.apply(stack, { environment: 'test', owner: 'platform-team', costCenter: 'platform', compliance: 'nist-800-53,soc2' });
Tags.of(stack).add('Testing', 'true');

const key = new kms.Key(stack, 'Key', { enableKeyRotation: true, removalPolicy: RemovalPolicy.DESTROY });
const topic = new sns.Topic(stack, 'Topic', { masterKey: key, enforceSSL: true });

const integ = new IntegTest(app, 'ComplianceBaseline', { testCases: [stack], diffAssets: false });

integ.assertions
  .awsApiCall('SNS', 'getTopicAttributes', { TopicArn: topic.topicArn })
  .expect(ExpectedResult.objectLike({ Attributes: { KmsMasterKeyId: key.keyArn } }));

integ.assertions
  .awsApiCall('KMS', 'getKeyRotationStatus', { KeyId: key.keyId })
  .expect(ExpectedResult.objectLike({ KeyRotationEnabled: true }));
