import { buildEvidence, CheckStatus, ComplianceEvidence, EVIDENCE_FORMAT, EvidenceStatus } from '../../src/evidence/evidence';
import { CONTEXT, fixtureRun } from '../fixtures/fleet-run';

const evidenceOf = (partial: boolean): ComplianceEvidence => buildEvidence(fixtureRun().stacks, ['develop', 'prod'], partial, CONTEXT);
const at = (evidence: ComplianceEvidence, control: string, environment: string) =>
  evidence.controls.find((c) => c.id === control)!.environments.find((e) => e.environment === environment)!;

describe('the compliance evidence', () => {
  test('covers the design\'s ten NIST controls and five SOC 2 criteria in each environment, with provenance', () => {
    const evidence = evidenceOf(false);

    expect(evidence).toMatchObject({ format: EVIDENCE_FORMAT, generatedAt: CONTEXT.generatedAt, commit: CONTEXT.commit, environments: ['develop', 'prod'] });
    expect(evidence.controls.map((c) => c.id)).toEqual(['AC-2', 'AC-3', 'AU-2', 'AU-9', 'CM-2', 'IA-2', 'SC-7', 'SC-8', 'SC-13', 'SC-28',
      'CC6.1', 'CC6.6', 'CC6.7', 'CC7.2', 'CC8.1']);
    expect(evidence.controls.every((c) => c.environments.map((e) => e.environment).join() === 'develop,prod')).toBe(true);
  });

  test('an open finding of a check of the control: failing, with the finding', () => {
    const ac2 = at(evidenceOf(true), 'AC-2', 'prod');

    expect(ac2.status).toBe(EvidenceStatus.FAILING);
    expect(ac2.openFindings).toEqual([expect.objectContaining({ rule: 'NIST.800.53.R5-IAMNoInlinePolicy', stackName: 'orders-prod-runtime', logicalId: 'TaskRolePolicy' })]);
    expect(ac2.checks.find((c) => c.id === 'NIST.800.53.R5-IAMNoInlinePolicy')).toMatchObject({ status: CheckStatus.FAIL, open: 1, basis: expect.stringMatching(/^cdk-nag: /) });
  });

  test('acknowledged findings: enforced with accepted risks, each with its rule, reason and resources', () => {
    const ac2 = at(evidenceOf(true), 'AC-2', 'develop');

    expect(ac2.status).toBe(EvidenceStatus.ACCEPTED_RISK);
    expect(ac2.acceptedRisks).toEqual([{
      rule: 'AwsSolutions-IAM5',
      pack: 'AwsSolutions',
      reason: expect.stringContaining('ecr:GetAuthorizationToken'),
      findings: 1,
      resources: ['orders-develop-runtime/RegistryLoginPolicy'],
    }]);
    expect(ac2.checks.find((c) => c.id === 'AwsSolutions-IAM5')).toMatchObject({
      status: CheckStatus.ACCEPTED, acknowledged: 1, basis: 'platform', resources: { 'AWS::IAM::ManagedPolicy': 1 },
    });
  });

  test('checks that pass on the resources they apply to, and the resources that implement the control: enforced', () => {
    const au2 = at(evidenceOf(true), 'AU-2', 'develop');

    expect(au2.status).toBe(EvidenceStatus.ENFORCED);
    expect(au2.checks.find((c) => c.id === 'NIST.800.53.R5-VPCFlowLogsEnabled')).toMatchObject({ status: CheckStatus.PASS, resources: { 'AWS::EC2::VPC': 1 } });
    expect(au2.resources).toEqual([{ stackName: 'develop-environment', logicalId: 'Trail', type: 'AWS::CloudTrail::Trail', what: 'every management event of the account' }]);
    expect(au2.notApplicable).toContain('NIST.800.53.R5-RDSLoggingEnabled');
  });

  test('a Control Tower check applies to the resources of the types it reports on', () => {
    expect(at(evidenceOf(true), 'SC-13', 'develop').checks.find((c) => c.id === 'ControlTower-CT.KMS.PR.1')).toMatchObject({
      status: CheckStatus.PASS, resources: { 'AWS::KMS::Key': 1 },
    });
  });

  test('a SOC 2 criterion takes the evidence of the NIST controls it inherits', () => {
    const cc61 = at(evidenceOf(true), 'CC6.1', 'prod');

    expect(cc61.status).toBe(EvidenceStatus.FAILING);
    expect(cc61.checks.find((c) => c.id === 'AwsSolutions-IAM5')).toMatchObject({ via: 'AC-2' });
    expect(cc61.resources).toContainEqual(expect.objectContaining({ logicalId: 'OperatorRole', what: 'role people assume only with MFA' }));
  });

  test('no check applies and no resource implements it: no evidence', () => {
    expect(at(evidenceOf(true), 'CC8.1', 'develop').status).toBe(EvidenceStatus.NO_EVIDENCE);
  });

  test('in a full run, a resource the control expects and the environment lacks is a gap', () => {
    const ia2 = at(evidenceOf(false), 'IA-2', 'develop');

    expect(ia2.status).toBe(EvidenceStatus.GAP);
    expect(ia2.missing).toEqual([
      'Config rule ROOT_ACCOUNT_MFA_ENABLED: the root user has MFA', 'Config rule MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS: console users have MFA',
    ]);
    expect(at(evidenceOf(true), 'IA-2', 'develop').missing).toEqual([]);
  });
});
