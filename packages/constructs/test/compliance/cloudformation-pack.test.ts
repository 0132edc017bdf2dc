import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Compliance, ComplianceGate, CompliancePack, FindingStatus } from '../../src';
import { CFN_LINT_ENV, findCfnLint, lintBatches } from '../../src/compliance/private/cfn-lint';

const CLOUDFORMATION = { packs: [CompliancePack.CLOUDFORMATION] };

/** A stack in a real region (cfn-lint checks values per region), with one IAM role. */
function roleStack(): { app: App; stack: Stack; role: iam.Role } {
  const app = new App();
  const stack = new Stack(app, 'Lint', { env: { account: '111111111111', region: 'us-east-1' } });
  const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
  return { app, stack, role };
}

describe('the CloudFormation pack (cfn-lint)', () => {
  test('a tag value IAM refuses (a comma) is an open finding on its resource, and passes once fixed', () => {
    // GIVEN a role whose tag value holds a comma, written past the platform's own tag check (a raw override)
    const bad = roleStack();
    (bad.role.node.defaultChild as CfnResource).addPropertyOverride('Tags', [{ Key: 'Compliance', Value: 'nist-800-53-r5,soc2' }]);

    // WHEN the pack runs
    const report = ComplianceGate.check(bad.app, CLOUDFORMATION);

    // THEN cfn-lint's E3031 is open on the role, and the gate fails
    expect(report.openFindings).toEqual([expect.objectContaining({
      pack: CompliancePack.CLOUDFORMATION,
      ruleId: 'CloudFormation-E3031',
      resourcePath: 'Lint/Role/Resource',
      resourceType: 'AWS::IAM::Role',
      status: FindingStatus.OPEN,
    })]);
    expect(report.openFindings[0].description).toMatch(/Resources\/Role\w+\/Properties\/Tags\/0\/Value/);
    expect(report.passed).toBe(false);
    expect(report.toolVersions).toEqual({ 'cfn-lint': ComplianceGate.CFN_LINT_VERSION });

    // AND WHEN the value is one IAM accepts, nothing is open
    const good = roleStack();
    (good.role.node.defaultChild as CfnResource).addPropertyOverride('Tags', [{ Key: 'Compliance', Value: 'nist-800-53-r5 soc2' }]);
    expect(ComplianceGate.check(good.app, CLOUDFORMATION).findings).toEqual([]);
  });

  test('a Dashboard takes Tags in the current resource schema; a property it does not have is an open finding', () => {
    // GIVEN a dashboard with Tags (cfn-lint 1.51 did not know them; the pinned version's schema of 2026-10-20 does)
    const tagged = roleStack();
    const dashboard = new cloudwatch.Dashboard(tagged.stack, 'Dashboard', { dashboardName: 'orders-develop' });
    (dashboard.node.defaultChild as CfnResource).addPropertyOverride('Tags', [{ Key: 'Service', Value: 'orders' }]);
    expect(ComplianceGate.check(tagged.app, CLOUDFORMATION).openFindings).toEqual([]);

    // WHEN the dashboard carries a property its schema lacks
    const bad = roleStack();
    const other = new cloudwatch.Dashboard(bad.stack, 'Dashboard', { dashboardName: 'orders-develop' });
    (other.node.defaultChild as CfnResource).addPropertyOverride('Labels', [{ Key: 'Service', Value: 'orders' }]);

    // THEN it is cfn-lint's E3002, open, on the dashboard
    expect(ComplianceGate.check(bad.app, CLOUDFORMATION).openFindings.map((f) => [f.ruleId, f.resourceType]))
      .toEqual([['CloudFormation-E3002', 'AWS::CloudWatch::Dashboard']]);
  });

  test('every template is linted as the CDK template it is, with or without the markers cfn-lint recognizes CDK by', () => {
    // GIVEN a subnet in a hard-coded zone (cfn-lint's W3010, which it does not run on CDK templates), synthesized
    // without path metadata or CDKMetadata (as the fleet, integ-runner and an app run without the CDK CLI synthesize)
    const { app, stack } = roleStack();
    const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
    new ec2.CfnSubnet(stack, 'Subnet', { vpcId: vpc.ref, cidrBlock: '10.0.0.0/24', availabilityZone: 'us-east-1a' });

    // THEN the pack reports what it reports for the same template deployed by the CDK CLI: nothing for W3010
    const report = ComplianceGate.check(app, CLOUDFORMATION);
    expect(report.findings.map((f) => f.ruleId)).not.toContain('CloudFormation-W3010');
  });

  test('a warning is listed and counted without failing the gate, and an acknowledgment on its resource records the triage', () => {
    // GIVEN a redundant DependsOn (the dependency is already implied by a GetAtt): cfn-lint's W3005
    const { app, stack, role } = roleStack();
    const user = new CfnResource(stack, 'Profile', { type: 'AWS::IAM::InstanceProfile', properties: { Roles: [role.roleName] } });
    user.addDependency(role.node.defaultChild as CfnResource);

    const report = ComplianceGate.check(app, CLOUDFORMATION);

    expect(report.warningFindings.map((f) => [f.ruleId, f.resourcePath])).toEqual([['CloudFormation-W3005', 'Lint/Profile']]);
    expect(report.count(FindingStatus.WARNING, CompliancePack.CLOUDFORMATION)).toBe(1);
    expect(report.passed).toBe(true);

    // AND WHEN it is acknowledged on that resource, it is acknowledged with its reason
    Compliance.acknowledge(user, 'CloudFormation-W3005', 'kept on purpose to show a triaged warning in this test');
    const again = ComplianceGate.check(app, CLOUDFORMATION);
    expect(again.warningFindings).toEqual([]);
    expect(again.acknowledgedFindings.map((f) => f.reason)).toEqual(['kept on purpose to show a triaged warning in this test']);
  });

  describe('finding cfn-lint', () => {
    const saved = { env: process.env[CFN_LINT_ENV], path: process.env.PATH };
    afterEach(() => {
      process.env.PATH = saved.path;
      if (saved.env === undefined) {
        delete process.env[CFN_LINT_ENV];
      } else {
        process.env[CFN_LINT_ENV] = saved.env;
      }
    });

    test('an executable that does not run stops the gate before synthesis, saying how to install the pinned version', () => {
      process.env[CFN_LINT_ENV] = '/nonexistent/cfn-lint';
      const { app } = roleStack();

      expect(() => ComplianceGate.check(app, CLOUDFORMATION)).toThrow(
        new RegExp(`cannot run cfn-lint '/nonexistent/cfn-lint'.*pip install cfn-lint==${ComplianceGate.CFN_LINT_VERSION.replace(/\./g, '\\.')}`));
      expect(fs.existsSync(path.join(app.outdir, 'manifest.json'))).toBe(false);
    });

    test('another version than the pinned one stops the gate, naming both versions and the install command', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'old-cfn-lint-'));
      const old = path.join(dir, 'cfn-lint');
      fs.writeFileSync(old, '#!/bin/sh\necho "cfn-lint 1.51.0"\n', { mode: 0o755 });
      process.env[CFN_LINT_ENV] = old;

      expect(() => ComplianceGate.check(roleStack().app, CLOUDFORMATION)).toThrow(
        new RegExp(`needs cfn-lint ${ComplianceGate.CFN_LINT_VERSION.replace(/\./g, '\\.')}.*'${old}' is 1\\.51\\.0: install it with`));
    });

    test('without one anywhere, the error names the pack and the install command', () => {
      // GIVEN no variable, no .venv in the working directory or its parents, nothing on PATH
      delete process.env[CFN_LINT_ENV];
      process.env.PATH = '/nonexistent';
      const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'no-cfn-lint-'));
      const cwd = process.cwd();
      process.chdir(empty);
      try {
        expect(findCfnLint()).toBeUndefined();
        // THEN the gate says which pack needs what, and how to install it
        expect(() => ComplianceGate.check(roleStack().app, CLOUDFORMATION)).toThrow(
          /CompliancePack.CLOUDFORMATION\) needs cfn-lint, which was not found: install it with 'python3 -m venv .venv && .venv\/bin\/pip install cfn-lint==\d+\.\d+\.\d+'/);
      } finally {
        process.chdir(cwd);
      }
      // AND a folder under the repository finds the repository's .venv
      expect(findCfnLint(path.join(__dirname, '..', '..'))).toMatch(/\.venv\/bin\/cfn-lint$/);
    });

    test('other packs run without it', () => {
      process.env[CFN_LINT_ENV] = '/nonexistent/cfn-lint';
      const { app } = roleStack();
      expect(() => ComplianceGate.check(app, { packs: [CompliancePack.PLATFORM] })).not.toThrow();
    });
  });

  test('templates are split per region into balanced batches, one cfn-lint process each', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-batches-'));
    const file = (name: string, bytes: number): string => {
      fs.writeFileSync(path.join(dir, name), 'x'.repeat(bytes));
      return path.join(dir, name);
    };
    const targets = [
      { templatePath: file('a', 900), region: 'us-east-1' },
      { templatePath: file('b', 500), region: 'us-east-1' },
      { templatePath: file('c', 400), region: 'us-east-1' },
      { templatePath: file('d', 100), region: 'us-east-1' },
      { templatePath: file('e', 100), region: 'eu-west-1' },
    ];

    const batches = lintBatches(targets, 2);

    expect(batches.map((b) => [b.region, b.templates.map((t) => path.basename(t))])).toEqual([
      ['us-east-1', ['a', 'd']],
      ['us-east-1', ['b', 'c']],
      ['eu-west-1', ['e']],
    ]);
  });
});
