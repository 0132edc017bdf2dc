import * as fs from 'fs';
import * as path from 'path';
import { Validations } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Compliance, ComplianceGate, CompliancePack, FindingStatus } from '../../src';
import { complianceFixture, Faults } from '../helpers/compliance-fixture';

/** For each pack: a fault it must catch, and the rule it reports. */
const CASES: Array<[CompliancePack, Faults, string]> = [
  [CompliancePack.AWS_SOLUTIONS, { topicWithoutTls: true, topicWithoutKms: true }, 'AwsSolutions-SNS3'],
  [CompliancePack.NIST_800_53_R5, { topicWithoutKms: true }, 'NIST.800.53.R5-SNSEncryptedKMS'],
  [CompliancePack.HIPAA_SECURITY, { topicWithoutKms: true }, 'HIPAA.Security-SNSEncryptedKMS'],
  [CompliancePack.PCI_DSS_321, { topicWithoutKms: true }, 'PCI.DSS.321-SNSEncryptedKMS'],
  [CompliancePack.CONTROL_TOWER, { keyWithoutGrantGuard: true }, 'ControlTower-CT.KMS.PR.3'],
  [CompliancePack.PLATFORM, { withoutOwnerTag: true }, 'Platform-MandatoryTags[Owner]'],
];

/** A topic that neither enforces TLS nor encrypts: AwsSolutions-SNS3. */
const PLAINTEXT_TOPIC: Faults = { topicWithoutTls: true, topicWithoutKms: true };

