import { CompliancePack, FindingStatus } from '@fargate-platform/constructs';
import { controlResources, stackReport } from '../src/stacks';

const TEMPLATE = {
  Resources: {
    OperatorRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] } } },
    TaskRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ Principal: { Service: 'ecs-tasks.amazonaws.com' } }] } } },
    Rule: { Type: 'AWS::ElasticLoadBalancingV2::ListenerRule', Properties: {} },
    TargetGroup: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: {} },
  },
  Outputs: { A: {} },
};

describe('the resources that implement each control', () => {
  test('a selector with a text finds only the resources whose properties hold it', () => {
    const found = controlResources(TEMPLATE);

    expect(found['IA-2']).toEqual([{ logicalId: 'OperatorRole', type: 'AWS::IAM::Role', what: 'role people assume only with MFA' }]);
    expect(found['AC-2']).toEqual([
      { logicalId: 'OperatorRole', type: 'AWS::IAM::Role', what: 'one role per purpose, named after it' },
      { logicalId: 'TaskRole', type: 'AWS::IAM::Role', what: 'one role per purpose, named after it' },
    ]);
    expect(found['AU-2']).toBeUndefined();
  });
});

describe('the report of a stack', () => {
  const report = stackReport(
    { app: 'orders', service: 'orders', environment: 'prod', templateFile: '/t.json', complianceReport: '/r.json' },
    {
      stack: 'ordersprodRuntime',
      stackName: 'orders-prod-runtime',
      templateFile: 't.json',
      resources: 4,
      templateBytes: 900,
      findings: [
        {
          stack: 'ordersprodRuntime',
          pack: CompliancePack.AWS_SOLUTIONS,
          ruleId: 'AwsSolutions-IAM5[Resource::*]',
          resourcePath: 'p',
          logicalId: 'TaskRole',
          resourceType: 'AWS::IAM::Role',
          status: FindingStatus.ACKNOWLEDGED,
          reason: 'a reason long enough',
          description: 'wildcards',
        },
        {
          stack: 'ordersprodRuntime',
          pack: CompliancePack.CONTROL_TOWER,
          ruleId: 'ControlTower-CT.IAM.PR.1',
          resourcePath: '',
          logicalId: 'TaskRole',
          resourceType: 'AWS::IAM::Role',
          status: FindingStatus.OPEN,
          description: 'admin access',
        },
      ],
    },
    TEMPLATE, 900, {},
  );

  test('counts resources by type, load balancer rules and target groups, and each quota', () => {
    expect(report.resources).toEqual({
      OperatorRole: 'AWS::IAM::Role',
      TaskRole: 'AWS::IAM::Role',
      Rule: 'AWS::ElasticLoadBalancingV2::ListenerRule',
      TargetGroup: 'AWS::ElasticLoadBalancingV2::TargetGroup',
    });
    expect([report.listenerRules, report.targetGroups]).toEqual([1, 1]);
    expect(report.quotas.map((q) => `${q.quota} ${q.used}/${q.max}`)).toEqual(['resources 4/500', 'template bytes 900/1000000', 'outputs 1/200', 'parameters 0/200', 'mappings 0/200']);
  });

  test('keeps the reason of an acknowledged finding and the description of an open one', () => {
    expect(report.findings).toEqual([
      { pack: 'AwsSolutions', rule: 'AwsSolutions-IAM5[Resource::*]', logicalId: 'TaskRole', resourcePath: 'p', type: 'AWS::IAM::Role', status: 'acknowledged', reason: 'a reason long enough' },
      { pack: 'ControlTower', rule: 'ControlTower-CT.IAM.PR.1', logicalId: 'TaskRole', resourcePath: '', type: 'AWS::IAM::Role', status: 'open', description: 'admin access' },
    ]);
  });
});
