import { App, Stack, Tags } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { MandatoryTags } from '../../src';
import { tagProblems } from '../../src/tagging/private/tag-rules';

const VALUES = { environment: 'qa', owner: 'payments-team', costCenter: 'cc-7', compliance: 'nist-800-53-r5 soc2' };

describe('tag rules', () => {
  test.each([
    ['a comma', 'Compliance', 'nist-800-53-r5,soc2', /a tag value may hold only letters, digits, spaces and _ \. : \/ = \+ - @/],
    ['a semicolon and brackets', 'Owner', '<team>;', /a tag value may hold only/],
    ['a newline', 'Owner', 'team\nb', /a tag value may hold only/],
    ['an exclamation mark', 'Owner', 'team!', /a tag value may hold only/],
    ['a value over 256 characters', 'Owner', 'x'.repeat(257), /a tag value holds at most 256 characters; got 257/],
    ['a key over 128 characters', 'k'.repeat(129), 'v', /a tag key holds 1-128 characters; got 129/],
    ['an empty key', '', 'v', /a tag key holds 1-128 characters; got 0/],
    ['the reserved aws: prefix', 'aws:team', 'v', /the tag key prefix 'aws:' is reserved/],
  ])('refuses %s', (_case, key, value, message) => {
    expect(tagProblems(key, value)).toEqual([expect.stringMatching(message)]);
  });

  test.each([
    ['the platform\'s Compliance value', 'Compliance', 'nist-800-53-r5 soc2'],
    ['an empty value', 'Owner', ''],
    ['unicode letters and every allowed sign', 'Équipe', 'paiements_ü.1:2/3=4+5-6@x'],
    ['256 characters', 'Owner', 'x'.repeat(256)],
  ])('accepts %s', (_case, key, value) => {
    expect(tagProblems(key, value)).toEqual([]);
  });

  test('MandatoryTags refuses a value IAM would refuse at once, naming the field', () => {
    const stack = new Stack(new App(), 'Stack');

    expect(() => MandatoryTags.apply(stack, { ...VALUES, compliance: 'nist-800-53-r5,soc2' }))
      .toThrow(/tags\.compliance: tag "Compliance"="nist-800-53-r5,soc2": a tag value may hold only letters, digits, spaces and/);
  });

  test('any other tag under the scope is checked at synth time, once per problem, with a count and an example', () => {
    // GIVEN two topics tagged by another hand with a value IAM refuses
    const app = new App();
    const stack = new Stack(app, 'Stack');
    MandatoryTags.apply(stack, VALUES);
    new sns.Topic(stack, 'One');
    new sns.Topic(stack, 'Two');
    Tags.of(stack).add('Team', 'payments;risk');

    // WHEN the app is synthesized THEN it fails naming the tag, the count and a resource
    expect(() => app.synth()).toThrow(/tag "Team"="payments;risk": a tag value may hold only .* \(on 3 resources or stacks, e\.g\. Stack\)/);
  });
});
