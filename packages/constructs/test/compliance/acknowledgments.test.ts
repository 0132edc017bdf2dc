import { Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { Compliance } from '../../src';
import { complianceFixture } from '../helpers/compliance-fixture';

const REASON = 'subscribers are legacy HTTP endpoints being migrated in Q3';

describe('Compliance.acknowledge', () => {
  test('records the acknowledgment in the template metadata of the resource', () => {
    const { stack, topic } = complianceFixture();

    Compliance.acknowledge(topic, 'AwsSolutions-SNS3', REASON);

    Template.fromStack(stack).hasResource('AWS::SNS::Topic', {
      Metadata: { 'fargate-platform:acknowledgments': [{ ruleId: 'AwsSolutions-SNS3', reason: REASON }] },
    });
  });

  test('keeps one entry per rule and accumulates different rules', () => {
    const { topic } = complianceFixture();

    Compliance.acknowledge(topic, 'AwsSolutions-SNS3', REASON);
    Compliance.acknowledge(topic, 'AwsSolutions-SNS3', `${REASON} (updated)`);
    Compliance.acknowledge(topic, 'AwsSolutions-SNS2', 'encryption is provided by the subscribing queue itself');

    expect(Compliance.acknowledgmentsOf(topic.node.defaultChild as sns.CfnTopic).map((a) => a.ruleId))
      .toEqual(['AwsSolutions-SNS3', 'AwsSolutions-SNS2']);
  });

  test.each([
    ['the app', (f: ReturnType<typeof complianceFixture>) => f.app],
    ['a stack', (f: ReturnType<typeof complianceFixture>) => f.stack],
  ])('refuses %s', (_what, scopeOf) => {
    const fixture = complianceFixture();

    expect(() => Compliance.acknowledge(scopeOf(fixture), 'AwsSolutions-SNS3', REASON))
      .toThrow(/acknowledgments on an App, Stage or Stack are not accepted/);
  });

  test('refuses a construct that holds several resources and no default one', () => {
    const { stack } = complianceFixture();
    const group = new Construct(stack, 'Group');
    new sns.Topic(group, 'A');
    new sns.Topic(group, 'B');

    expect(() => Compliance.acknowledge(group, 'AwsSolutions-SNS3', REASON))
      .toThrow(/must name a single resource; this construct holds 2 resources/);
  });

  test('refuses a reason a reviewer could not act on', () => {
    const { topic } = complianceFixture();

    expect(() => Compliance.acknowledge(topic, 'AwsSolutions-SNS3', 'fine')).toThrow(/needs a reason of at least 20 characters; got 'fine'/);
  });

  test('refuses a rule id with spaces', () => {
    const { topic } = complianceFixture();

    expect(() => Compliance.acknowledge(topic, 'AwsSolutions SNS3', REASON)).toThrow(/ruleId must be a rule id without spaces/);
  });
});
