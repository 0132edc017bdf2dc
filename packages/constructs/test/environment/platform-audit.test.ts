import { CfnResource } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Compliance, EnvironmentProfile } from '../../src';
import { environmentFixture, resourcesOf, synthesizeEnvironment } from '../helpers/environment-fixture';
import { actionsOf, managedStatementsOf, roleIdNamed, Statement } from '../helpers/policies';

// Generators: the prod and develop environments (account 111111111111, us-east-1), synthesized once.
const prod = () => synthesizeEnvironment(EnvironmentProfile.PROD).json;
const develop = () => synthesizeEnvironment(EnvironmentProfile.DEVELOP).json;

/** The bucket policy statements of a bucket (by logical id). */
function bucketPolicyOf(json: any, bucketId: string): Statement[] {
  return resourcesOf(json, 'AWS::S3::BucketPolicy')
    .filter(([, p]) => p.Properties.Bucket.Ref === bucketId)
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
}

/** The trust policy statements of a role (by logical id). */
function trustOf(json: any, roleId: string): Statement[] {
  return json.Resources[roleId].Properties.AssumeRolePolicyDocument.Statement;
}

/** The logical id of the role an AWS service principal assumes for one purpose (found through the resource that passes it). */
function roleIdOf(json: any, type: string, property: string): string {
  const [[, resource]] = resourcesOf(json, type);
  return resource.Properties[property]['Fn::GetAtt'][0];
}

