/**
 * The smallest deployable proof of the platform's baseline: a customer-managed key with
 * rotation and a TLS-only topic encrypted with it, carrying the mandatory tags.
 *
 * Deployed assertions (nightly): the topic is encrypted with the key, the key rotates.
 */
import { ExpectedResult } from '@aws-cdk/integ-tests-alpha';
import { MandatoryTags } from '@fargate-platform/constructs';
import { App } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { scenarioTest } from './assertions';
import { testStack } from './scenario';

const app = new App();
const stack = testStack(app, 'IntegComplianceBaseline', 'Integration scenario: the compliance baseline (key and topic)');
MandatoryTags.apply(stack, { environment: 'test', owner: 'platform-team', costCenter: 'platform', compliance: 'nist-800-53-r5 soc2' });

const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
const topic = new sns.Topic(stack, 'Topic', { masterKey: key, enforceSSL: true });

const integ = scenarioTest(app, 'integ-baseline', 'ComplianceBaseline', [stack]);

integ.assertions
  .awsApiCall('SNS', 'getTopicAttributes', { TopicArn: topic.topicArn })
  .expect(ExpectedResult.objectLike({ Attributes: { KmsMasterKeyId: key.keyArn } }));

integ.assertions
  .awsApiCall('KMS', 'getKeyRotationStatus', { KeyId: key.keyId })
  .expect(ExpectedResult.objectLike({ KeyRotationEnabled: true }));
