import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Compliance } from '../../../src';
import { acknowledgeScopedWildcards, defaultPolicyOf } from '../../../src/pipeline/private/scoped-wildcards';

function roleWith(statements: (stack: Stack, own: s3.Bucket) => iam.PolicyStatement[]) {
  const stack = new Stack(new App(), 'Wildcards');
  const own = new s3.Bucket(stack, 'Own');
  const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com') });
  statements(stack, own).forEach((s) => role.addToPrincipalPolicy(s));
  const policy = defaultPolicyOf(role)!;
  const acknowledged = acknowledgeScopedWildcards(policy, {
    ownResources: [own.bucketArn, own.arnForObjects('*')],
    actionReason: 'CDK grant wildcards on this construct\'s own bucket',
    allowedResources: [{ resource: own.arnForObjects('*'), reason: 'objects of this construct\'s own bucket' }],
  });
  return { acknowledged, policy };
}

describe('acknowledgeScopedWildcards', () => {
  test('acknowledges a CDK grant\'s wildcards on the construct\'s own bucket, one finding at a time', () => {
    const { acknowledged, policy } = roleWith((_stack, own) => [
      new iam.PolicyStatement({ actions: ['s3:GetObject*', 's3:List*'], resources: [own.bucketArn, own.arnForObjects('*')] }),
    ]);

    expect(acknowledged.sort()).toEqual([
      'AwsSolutions-IAM5[Action::s3:GetObject*]',
      'AwsSolutions-IAM5[Action::s3:List*]',
      'AwsSolutions-IAM5[Resource::<Own30425842.Arn>/*]',
    ]);
    expect(Compliance.acknowledgmentsOf(policy.node.defaultChild as iam.CfnPolicy).map((a) => a.reason)).toContain(
      'objects of this construct\'s own bucket');
  });

  test('leaves an action wildcard open when any statement carrying it reaches beyond the own resources', () => {
    const { acknowledged } = roleWith((_stack, own) => [
      new iam.PolicyStatement({ actions: ['s3:GetObject*'], resources: [own.arnForObjects('*')] }),
      new iam.PolicyStatement({ actions: ['s3:GetObject*'], resources: ['arn:aws:s3:::someone-elses-bucket/*'] }),
    ]);

    expect(acknowledged).toEqual(['AwsSolutions-IAM5[Resource::<Own30425842.Arn>/*]']);
  });

  test('leaves resource wildcards it was not told about open, and ignores denies', () => {
    const { acknowledged } = roleWith(() => [
      new iam.PolicyStatement({ actions: ['logs:PutLogEvents'], resources: ['*'] }),
      new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['s3:*'], resources: ['*'] }),
    ]);

    expect(acknowledged).toEqual([]);
  });
});
