import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { ComplianceGate, EnvironmentContract, EnvironmentProfile, PlatformService } from '../../src';
import { PlatformError } from '../../src/errors';
import { environmentFixture, resourcesOf } from '../helpers/environment-fixture';
import { specOf } from '../helpers/service-spec';
import { publicService, TEST_ENV } from '../service/fixtures';

// Generators: an environment with n load balancers, and n public services with distinct paths (their specs for develop
// in the environment fixture's account and Region, which has two load balancers).
const twoLoadBalancers = (app = new App()) => environmentFixture(EnvironmentProfile.DEVELOP, { loadBalancers: 2 }, app);
const publicSpecs = (count: number, loadBalancer: number) => Array.from({ length: count }, (_, i) => specOf(publicService({
  name: `svc-${loadBalancer}-${i}`, route: { pathPattern: `/svc-${loadBalancer}-${i}/*`, priority: 100 + i, loadBalancer },
}), EnvironmentProfile.DEVELOP, { account: '111111111111', region: 'us-east-1', loadBalancers: 2 }));

describe('PlatformEnvironment with more than one load balancer', () => {
  test('by default there is one load balancer, with the construct ids it always had', () => {
    const { environment, stack } = environmentFixture(EnvironmentProfile.DEVELOP);

    expect(environment.ingress.loadBalancers).toHaveLength(1);
    expect(environment.ingress.loadBalancer.node.path).toBe('develop-environment/Environment/Ingress/LoadBalancer');
    expect(environment.httpsListenerOf(0)).toBe(environment.httpsListener);
    Template.fromStack(stack).resourceCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', 1);
  });

  test('each load balancer has its HTTPS listener, the web ACL and the shared security group, and is published', () => {
    const { environment, stack } = twoLoadBalancers();
    const json = Template.fromStack(stack).toJSON();

    const balancers = resourcesOf(json, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
    expect(balancers).toHaveLength(2);
    const groups = balancers.map(([, b]) => JSON.stringify(b.Properties.SecurityGroups));
    expect(new Set(groups).size).toBe(1);
    expect(resourcesOf(json, 'AWS::ElasticLoadBalancingV2::Listener').map(([, l]) => l.Properties.Port)).toEqual([443, 443]);
    expect(resourcesOf(json, 'AWS::WAFv2::WebACLAssociation')).toHaveLength(2);
    expect(resourcesOf(json, 'AWS::SSM::Parameter').map(([, p]) => p.Properties.Name)).toEqual(expect.arrayContaining([
      '/fargate-platform/develop/https-listener-arn', '/fargate-platform/develop/https-listener-arn-1',
      '/fargate-platform/develop/load-balancer-dns-name', '/fargate-platform/develop/load-balancer-dns-name-1',
    ]));
    expect(environment.httpsListenerOf(1)).toBe(environment.ingress.httpsListeners[1]);
  });

  test('the load balancers\' security group keeps one ingress and one egress rule, however many services join', () => {
    // GIVEN services attached to the environment itself (its groups are mutable here, unlike through the contract)
    const { environment, stack } = twoLoadBalancers();
    [...publicSpecs(6, 0), ...publicSpecs(6, 1)].forEach((spec) => new PlatformService(stack, spec.name, { environment, spec }));

    // THEN no rule was added to the load balancers' group or to the endpoints' group
    const json = Template.fromStack(stack).toJSON();
    const id = (construct: { node: { defaultChild?: unknown } }) => stack.resolve((construct.node.defaultChild as any).logicalId);
    const group = json.Resources[id(environment.ingress.securityGroup)].Properties;
    expect(group.SecurityGroupIngress).toHaveLength(1);
    expect(group.SecurityGroupEgress).toHaveLength(1);
    const endpoints = json.Resources[id(environment.endpointSecurityGroup as any)].Properties;
    expect(endpoints.SecurityGroupIngress).toEqual([expect.objectContaining({ CidrIp: EnvironmentProfile.DEVELOP.vpcCidr, FromPort: 443 })]);
    const separate = [...resourcesOf(json, 'AWS::EC2::SecurityGroupIngress'), ...resourcesOf(json, 'AWS::EC2::SecurityGroupEgress')]
      .map(([, r]) => r.Properties.GroupId['Fn::GetAtt'][0]);
    expect(separate.filter((g) => g === id(environment.ingress.securityGroup) || g === id(environment.endpointSecurityGroup as any))).toEqual([]);
    // AND each service's rule sits on its own load balancer's listener
    const listeners = resourcesOf(json, 'AWS::ElasticLoadBalancingV2::ListenerRule').map(([, r]) => JSON.stringify(r.Properties.ListenerArn));
    expect(new Set(listeners).size).toBe(2);
  });

  test('passes every gate with zero open findings and no unused acknowledgment', () => {
    const { app } = twoLoadBalancers();
    const report = ComplianceGate.check(app);

    expect(report.openFindings.map((f) => `${f.ruleId} ${f.resourcePath}`)).toEqual([]);
    expect(report.unusedAcknowledgments).toEqual([]);
  });

  test('a service on load balancer 1 attaches, through the contract, to the listener the environment publishes as https-listener-arn-1', () => {
    const stack = new Stack(new App(), 'orders-develop-runtime', { env: TEST_ENV });
    const environment = EnvironmentContract.import(stack, 'Env', EnvironmentProfile.DEVELOP);
    const spec = specOf(publicService({ route: { pathPattern: '/orders/*', priority: 100, loadBalancer: 1 } }), EnvironmentProfile.DEVELOP, { loadBalancers: 2 });
    new PlatformService(stack, 'Service', { environment, spec });

    const json = Template.fromStack(stack).toJSON();
    const [[, rule]] = resourcesOf(json, 'AWS::ElasticLoadBalancingV2::ListenerRule');
    expect(json.Parameters[rule.Properties.ListenerArn.Ref].Default).toBe('/fargate-platform/develop/https-listener-arn-1');
    // The alarms' LoadBalancer dimension is read from the same listener.
    expect(JSON.stringify(resourcesOf(json, 'AWS::CloudWatch::Alarm'))).toContain(rule.Properties.ListenerArn.Ref);
  });

  test('an environment refuses a load balancer it does not have, and a count it may not create', () => {
    const { environment } = twoLoadBalancers();
    expect(() => environment.httpsListenerOf(2))
      .toThrow(/loadBalancer must be an integer from 0 to 1 \(this environment has 2 load balancers\); got 2/);
    expect(() => environmentFixture(EnvironmentProfile.DEVELOP, { loadBalancers: 41 }))
      .toThrow(PlatformError);
    expect(() => environmentFixture(EnvironmentProfile.DEVELOP, { loadBalancers: 0 }))
      .toThrow(/loadBalancers must be an integer from 1 to 40 \(80 % of the 50 Application Load Balancers a region allows\); got 0/);
  });
});

describe('the listener rule and target group quotas of each load balancer', () => {
  const addRules = (count: number, targetGroupsPerRule: number, context: Record<string, unknown> = {}) => {
    const app = new App({ context });
    const { environment, stack } = environmentFixture(EnvironmentProfile.DEVELOP, {}, app);
    for (let i = 0; i < count; i++) {
      const targetGroups = Array.from({ length: targetGroupsPerRule }, (_, j) =>
        new elbv2.ApplicationTargetGroup(stack, `Group${i}-${j}`, { vpc: environment.vpc, port: 8080, protocol: elbv2.ApplicationProtocol.HTTP }));
      new elbv2.ApplicationListenerRule(stack, `Rule${i}`, {
        listener: environment.httpsListener,
        priority: i + 1,
        conditions: [elbv2.ListenerCondition.pathPatterns([`/p${i}/*`])],
        action: targetGroupsPerRule === 1 ? elbv2.ListenerAction.forward(targetGroups)
          : elbv2.ListenerAction.weightedForward(targetGroups.map((targetGroup) => ({ targetGroup, weight: 1 }))),
      });
    }
    return () => app.synth();
  };

  test('100 rules pass; 101 rules fail, naming the load balancer, the count and the quota', () => {
    expect(addRules(100, 1)).not.toThrow();
    expect(addRules(101, 1)).toThrow(/load balancer 0 \(develop-environment\/Environment\/Ingress\/LoadBalancer\) has 101 listener rules; an Application Load Balancer allows 100/);
  });

  test('105 target groups behind 21 rules fail', () => {
    expect(addRules(21, 5)).toThrow(/load balancer 0 .* has 105 target groups; an Application Load Balancer allows 100/);
  });

  test('with the fleet\'s headroom, 81 rules fail', () => {
    expect(addRules(81, 1, { '@fargate-platform/constructs:quotaHeadroom': 0.8 }))
      .toThrow(/has 81 listener rules; beyond 80 % of the 100 an Application Load Balancer allows \(at most 80/);
  });
});
