import { FindingStatus } from '@fargate-platform/constructs';
import { generalize, riskRegister, riskRegisterMarkdown } from '../../src/evidence/risk-register';
import { StackFinding, StackReport } from '../../src/stacks';
import { fixtureRun } from '../fixtures/fleet-run';

const acknowledged = (rule: string, logicalId: string, reason: string, type = 'AWS::IAM::ManagedPolicy'): StackFinding => ({
  pack: rule.split('-')[0], rule, logicalId, resourcePath: `p/${logicalId}/Resource`, type, status: FindingStatus.ACKNOWLEDGED, reason,
});

/** A stack of the fixture's fleet run with other findings. */
function withFindings(stack: StackReport, findings: StackFinding[]): StackReport {
  return { ...stack, findings };
}

describe('the register of accepted risks', () => {
  const run = fixtureRun();
  const [develop, prod] = ['develop', 'prod'].map((e) => run.stacks.find((s) => s.service === 'orders' && s.environment === e)!);

  test('one entry per decision: a reason naming its service and environment is the same reason everywhere', () => {
    const reason = (stack: StackReport) => `iam:PassRole is limited to ${stack.service}-${stack.environment}-* roles`;
    const risks = riskRegister([
      withFindings(develop, [acknowledged('AwsSolutions-IAM5[Resource::arn:a]', 'DeployPolicy', reason(develop))]),
      withFindings(prod, [
        acknowledged('AwsSolutions-IAM5[Resource::arn:b]', 'DeployPolicy', reason(prod)),
        acknowledged('AwsSolutions-IAM5[Action::ecs:*]', 'DeployPolicy', reason(prod)),
      ]),
    ], ['develop', 'prod']);

    expect(risks).toEqual([expect.objectContaining({
      reason: 'iam:PassRole is limited to {service}-{env}-* roles',
      rules: ['AwsSolutions-IAM5'],
      resourceTypes: ['AWS::IAM::ManagedPolicy'],
      findings: { develop: 1, prod: 2 },
      resources: { develop: 1, prod: 1 },
      services: 1,
      environmentStacks: false,
    })]);
  });

  test('the controls of an entry are those its rules check (the evidence\'s rule catalog)', () => {
    const [risk] = riskRegister([withFindings(develop, [acknowledged('NIST.800.53.R5-IAMNoInlinePolicy', 'Policy', 'a reason')])], ['develop']);
    expect(risk.controls).toEqual(expect.arrayContaining(['AC-2', 'AC-3']));
  });

  test('open findings and warnings are not accepted risks', () => {
    const open: StackFinding = { ...acknowledged('AwsSolutions-IAM5[Resource::*]', 'P', 'x'), status: FindingStatus.OPEN, reason: undefined };
    expect(riskRegister([withFindings(develop, [open])], ['develop'])).toEqual([]);
  });

  test('names inside other words are left alone', () => {
    expect(generalize('orders-develop: developers order ledgers in develop', { service: 'orders', environment: 'develop' }))
      .toBe('{service}-{env}: developers order ledgers in {env}');
  });

  test('the Markdown has no date or commit (the committed copy is stale only when the findings change), and a pipe in a reason stays in its cell', () => {
    const risks = riskRegister([withFindings(develop, [acknowledged('AwsSolutions-IAM5[Resource::*]', 'P', 'a | b')])], ['develop', 'prod']);
    const text = riskRegisterMarkdown(risks, ['develop', 'prod']);
    expect(text).not.toMatch(/20\d\d-\d\d-\d\d|commit/);
    expect(text).toContain('| 1 | a \\| b | `AwsSolutions-IAM5` |');
    expect(text).toContain('| 1 (1) | 0 (0) |');
    expect(riskRegisterMarkdown(risks, ['develop', 'prod'])).toBe(text);
  });
});
