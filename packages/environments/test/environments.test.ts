import * as fs from 'fs';
import * as path from 'path';
import { ComplianceGate } from '@fargate-platform/constructs';
import { App } from 'aws-cdk-lib';
import { DEPLOYMENTS } from '../src/deployments';
import { buildEnvironments } from '../src/environments';

/** The feature flags cdk.json gives the app (the recommended flags of the pinned aws-cdk-lib). */
const FLAGS = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'cdk.json'), 'utf-8')).context;
const app = (): App => new App({ context: FLAGS });

describe('the environments app', () => {
  test('one stack per environment, each in its own account, with the profile\'s termination protection', () => {
    const stacks = buildEnvironments(app());

    expect(stacks.map((s) => [s.stackName, s.account, s.terminationProtection])).toEqual([
      ['develop-environment', '111111111111', false],
      ['test-environment', '222222222222', false],
      ['qa-environment', '333333333333', true],
      ['prod-environment', '444444444444', true],
    ]);
  });

  test('passes every gate with zero open findings', () => {
    const withFlags = app();
    buildEnvironments(withFlags);

    const report = ComplianceGate.check(withFlags);

    expect(report.openFindings.map((f) => `${f.ruleId} ${f.resourcePath}`)).toEqual([]);
    expect(report.passed).toBe(true);
  });

  test('refuses a production network that overlaps another environment\'s', () => {
    const clash = DEPLOYMENTS.map((d) => (d.profile.production ? { ...d, profile: { ...d.profile, vpcCidr: '10.10.0.0/16' } as any } : d));

    expect(() => buildEnvironments(app(), clash)).toThrow(/vpcCidr of 'develop' \(10.10.0.0\/16\) overlaps 'prod' \(10.10.0.0\/16\): production environment 'prod' needs an address range of its own/);
  });

  test('refuses two non-production networks that overlap in one account, and accepts them in two unpeered accounts', () => {
    const overlapping = DEPLOYMENTS.map((d) => (d.profile.name === 'test' ? { ...d, profile: { ...d.profile, vpcCidr: '10.10.0.0/16' } as any } : d));
    const sameAccount = overlapping.map((d) => (d.profile.name === 'test' ? { ...d, account: DEPLOYMENTS[0].account } : d));

    expect(() => buildEnvironments(app(), sameAccount)).toThrow(/vpcCidr of 'develop' \(10.10.0.0\/16\) overlaps 'test' \(10.10.0.0\/16\): they share account 111111111111/);
    expect(() => buildEnvironments(app(), overlapping.map((d) => (d.profile.name === 'test' ? { ...d, peeredWith: ['develop'] } : d))))
      .toThrow(/overlaps 'test' \(10.10.0.0\/16\): they are peered/);
    expect(() => buildEnvironments(app(), overlapping)).not.toThrow();
  });
});
