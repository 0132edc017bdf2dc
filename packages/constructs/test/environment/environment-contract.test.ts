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
      listener: environment.httpsListener,
      priority: 10,
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

  test('every entry the import can read is published; what services never read stays out of their stacks', () => {
    const stack = new Stack(new App(), 'Consumer');
    const environment = EnvironmentContract.import(stack, 'Environment', EnvironmentProfile.PROD);
    // Touch every member so that each parameter reference is created.
    const members = [environment.vpc.vpcId, ...environment.vpc.privateSubnets.map((s) => s.subnetId),
      environment.cluster.clusterName, environment.cluster.clusterArn, environment.httpsListener.listenerArn,
      environment.loadBalancerSecurityGroup.securityGroupId, environment.loadBalancerDnsName, environment.namespace.namespaceId,
      environment.namespace.namespaceArn, environment.criticalTopic.topicArn, environment.warningTopic.topicArn,
      environment.pipelineTopic.topicArn, ...Object.values(environment.keys).map((k) => k.keyArn),
      environment.endpointSecurityGroup.securityGroupId, environment.s3PrefixListId, environment.accessLogsBucket.bucketName, environment.kafkaSecurityGroup.securityGroupId, `${environment.kafkaPort}`,
      environment.kafkaBrokersParameter.parameterArn];
    members.forEach((m) => stack.resolve(m));
    new ec2.CfnSecurityGroup(stack, 'Use', { groupDescription: 'x', tags: members.map((m, i) => ({ key: `k${i}`, value: m })) });

    const template = Template.fromStack(stack).toJSON();
    const read = Object.values<any>(template.Parameters)
      .filter((p) => p.Type === 'AWS::SSM::Parameter::Value<String>').map((p) => p.Default)
      .filter((name: string) => name.startsWith('/fargate-platform/'));
    const published = resourcesOf(synthesizeEnvironment(EnvironmentProfile.PROD).json, 'AWS::SSM::Parameter').map(([, p]) => p.Properties.Name);
    expect(read.filter((name: string) => !published.includes(name))).toEqual([]);
    // The logs key and the log bucket are read by dynamic reference (guard rules see through it), the broker list by name
    // (containers read it); the legacy service group is kept for services of the previous release; the others are
    // published for other consumers and follow from what is read (ARNs from names and ids).
    expect(published.filter((name) => !read.includes(name)).sort()).toEqual([
      'access-logs-bucket-name', 'availability-zones', 'cluster-arn', 'kafka-brokers', 'logs-key-arn', 'namespace-arn', 'namespace-name',
      'public-subnet-ids', 'service-security-group-id', 'vpc-cidr',
    ].map((entry) => `/fargate-platform/prod/${entry}`));
    expect(JSON.stringify(template)).toContain('{{resolve:ssm:/fargate-platform/prod/logs-key-arn}}');
    expect(JSON.stringify(template)).toContain('{{resolve:ssm:/fargate-platform/prod/access-logs-bucket-name}}');
  });

  test('a stack imports only the contract values it uses', () => {
    // GIVEN a stack that names the cluster and nothing else
    const stack = new Stack(new App(), 'Consumer');
    const environment = EnvironmentContract.import(stack, 'Environment', EnvironmentProfile.DEVELOP);
    new ec2.CfnSecurityGroup(stack, 'Use', { groupDescription: environment.cluster.clusterName });

    // THEN the cluster's name is its only parameter: not the VPC the imported cluster carries, nor any other entry
    const parameters = Object.values<any>(Template.fromStack(stack).toJSON().Parameters).map((p) => p.Default);
    expect(parameters.filter((name) => String(name).startsWith('/fargate-platform/'))).toEqual(['/fargate-platform/develop/cluster-name']);
  });

  test('the availability zones stay out of service stacks: a construct that reads one gets a clear error', () => {
    const app = new App();
    const stack = new Stack(app, 'Consumer');
    const environment = EnvironmentContract.import(stack, 'Environment', EnvironmentProfile.DEVELOP);
    new ec2.CfnSecurityGroup(stack, 'Use', { groupDescription: environment.vpc.privateSubnets[0].availabilityZone });

    expect(() => app.synth()).toThrow(/availability zones of an imported environment are not part of the service stacks' contract; read them from the environment's \/fargate-platform\/develop\/availability-zones parameter/);
  });
});
