import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { EnvironmentContract, EnvironmentProfile } from '../../src';
import { resourcesOf, synthesizeEnvironment } from '../helpers/environment-fixture';

describe('EnvironmentContract', () => {
  test('the environment publishes its contract under /fargate-platform/{environment}/', () => {
    const names = resourcesOf(synthesizeEnvironment(EnvironmentProfile.QA).json, 'AWS::SSM::Parameter').map(([, p]) => p.Properties.Name);

    expect(names).toEqual(expect.arrayContaining([
      '/fargate-platform/qa/vpc-id', '/fargate-platform/qa/private-subnet-ids', '/fargate-platform/qa/cluster-name',
      '/fargate-platform/qa/https-listener-arn', '/fargate-platform/qa/namespace-id', '/fargate-platform/qa/critical-topic-arn',
      '/fargate-platform/qa/secrets-key-arn', '/fargate-platform/qa/kafka-brokers', '/fargate-platform/qa/kafka-security-group-id',
    ]));
  });

  test('a service app in another repository attaches with no AWS access, reading only published parameters', () => {
    // GIVEN an app that knows only the environment's profile
    const stack = new Stack(new App(), 'Consumer', { env: { account: '222222222222', region: 'us-east-1' } });
    const environment = EnvironmentContract.import(stack, 'Environment', EnvironmentProfile.QA);

    // WHEN it uses what the environment offers
    const group = new ec2.SecurityGroup(stack, 'Group', { vpc: environment.vpc });
    group.connections.allowFrom(environment.loadBalancerSecurityGroup, ec2.Port.tcp(8080));
    new elbv2.ApplicationListenerRule(stack, 'Rule', {
      listener: environment.httpsListener, priority: 10,
      conditions: [elbv2.ListenerCondition.pathPatterns(['/orders/*'])],
      action: elbv2.ListenerAction.fixedResponse(200),
    });

    // THEN every value is an SSM parameter resolved at deploy time, and each is one the environment publishes
    const parameters = Template.fromStack(stack).toJSON().Parameters as Record<string, { Type: string; Default: string }>;
    const read = Object.values(parameters).filter((p) => p.Type === 'AWS::SSM::Parameter::Value<String>')
      .map((p) => p.Default).filter((name) => name.startsWith('/fargate-platform/'));
    const published = resourcesOf(synthesizeEnvironment(EnvironmentProfile.QA).json, 'AWS::SSM::Parameter').map(([, p]) => p.Properties.Name);
    expect(read.length).toBeGreaterThan(3);
    expect(read.filter((name) => !published.includes(name))).toEqual([]);
  });

  test('every entry the import can read is published', () => {
    const stack = new Stack(new App(), 'Consumer');
    const environment = EnvironmentContract.import(stack, 'Environment', EnvironmentProfile.PROD);
    // Touch every member so that each parameter reference is created.
    const members = [environment.vpc.vpcId, environment.vpc.vpcCidrBlock, ...environment.vpc.availabilityZones,
      ...environment.vpc.privateSubnets.map((s) => s.subnetId), ...environment.vpc.publicSubnets.map((s) => s.subnetId),
      environment.cluster.clusterName, environment.cluster.clusterArn, environment.httpsListener.listenerArn,
      environment.loadBalancerSecurityGroup.securityGroupId, environment.loadBalancerDnsName, environment.namespace.namespaceId,
      environment.namespace.namespaceArn, environment.criticalTopic.topicArn, environment.warningTopic.topicArn,
      environment.pipelineTopic.topicArn, ...Object.values(environment.keys).map((k) => k.keyArn),
      environment.serviceSecurityGroup.securityGroupId, environment.kafkaSecurityGroup.securityGroupId, `${environment.kafkaPort}`];
    members.forEach((m) => stack.resolve(m));
    new ec2.CfnSecurityGroup(stack, 'Use', { groupDescription: 'x', tags: members.map((m, i) => ({ key: `k${i}`, value: m })) });

    const read = Object.values<any>(Template.fromStack(stack).toJSON().Parameters)
      .filter((p) => p.Type === 'AWS::SSM::Parameter::Value<String>').map((p) => p.Default)
      .filter((name: string) => name.startsWith('/fargate-platform/'));
    const published = resourcesOf(synthesizeEnvironment(EnvironmentProfile.PROD).json, 'AWS::SSM::Parameter').map(([, p]) => p.Properties.Name);
    // The namespace name is published for other consumers; the import derives it ({environment}.internal).
    expect(read.sort()).toEqual(published.filter((n) => n !== '/fargate-platform/prod/namespace-name').sort());
  });
});
