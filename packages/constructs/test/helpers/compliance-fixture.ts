import { App, Stack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { MandatoryTags } from '../../src';

/** Faults that can be injected into the otherwise fully compliant fixture stack. */
export interface Faults {
  /** Topic does not enforce TLS (AwsSolutions-SNS3, which only fires when the topic has no KMS key either). */
  readonly topicWithoutTls?: boolean;
  /** Topic is not encrypted with a KMS key (NIST/HIPAA/PCI SNSEncryptedKMS). */
  readonly topicWithoutKms?: boolean;
  /** Key policy lets any principal create grants (Control Tower CT.KMS.PR.3). */
  readonly keyWithoutGrantGuard?: boolean;
  /** The Owner tag is missing (Platform-MandatoryTags[Owner]). */
  readonly withoutOwnerTag?: boolean;
}

export interface Fixture {
  readonly app: App;
  readonly stack: Stack;
  readonly key: kms.Key;
  readonly topic: sns.Topic;
}

/** A small stack (KMS key + SNS topic) that passes every pack, unless told to break. */
export function complianceFixture(faults: Faults = {}): Fixture {
  const app = new App();
  const stack = new Stack(app, 'Fixture');
  MandatoryTags.apply(stack, {
    environment: 'test',
    owner: faults.withoutOwnerTag ? 'placeholder' : 'platform-team',
    costCenter: 'cc-0001',
    compliance: 'nist-800-53-r5 soc2',
  });
  if (faults.withoutOwnerTag) {
    // MandatoryTags.apply refuses an empty value, so the fault is injected afterwards.
    Tags.of(stack).remove('Owner');
  }
  const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
  if (!faults.keyWithoutGrantGuard) {
    key.addToResourcePolicy(grantsOnlyForAwsServices());
  }
  const topic = new sns.Topic(stack, 'Topic', {
    masterKey: faults.topicWithoutKms ? undefined : key,
    enforceSSL: !faults.topicWithoutTls,
  });
  return { app, stack, key, topic };
}

/** The Control Tower CT.KMS.PR.3 statement: grants only for AWS resources created by AWS services. */
export function grantsOnlyForAwsServices(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
  });
}
