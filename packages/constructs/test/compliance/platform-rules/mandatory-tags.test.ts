import { App, CfnResource, Stack, Tags } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { NagRuleCompliance } from 'cdk-nag';
import { MANDATORY_TAGS } from '../../../src/compliance/platform-rules/mandatory-tags';

/** Tags are applied by an aspect at synthesis: synthesize before evaluating the rule. */
function evaluate(tags: Record<string, string>): ReturnType<typeof MANDATORY_TAGS.check> {
  const app = new App();
  const stack = new Stack(app, 'Stack');
  for (const [key, value] of Object.entries(tags)) {
    Tags.of(stack).add(key, value);
  }
  const topic = new sns.Topic(stack, 'Topic');
  app.synth();
  return MANDATORY_TAGS.check(topic.node.defaultChild as CfnResource);
}

describe('Platform-MandatoryTags', () => {
  test('compliant when all four tags have values', () => {
    expect(evaluate({ Environment: 'qa', Owner: 'team', CostCenter: 'cc', Compliance: 'soc2' })).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('names every missing tag', () => {
    expect(evaluate({ Environment: 'qa', Owner: 'team' })).toEqual(['CostCenter', 'Compliance']);
  });

  test('does not apply to resources that cannot carry tags', () => {
    const stack = new Stack();
    const policy = new sns.TopicPolicy(stack, 'Policy', { topics: [new sns.Topic(stack, 'Topic')] });
    expect(MANDATORY_TAGS.check(policy.node.defaultChild as CfnResource)).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});
