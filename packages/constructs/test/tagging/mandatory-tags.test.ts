import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { MandatoryTags } from '../../src';

describe('MandatoryTags', () => {
  test('tags every resource of the scope with the four keys', () => {
    const stack = new Stack(new App(), 'Stack');
    new sns.Topic(stack, 'Topic');

    MandatoryTags.apply(stack, { environment: 'qa', owner: 'payments-team', costCenter: 'cc-7', compliance: 'soc2' });

    Template.fromStack(stack).hasResourceProperties('AWS::SNS::Topic', {
      Tags: [
        { Key: 'Compliance', Value: 'soc2' },
        { Key: 'CostCenter', Value: 'cc-7' },
        { Key: 'Environment', Value: 'qa' },
        { Key: 'Owner', Value: 'payments-team' },
      ],
    });
  });

  test('rejects missing values at synth time, naming every field', () => {
    const stack = new Stack(new App(), 'Stack');

    expect(() => MandatoryTags.apply(stack, { environment: 'qa', owner: ' ', costCenter: '', compliance: 'soc2' }))
      .toThrow(/2 problems:\n {2}- mandatory tag Owner needs a value: set tags.owner \(got ' '\)\n {2}- mandatory tag CostCenter needs a value: set tags.costCenter \(got ''\)/);
  });
});