describe('ComplianceGate', () => {
  test.each(CASES)('%s fails on a non-compliant stack and passes once it is fixed', (pack, faults, ruleId) => {
    // GIVEN a stack with one fault
    const bad = complianceFixture(faults);

    // WHEN only this pack runs
    const badReport = ComplianceGate.check(bad.app, { packs: [pack] });

    // THEN the fault is an open finding of that pack
    expect(badReport.openFindings.map((f) => f.ruleId)).toContain(ruleId);
    expect(badReport.count(FindingStatus.OPEN, pack)).toBeGreaterThan(0);
    expect(badReport.passed).toBe(false);

    // AND WHEN the fault is fixed, the pack reports nothing open
    const fixed = ComplianceGate.check(complianceFixture().app, { packs: [pack] });
    expect(fixed.count(FindingStatus.OPEN, pack)).toBe(0);
    expect(fixed.passed).toBe(true);
  });

  test('a compliant stack has zero open findings in every pack at once', () => {
    const { app } = complianceFixture();

    const report = ComplianceGate.check(app);

    expect(report.packs).toEqual(ComplianceGate.ALL_PACKS);
    expect(report.openFindings).toEqual([]);
    expect(report.stacks[0].resources).toBe(3);
  });

  test('an acknowledgment on the exact resource turns its finding into an acknowledged one, with the reason', () => {
    const { app, topic } = complianceFixture(PLAINTEXT_TOPIC);
    Compliance.acknowledge(topic, 'AwsSolutions-SNS3', 'subscribers are legacy HTTP endpoints being migrated in Q3');

    const report = ComplianceGate.check(app, { packs: [CompliancePack.AWS_SOLUTIONS] });

    expect(report.openFindings).toEqual([]);
    expect(report.acknowledgedFindings).toEqual([expect.objectContaining({
      ruleId: 'AwsSolutions-SNS3',
      resourcePath: 'Fixture/Topic/Resource',
      status: FindingStatus.ACKNOWLEDGED,
      reason: 'subscribers are legacy HTTP endpoints being migrated in Q3',
    })]);
    expect(report.passed).toBe(true);
  });

  test('an acknowledgment on one resource does not hide the same finding on another', () => {
    // GIVEN two topics without TLS, only one of them acknowledged
    const { app, stack, topic } = complianceFixture(PLAINTEXT_TOPIC);
    new sns.Topic(stack, 'Other');
    Compliance.acknowledge(topic, 'AwsSolutions-SNS3', 'subscribers are legacy HTTP endpoints being migrated in Q3');

    // WHEN the gate runs
    const report = ComplianceGate.check(app, { packs: [CompliancePack.AWS_SOLUTIONS] });

    // THEN the other topic's finding stays open
    expect(report.openFindings.filter((f) => f.ruleId === 'AwsSolutions-SNS3').map((f) => f.resourcePath))
      .toEqual(['Fixture/Other/Resource']);
    expect(() => ComplianceGate.enforce(app, { packs: [CompliancePack.AWS_SOLUTIONS] }))
      .toThrow(/OPEN AwsSolutions-SNS3 on Fixture\/Other\/Resource/);
  });

  test.each(['app', 'stack'])('CDK\'s own acknowledgment on the %s is refused instead of hiding findings', (where) => {
    // GIVEN the CDK-native acknowledgment that cdk-nag honours for the whole subtree
    const { app, stack } = complianceFixture(PLAINTEXT_TOPIC);
    Validations.of(where === 'app' ? app : stack).acknowledge({ id: 'AwsSolutions-SNS3', reason: 'hide it everywhere please' });

    // THEN the gate refuses to run
    expect(() => ComplianceGate.check(app, { packs: [CompliancePack.AWS_SOLUTIONS] }))
      .toThrow(/is not on a single resource/);
  });

  test('CDK\'s own acknowledgment on a single resource counts as an acknowledgment, reason included', () => {
    const { app, topic } = complianceFixture(PLAINTEXT_TOPIC);
    Validations.of(topic).acknowledge({ id: 'AwsSolutions-SNS3', reason: 'legacy subscribers, tracked in PLAT-12' });

    const report = ComplianceGate.check(app, { packs: [CompliancePack.AWS_SOLUTIONS] });

    expect(report.openFindings).toEqual([]);
    expect(report.acknowledgedFindings.map((f) => f.reason)).toEqual(['legacy subscribers, tracked in PLAT-12']);
  });

  test('an acknowledgment that matches no finding fails the gate', () => {
    const { app, topic } = complianceFixture();
    Compliance.acknowledge(topic, 'AwsSolutions-SNS3', 'this was needed once, before enforceSSL was set');

    const report = ComplianceGate.check(app, { packs: [CompliancePack.AWS_SOLUTIONS] });

    expect(report.openFindings).toEqual([]);
    expect(report.unusedAcknowledgments).toEqual([expect.objectContaining({ ruleId: 'AwsSolutions-SNS3', resourcePath: 'Fixture/Topic/Resource' })]);
    expect(report.passed).toBe(false);
    expect(() => ComplianceGate.enforce(app, { packs: [CompliancePack.AWS_SOLUTIONS] })).toThrow(/UNUSED acknowledgment AwsSolutions-SNS3/);
  });

  test('an acknowledgment of a pack that did not run is not reported as unused', () => {
    const { app, topic } = complianceFixture(PLAINTEXT_TOPIC);
    Compliance.acknowledge(topic, 'AwsSolutions-SNS3', 'subscribers are legacy HTTP endpoints being migrated in Q3');

    const report = ComplianceGate.check(app, { packs: [CompliancePack.PLATFORM] });

    expect(report.unusedAcknowledgments).toEqual([]);
  });

  test('writes a machine-readable report: per stack, pack, rule, resource, status and reason', () => {
    const { app, topic } = complianceFixture({ topicWithoutTls: true, topicWithoutKms: true });
    Compliance.acknowledge(topic, 'AwsSolutions-SNS3', 'subscribers are legacy HTTP endpoints being migrated in Q3');

    ComplianceGate.check(app, { packs: [CompliancePack.AWS_SOLUTIONS, CompliancePack.NIST_800_53_R5] });

    const json = JSON.parse(fs.readFileSync(path.join(app.outdir, 'compliance-report.json'), 'utf-8'));
    expect(json.openFindings).toBe(1); // NIST SNSEncryptedKMS
    expect(json.summary).toEqual({
      'AwsSolutions': { open: 0, acknowledged: 1, warnings: 0 },
      'NIST.800.53.R5': { open: 1, acknowledged: 0, warnings: 0 },
    });
    expect(json.stacks[0]).toEqual(expect.objectContaining({ stack: 'Fixture', templateFile: 'Fixture.template.json', resources: 2 }));
    expect(json.stacks[0].findings).toContainEqual({
      pack: 'AwsSolutions',
      rule: 'AwsSolutions-SNS3',
      resource: 'Fixture/Topic/Resource',
      logicalId: expect.stringMatching(/^Topic/),
      type: 'AWS::SNS::Topic',
      status: 'acknowledged',
      reason: 'subscribers are legacy HTTP endpoints being migrated in Q3',
      description: expect.any(String),
    });
    expect(json.stacks[0].findings).toContainEqual(expect.objectContaining({ rule: 'NIST.800.53.R5-SNSEncryptedKMS', status: 'open' }));
  });

  test('writes the report where it is told to', () => {
    const { app } = complianceFixture();
    const file = path.join(fs.mkdtempSync('/tmp/gate-'), 'nested', 'report.json');

    ComplianceGate.check(app, { packs: [CompliancePack.PLATFORM], reportFile: file });

    expect(JSON.parse(fs.readFileSync(file, 'utf-8')).passed).toBe(true);
  });
});

describe('ComplianceGate._checkAll (the fleet checks several apps with one cfn-guard run per set of rules)', () => {
  const findings = (report: { stacks: Array<{ findings: unknown[] }> }) => JSON.stringify(report.stacks.map((s) => s.findings));

  test('each app gets the report check gives it, and an app that cannot be checked gets its error in its place', () => {
    // GIVEN two apps with different faults, and a third whose synthesis fails
    const faults: Faults[] = [{ keyWithoutGrantGuard: true, topicWithoutKms: true }, { withoutOwnerTag: true }];
    const broken = complianceFixture();
    new sns.Topic(broken.stack, 'Tagged').node.addValidation({ validate: () => ['deliberately broken'] });

    // WHEN they are checked together
    const [first, second, third] = ComplianceGate._checkAll([...faults.map((f) => complianceFixture(f).app), broken.app]);

    // THEN the findings are those each app has on its own
    const alone = faults.map((f) => ComplianceGate.check(complianceFixture(f).app));
    expect(findings(first as any)).toEqual(findings(alone[0]));
    expect(findings(second as any)).toEqual(findings(alone[1]));
    expect((first as any).openFindings.map((f: any) => f.ruleId)).toContain('ControlTower-CT.KMS.PR.3');
    expect(third).toBeInstanceOf(Error);
    expect((third as Error).message).toMatch(/deliberately broken/);
  });
});