describe('PlatformAudit', () => {
  describe('the audit bucket holds the trail and the Config history, with retention and a deny-delete policy', () => {
    test.each([['prod', 'COMPLIANCE', 731, prod], ['develop', 'GOVERNANCE', 365, develop]])(
      '%s: Config delivers into the bucket with Object Lock retention (%s, %i days)', (_env, mode, days, json) => {
        const t = json();
        const [[, channel]] = resourcesOf(t, 'AWS::Config::DeliveryChannel');
        const bucketId = channel.Properties.S3BucketName.Ref;
        expect(t.Resources[bucketId].Properties.ObjectLockConfiguration).toEqual({
          ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: mode, Days: days } },
        });
        const deny = bucketPolicyOf(t, bucketId).find((s) => s.Sid === 'DenyAuditLogDeletion')!;
        expect(deny.Effect).toBe('Deny');
        expect(actionsOf(deny)).toEqual(expect.arrayContaining(['s3:DeleteObject', 's3:DeleteObjectVersion']));
        // The trail writes into the same bucket.
        const [[, trail]] = resourcesOf(t, 'AWS::CloudTrail::Trail');
        expect(trail.Properties.S3BucketName).toEqual({ Ref: bucketId });
      });

    test('governance retention (outside prod) cannot be bypassed or shortened while the policy stands', () => {
      const t = develop();
      const [[, channel]] = resourcesOf(t, 'AWS::Config::DeliveryChannel');
      const deny = bucketPolicyOf(t, channel.Properties.S3BucketName.Ref).find((s) => s.Sid === 'DenyAuditLogDeletion')!;
      expect(actionsOf(deny)).toEqual(expect.arrayContaining(['s3:BypassGovernanceRetention', 's3:PutObjectRetention']));
    });

    test('CloudTrail may write only for this environment\'s trail (aws:SourceArn)', () => {
      const t = prod();
      const [[, trail]] = resourcesOf(t, 'AWS::CloudTrail::Trail');
      const statements = bucketPolicyOf(t, trail.Properties.S3BucketName.Ref)
        .filter((s) => JSON.stringify(s.Principal ?? {}).includes('cloudtrail.amazonaws.com'));
      expect(statements.map((s) => actionsOf(s)).flat().sort()).toEqual(['s3:GetBucketAcl', 's3:PutObject']);
      for (const s of statements) {
        expect(JSON.stringify(s.Condition?.StringEquals?.['aws:SourceArn'])).toContain(':trail/prod-audit');
      }
    });
  });

  describe('S3 data events', () => {
    test('the trail records object-level access to the access-log bucket, as that bucket\'s acknowledgment says', () => {
      const { environment, stack } = environmentFixture(EnvironmentProfile.PROD);
      const t = Template.fromStack(stack).toJSON();
      const accessLogs = environment.node.findChild('AccessLogs').node.defaultChild as CfnResource;
      const accessLogsId = stack.resolve(accessLogs.logicalId);
      const [[, trail]] = resourcesOf(t, 'AWS::CloudTrail::Trail');
      const dataResources = (trail.Properties.EventSelectors ?? []).flatMap((s: any) => s.DataResources ?? []);
      expect(dataResources).toEqual([{
        Type: 'AWS::S3::Object',
        Values: [{ 'Fn::Join': ['', [{ 'Fn::GetAtt': [accessLogsId, 'Arn'] }, '/']] }],
      }]);
      const reason = Compliance.acknowledgmentsOf(accessLogs).find((a) => a.ruleId === 'ControlTower-CT.S3.PR.2')!.reason;
      expect(reason).toMatch(/data events/);
      expect(reason).toContain('prod-audit');
    });

    test('management events are still recorded, read and write', () => {
      const [[, trail]] = resourcesOf(prod(), 'AWS::CloudTrail::Trail');
      expect(trail.Properties.EventSelectors).toEqual(expect.arrayContaining([{ IncludeManagementEvents: true, ReadWriteType: 'All' }]));
    });

    test('without the account audit, no acknowledgment claims that CloudTrail records access to the bucket', () => {
      const { environment } = environmentFixture(EnvironmentProfile.TEST, { accountAudit: false });
      const accessLogs = environment.node.findChild('AccessLogs').node.defaultChild as CfnResource;
      const reason = Compliance.acknowledgmentsOf(accessLogs).find((a) => a.ruleId === 'ControlTower-CT.S3.PR.2')!.reason;
      expect(reason).toMatch(/not recorded/);
      expect(reason).not.toMatch(/recorded by|CloudTrail/);
    });
  });

  test('no replication acknowledgment claims a copy that nothing in code makes', () => {
    const { stack } = environmentFixture(EnvironmentProfile.PROD);
    const reasons = stack.node.findAll().filter(CfnResource.isCfnResource)
      .flatMap((r) => Compliance.acknowledgmentsOf(r)).filter((a) => a.ruleId.endsWith('S3BucketReplicationEnabled')).map((a) => a.reason);
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) {
      expect(reason).not.toMatch(/is set up per the handbook/);
      expect(reason).toMatch(/no (replica|copy)/i);
    }
  });

  describe('roles that AWS services assume are bound to this account and resource (confused deputy)', () => {
    test.each([
      ['Config', 'AWS::Config::ConfigurationRecorder', 'RoleARN', 'config.amazonaws.com', undefined],
      ['CloudTrail to CloudWatch Logs', 'AWS::CloudTrail::Trail', 'CloudWatchLogsRoleArn', 'cloudtrail.amazonaws.com', ':trail/prod-audit'],
      ['VPC flow logs', 'AWS::EC2::FlowLog', 'DeliverLogsPermissionArn', 'vpc-flow-logs.amazonaws.com', ':vpc-flow-log/*'],
    ])('%s', (_name, type, property, service, sourceArn) => {
      const t = prod();
      const [statement] = trustOf(t, roleIdOf(t, type, property));
      expect(statement.Principal).toEqual({ Service: service });
      expect(statement.Condition?.StringEquals?.['aws:SourceAccount']).toBeDefined();
      if (sourceArn) {
        const arn = statement.Condition?.ArnLike?.['aws:SourceArn'] ?? statement.Condition?.StringEquals?.['aws:SourceArn'];
        expect(JSON.stringify(arn)).toContain(sourceArn);
      }
    });
  });

  test('every role\'s permissions are managed policies written here: no inline policy in the environment stack', () => {
    expect(resourcesOf(prod(), 'AWS::IAM::Policy').map(([id]) => id)).toEqual([]);
  });

  describe('the operator role (finding 6)', () => {
    const operatorStatements = (json: any) => managedStatementsOf(json, roleIdNamed(json, 'prod-operator')!);

    test('may update, read and (outside prod) stop only the services and tasks of its cluster', () => {
      for (const [json, actions] of [[prod(), ['ecs:UpdateService', 'ecs:DescribeServices', 'ecs:ListTasks']], [develop(), ['ecs:StopTask']]] as const) {
        const statements = managedStatementsOf(json, roleIdNamed(json, `${json === prod() ? 'prod' : 'develop'}-operator`)!);
        for (const action of actions) {
          const allowing = statements.filter((s) => s.Effect === 'Allow' && actionsOf(s).includes(action));
          expect(allowing).toHaveLength(1);
          expect(JSON.stringify(allowing[0].Condition?.ArnEquals?.['ecs:cluster'])).toMatch(/:cluster\/(prod|develop)-cluster"/);
        }
      }
    });

    test.each([
      ['a task definition', 'Null', 'ecs:task-definition', 'false'],
      ['a network configuration (subnets, security groups, public IP)', 'Null', 'ecs:subnet', 'false'],
      ['ECS Exec', 'Bool', 'ecs:enable-execute-command', 'true'],
      ['Service Connect', 'Bool', 'ecs:enable-service-connect', 'true'],
      ['VPC Lattice', 'Bool', 'ecs:enable-vpc-lattice', 'true'],
    ])('is denied UpdateService with %s', (_what, operator, key, value) => {
      const denies = operatorStatements(prod())
        .filter((s) => s.Effect === 'Deny' && actionsOf(s).includes('ecs:UpdateService') && s.Condition?.[operator]?.[key] === value);
      expect(denies).toHaveLength(1);
      expect(denies[0].Resource).toBe('*');
    });

    test('is denied what would change what runs: registering task definitions, passing roles, creating or running tasks', () => {
      const denied = operatorStatements(prod()).filter((s) => s.Effect === 'Deny' && !s.Condition).flatMap(actionsOf);
      expect(denied).toEqual(expect.arrayContaining([
        'iam:PassRole', 'ecs:RegisterTaskDefinition', 'ecs:CreateService', 'ecs:DeleteService', 'ecs:RunTask', 'ecs:StartTask', 'ecs:ExecuteCommand',
      ]));
    });
  });
});
