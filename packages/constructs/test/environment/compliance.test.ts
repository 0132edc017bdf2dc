import { App } from 'aws-cdk-lib';
import { ComplianceGate, EnvironmentProfile, FindingStatus } from '../../src';
import { environmentFixture } from '../helpers/environment-fixture';

describe('the four environments and the gates', () => {
  test('develop, test, qa and prod synthesize with zero open findings from every pack', () => {
    const app = new App();
    for (const profile of EnvironmentProfile.STANDARD) {
      environmentFixture(profile, {}, app);
    }

    const report = ComplianceGate.check(app);

    expect(report.stacks.map((s) => s.stack)).toEqual(['develop-environment', 'test-environment', 'qa-environment', 'prod-environment']);
    expect(report.openFindings.map((f) => `${f.ruleId} ${f.resourcePath}`)).toEqual([]);
    expect(report.unusedAcknowledgments).toEqual([]);
    // Every acknowledgment names a resource and gives a reason.
    for (const finding of report.acknowledgedFindings) {
      expect(finding.status).toBe(FindingStatus.ACKNOWLEDGED);
      expect(finding.resourcePath).not.toBe('');
      expect(finding.reason!.length).toBeGreaterThan(40);
    }
    // Finding 8 of the security review: an auditor reads a short register of accepted risks.
    expect(report.stacks.map((s) => [s.stack, s.findings.filter((f) => f.status === FindingStatus.ACKNOWLEDGED).length])
      .filter(([, count]) => (count as number) > 40)).toEqual([]);
  });
});
