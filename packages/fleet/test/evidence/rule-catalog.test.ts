import { CompliancePack } from '@fargate-platform/constructs';
import { CONTROLS } from '../../src/evidence/controls';
import { baseRuleId, checkCatalog, checksOf, controlsOfRule, gateRules, isPartOf, nistControlIds, ruleMapProblems } from '../../src/evidence/rule-catalog';
import { RULE_CONTROLS } from '../../src/evidence/rule-map';

describe('reading NIST control ids from cdk-nag\'s texts', () => {
  test('every id of the list, enhancements and parts included', () => {
    expect(nistControlIds("The ALB's HTTP listeners are not configured to redirect to HTTPS - (Control IDs: AC-4, AC-4(22), IA-5(1)(c), SC-8, SI-1a.2).")).toEqual(
      ['AC-4', 'AC-4(22)', 'IA-5(1)(c)', 'SC-8', 'SI-1a.2']);
    expect(nistControlIds('The REST API stage is not associated with AWS WAFv2 web ACL - (Control ID: AC-4(21)).')).toEqual(['AC-4(21)']);
    expect(nistControlIds('A rule of another pack.')).toEqual([]);
  });

  test('an enhancement or part belongs to its control, another control with the same prefix does not', () => {
    expect(isPartOf('AC-2', 'AC-2')).toBe(true);
    expect(isPartOf('AC-2(12)(a)', 'AC-2')).toBe(true);
    expect(isPartOf('AC-2g', 'AC-2')).toBe(true);
    expect(isPartOf('SC-13a', 'SC-13')).toBe(true);
    expect(isPartOf('AC-21', 'AC-2')).toBe(false);
    expect(isPartOf('SC-13', 'SC-1')).toBe(false);
  });
});

describe('the rules of the gates', () => {
  test('are read from every pack: cdk-nag\'s, the platform\'s and the Control Tower guard files', () => {
    const packs = new Set(gateRules().map((r) => r.pack));

    expect([...packs].sort()).toEqual(['AwsSolutions', 'ControlTower', 'HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321', 'Platform']);
    expect(gateRules().map((r) => r.id)).toEqual(expect.arrayContaining(['AwsSolutions-IAM5', 'Platform-NoPlainEnvironment', 'ControlTower-CT.KMS.PR.1']));
  });
});

describe('the catalog of checks', () => {
  test('a NIST pack rule counts for the controls its text names', () => {
    const flowLogs = checkCatalog().find((c) => c.id === 'NIST.800.53.R5-VPCFlowLogsEnabled')!;

    expect(flowLogs.pack).toBe(CompliancePack.NIST_800_53_R5);
    expect(flowLogs.controls).toContain('AU-2');
    expect(flowLogs.basis['AU-2']).toMatch(/^cdk-nag: AU-2/);
  });

  test('a Control Tower rule counts for the controls of rule-map.ts, with the resource types it reports on', () => {
    expect(checkCatalog().find((c) => c.id === 'ControlTower-CT.S3.PR.9')).toMatchObject({
      pack: CompliancePack.CONTROL_TOWER,
      controls: ['AU-9'],
      basis: { 'AU-9': 'platform' },
      resourceTypes: ['AWS::S3::Bucket'],
      description: expect.stringContaining('S3 Object Lock'),
    });
  });

  test('the platform\'s own rules are in it', () => {
    expect(checkCatalog().find((c) => c.id === 'Platform-MandatoryTags')?.controls).toEqual(['CM-2', 'CC6.1']);
  });

  test('every control of the design has a check or a resource that implements it', () => {
    for (const control of CONTROLS) {
      expect({ control: control.id, evidence: checksOf(control.id).length + control.resources.length > 0 })
        .toEqual({ control: control.id, evidence: true });
    }
  });

  test('a SOC 2 criterion takes the checks of the NIST controls it inherits, saying through which', () => {
    const checks = checksOf('CC6.1');

    expect(checks).toContainEqual({ check: expect.objectContaining({ id: 'Platform-MandatoryTags' }), via: undefined });
    expect(checks).toContainEqual({ check: expect.objectContaining({ id: 'AwsSolutions-IAM5' }), via: 'AC-2' });
    expect(new Set(checks.map((c) => c.check.id)).size).toBe(checks.length);
  });
});

describe('the platform\'s mapping (rule-map.ts)', () => {
  const ids = new Set(gateRules().map((r) => r.id));

  test('names only rules the gates run and controls the design has', () => {
    expect(ruleMapProblems(RULE_CONTROLS, ids)).toEqual([]);
  });

  test('a rule no pack has, a control the design lacks, and a NIST control for a NIST pack rule are refused', () => {
    expect(ruleMapProblems({
      'AwsSolutions-NOPE1': ['AC-2'],
      'ControlTower-CT.S3.PR.9': ['AU-99'],
      'NIST.800.53.R5-VPCFlowLogsEnabled': ['AU-2', 'CC7.2'],
    }, ids)).toEqual([
      "rule-map.ts maps 'AwsSolutions-NOPE1', which no pack the gate runs has",
      expect.stringMatching(/^rule-map.ts maps 'ControlTower-CT.S3.PR.9' to 'AU-99', which is not a control of the design/),
      "rule-map.ts gives the NIST pack rule 'NIST.800.53.R5-VPCFlowLogsEnabled' a NIST control; the pack's own text names those",
    ]);
  });
});

describe('the controls of a finding', () => {
  test('a rule\'s [detail] is ignored', () => {
    expect(baseRuleId('AwsSolutions-IAM5[Action::s3:*]')).toBe('AwsSolutions-IAM5');
    expect(controlsOfRule('AwsSolutions-IAM5[Action::s3:*]')).toEqual(['AC-2', 'AC-3']);
  });

  test('a HIPAA or PCI rule that is a NIST rule\'s twin counts where the NIST rule does', () => {
    expect(controlsOfRule('HIPAA.Security-IAMNoInlinePolicy')).toEqual(controlsOfRule('NIST.800.53.R5-IAMNoInlinePolicy'));
    expect(controlsOfRule('PCI.DSS.321-S3DefaultEncryptionKMS')).toEqual(controlsOfRule('NIST.800.53.R5-S3DefaultEncryptionKMS'));
    expect(controlsOfRule('NIST.800.53.R5-IAMNoInlinePolicy')).toEqual(['AC-2', 'AC-3']);
  });

  test('a rule of no control counts for none', () => {
    expect(controlsOfRule('CloudFormation-W3005')).toEqual([]);
  });
});
