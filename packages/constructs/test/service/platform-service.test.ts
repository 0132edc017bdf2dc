import { ServiceNames, ServiceRuntime } from '@fargate-platform/service-model';
import { App, Stack } from 'aws-cdk-lib';
import { Capture, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { internalService, ordersSecretArn, publicService, runtimeStack, TEST_ENV } from './fixtures';
import { Compliance, EnvironmentContract, EnvironmentProfile, IPlatformEnvironment, PlatformService } from '../../src';
import { ServiceFields, sharedSecretArn, specOf } from '../helpers/service-spec';

/** The orders service's own secret in develop, where runtimeStack puts a service unless told otherwise. */
const SECRET_ARN = ordersSecretArn(EnvironmentProfile.DEVELOP);

/** The container definition of the only task definition of a template. */
function container(template: Template): any {
  return Object.values(template.findResources('AWS::ECS::TaskDefinition'))[0].Properties.ContainerDefinitions[0];
}

describe('PlatformService', () => {
  describe('task definition', () => {
    test('is a Fargate awsvpc task of the spec\'s size, in the family {service}-{environment}', () => {
      // WHEN
      const { template } = runtimeStack(publicService({ cpu: 1024, memoryLimitMiB: 3072 }), EnvironmentProfile.QA);

      // THEN
      template.hasResourceProperties('AWS::ECS::TaskDefinition', {
        Family: 'orders-qa',
        NetworkMode: 'awsvpc',
        RequiresCompatibilities: ['FARGATE'],
        Cpu: '1024',
        Memory: '3072',
      });
      expect(container(template)).toEqual(expect.objectContaining({ Name: 'orders', Memory: 3072, Essential: true }));
    });

    test('runs the image tag the pipeline wrote, read at deploy time from the image-tag parameter', () => {
      // WHEN
      const { template } = runtimeStack(publicService(), EnvironmentProfile.PROD);

      // THEN the image is {repository}:{tag parameter}, and the parameter is the one ServiceRepository creates
      expect(container(template).Image['Fn::Join'][1]).toEqual([
        '111111111111.dkr.ecr.eu-west-1.', { Ref: 'AWS::URLSuffix' }, '/prod/orders:', { Ref: expect.stringMatching(/imagetag/) },
      ]);
      const parameters = template.toJSON().Parameters;
      expect(Object.values(parameters)).toContainEqual({
        Type: 'AWS::SSM::Parameter::Value<String>',
        Default: '/fargate-platform/prod/services/orders/image-tag',
      });
    });

    test('keeps a key of its own stack as a reference to it; only an imported key becomes a dynamic reference', () => {
      // GIVEN an environment whose logs key lives in the service's stack
      const stack = new Stack(new App(), 'Runtime', { env: TEST_ENV });
      const imported = EnvironmentContract.import(stack, 'Env', EnvironmentProfile.DEVELOP);
      const logs = new kms.Key(stack, 'LogsKey');
      const environment: IPlatformEnvironment = { ...imported, keys: { ...imported.keys, logs } };

      // WHEN
      new PlatformService(stack, 'Service', { environment, spec: specOf(publicService()) });

      // THEN
      Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', {
        KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^LogsKey'), 'Arn'] },
      });
    });

    test('runs as a non-root user on a read-only root filesystem with a writable /tmp', () => {
      const { template } = runtimeStack(publicService());

      expect(container(template)).toEqual(expect.objectContaining({
        User: '1000:1000',
        ReadonlyRootFilesystem: true,
        Privileged: false,
        MountPoints: [{ ContainerPath: '/tmp', ReadOnly: false, SourceVolume: 'writable-0' }],
      }));
      template.hasResourceProperties('AWS::ECS::TaskDefinition', { Volumes: [{ Name: 'writable-0' }] });
    });

    test.each([
      [ServiceRuntime.NODEJS, /^node -e ".*http:\/\/localhost:3000\/ready.*"$/],
      [ServiceRuntime.PYTHON, /^python -c "import urllib.request; urllib.request.urlopen\('http:\/\/localhost:3000\/ready', timeout=4\)"$/],
    ])('probes the health check path with the %s runtime every 30 s', (runtime, command) => {
      const { template } = runtimeStack(publicService({ runtime, healthCheckPath: '/ready' }));

      expect(container(template).HealthCheck).toEqual({
        Command: ['CMD-SHELL', expect.stringMatching(command)], Interval: 30, Timeout: 5, Retries: 3, StartPeriod: 60,
      });
    });

    test('logs to /ecs/{environment}/{service}, retained per profile and encrypted with the logs key', () => {
      // WHEN
      const { template } = runtimeStack(publicService(), EnvironmentProfile.PROD);

      // THEN
      template.hasResourceProperties('AWS::Logs::LogGroup', {
        LogGroupName: '/ecs/prod/orders',
        RetentionInDays: 731,
        KmsKeyId: '{{resolve:ssm:/fargate-platform/prod/logs-key-arn}}',
      });
      expect(container(template).LogConfiguration).toEqual({
        LogDriver: 'awslogs',
        Options: { 'awslogs-group': { Ref: expect.stringMatching(/^ServiceLogGroup/) }, 'awslogs-stream-prefix': 'ecs', 'awslogs-region': 'eu-west-1' },
      });
    });
  });

  describe('configuration and secrets', () => {
    test('reach the container only through secrets: runtime defaults and config as SSM parameters, KAFKA_BROKERS from the environment', () => {
      // WHEN
      const { template } = runtimeStack(internalService({ config: { LOG_LEVEL: 'debug', PYTHONUNBUFFERED: '0' } }), EnvironmentProfile.TEST);

      // THEN no plain environment variable
      expect(container(template).Environment).toBeUndefined();
      // AND each configuration variable is a parameter (config overriding the runtime default of the same name)
      const values = Object.values(template.findResources('AWS::SSM::Parameter')).map((p) => [p.Properties.Name, p.Properties.Value])
        .filter(([name]) => name.includes('/config/'));
      expect(values).toEqual([
        ['/fargate-platform/test/services/billing/config/LOG_LEVEL', 'debug'],
        ['/fargate-platform/test/services/billing/config/PYTHONDONTWRITEBYTECODE', '1'],
        ['/fargate-platform/test/services/billing/config/PYTHONUNBUFFERED', '0'],
      ]);
      expect(container(template).Secrets.map((s: any) => s.Name)).toEqual(
        ['LOG_LEVEL', 'PYTHONDONTWRITEBYTECODE', 'PYTHONUNBUFFERED', 'KAFKA_BROKERS']);
      expect(JSON.stringify(container(template).Secrets[3].ValueFrom)).toContain(':parameter/fargate-platform/test/kafka-brokers');
    });

    test('inject Secrets Manager secrets by ARN, keeping the JSON key and version', () => {
      // WHEN
      const { template } = runtimeStack(publicService({
        secrets: {
          DB_PASSWORD: `${SECRET_ARN}:password::`,
          API_KEY: `${SECRET_ARN}:api-key:AWSPREVIOUS:`,
          TOKEN: SECRET_ARN,
        },
      }));

      // THEN
      const secrets = container(template).Secrets.filter((s: any) => typeof s.ValueFrom === 'string');
      expect(secrets).toEqual([
        { Name: 'API_KEY', ValueFrom: `${SECRET_ARN}:api-key:AWSPREVIOUS:` },
        { Name: 'DB_PASSWORD', ValueFrom: `${SECRET_ARN}:password::` },
        { Name: 'TOKEN', ValueFrom: SECRET_ARN },
      ]);
    });

    test('inject the environment\'s shared secrets the service declares, like its own', () => {
      // WHEN
      const shared = sharedSecretArn('develop', 'kafka-credentials');
      const { template } = runtimeStack(publicService({ secrets: { DB_PASSWORD: SECRET_ARN }, sharedSecrets: { KAFKA_PASSWORD: `${shared}:password::` } }));

      // THEN both reach the container by ARN
      const secrets = container(template).Secrets.filter((s: any) => typeof s.ValueFrom === 'string');
      expect(secrets).toEqual([
        { Name: 'DB_PASSWORD', ValueFrom: SECRET_ARN },
        { Name: 'KAFKA_PASSWORD', ValueFrom: `${shared}:password::` },
      ]);
      // AND the task role may read exactly those two secrets
      template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
        Roles: [{ Ref: Match.stringLikeRegexp('^ServiceTaskRole') }],
        PolicyDocument: {
          Statement: Match.arrayWith([{ Action: 'secretsmanager:GetSecretValue', Effect: 'Allow', Resource: [SECRET_ARN, shared] }]),
        },
      });
    });
  });

  describe('roles', () => {
    test('the execution role is {service}-{environment}-execution and may do exactly what starting the task needs', () => {
      // WHEN
      const prodSecret = ordersSecretArn(EnvironmentProfile.PROD);
      const { template } = runtimeStack(publicService({ secrets: { DB_PASSWORD: `${prodSecret}:password::` } }), EnvironmentProfile.PROD);

      // THEN
      template.hasResourceProperties('AWS::IAM::Role', { RoleName: 'orders-prod-execution' });
      const statements = new Capture();
      template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
        Description: 'Task execution permissions of orders in prod',
        PolicyDocument: { Statement: statements },
      });
      expect(statements.asArray().map((s: any) => [s.Sid, s.Action])).toEqual([
        ['PullTheServiceImage', ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage']],
        ['WriteTheServiceLogs', ['logs:CreateLogStream', 'logs:PutLogEvents']],
        ['ReadTheServiceParameters', 'ssm:GetParameters'],
        ['ReadTheServiceSecrets', 'secretsmanager:GetSecretValue'],
        ['DecryptTheServiceSecrets', 'kms:Decrypt'],
      ]);
      expect(statements.asArray()[0].Resource).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ecr:eu-west-1:111111111111:repository/prod/orders']] });
      expect(statements.asArray()[3].Resource).toEqual(prodSecret);
      // AND no inline policy was generated for it (CDK's automatic grants are refused)
      template.resourceCountIs('AWS::IAM::Policy', 0);
    });

    test('ecr:GetAuthorizationToken sits alone in its own policy, whose IAM5 finding is acknowledged with the reason', () => {
      // WHEN
      const { service } = runtimeStack(publicService());

      // THEN
      const policy = Compliance.resourceOf(service.node.findChild('RegistryLoginPolicy'));
      expect(Stack.of(service).resolve((policy as any).policyDocument).Statement).toEqual([
        { Action: 'ecr:GetAuthorizationToken', Effect: 'Allow', Resource: '*' },
      ]);
      expect(Compliance.acknowledgmentsOf(policy)).toEqual([
        { ruleId: 'AwsSolutions-IAM5[Resource::*]', reason: expect.stringMatching(/supports no resource-level permissions/) },
      ]);
    });

    test('the task role is {service}-{environment}-task, a name the pipeline may pass before the role exists', () => {
      const { template } = runtimeStack(internalService(), EnvironmentProfile.QA);

      template.hasResourceProperties('AWS::IAM::Role', {
        RoleName: 'billing-qa-task',
        AssumeRolePolicyDocument: {
          Statement: [Match.objectLike({
            Principal: { Service: 'ecs-tasks.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' }, ArnLike: { 'aws:SourceArn': Match.anyValue() } },
          })],
        },
      });
      expect(ServiceNames.of('billing', 'qa').taskRoleName).toBe('billing-qa-task');
    });

    test('the task role may read exactly the service\'s secrets, and nothing at all without secrets', () => {
      // WHEN
      const withSecrets = runtimeStack(publicService({ secrets: { A: SECRET_ARN, B: `${SECRET_ARN}:key::` } })).template;
      const without = runtimeStack(publicService()).template;

      // THEN
      withSecrets.hasResourceProperties('AWS::IAM::ManagedPolicy', {
        Roles: [{ Ref: Match.stringLikeRegexp('^ServiceTaskRole') }],
        PolicyDocument: {
          Statement: [
            { Action: 'secretsmanager:GetSecretValue', Effect: 'Allow', Resource: SECRET_ARN },
            Match.objectLike({ Action: 'kms:Decrypt', Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } } }),
          ],
        },
      });
      expect(Object.values(without.findResources('AWS::IAM::ManagedPolicy'))
        .filter((p) => JSON.stringify(p.Properties.Roles).includes('TaskRole'))).toEqual([]);
    });
  });

  describe('service', () => {
    test('runs in private subnets without public IP, with its own security group and the callers group of each service it calls', () => {
      const { template } = runtimeStack(internalService({ calls: ['ledger', 'rates'] }));

      const network = new Capture();
      template.hasResourceProperties('AWS::ECS::Service', { ServiceName: 'billing', NetworkConfiguration: { AwsvpcConfiguration: network } });
      expect(network.asObject().AssignPublicIp).toBe('DISABLED');
      expect(JSON.stringify(network.asObject().Subnets)).toMatch(/privatesubnetids/);
      expect(JSON.stringify(network.asObject().Subnets)).not.toMatch(/publicsubnetids/);
      expect(network.asObject().SecurityGroups).toEqual([
        { 'Fn::GetAtt': [expect.stringMatching(/^ServiceSecurityGroup/), 'GroupId'] },
        { Ref: expect.stringMatching(/servicesledgercallerssecuritygroupid/) },
        { Ref: expect.stringMatching(/servicesratescallerssecuritygroupid/) },
      ]);
      const parameters = Object.values<any>(template.toJSON().Parameters).map((p) => p.Default);
      expect(parameters).toEqual(expect.arrayContaining([
        '/fargate-platform/develop/services/ledger/callers-security-group-id',
        '/fargate-platform/develop/services/rates/callers-security-group-id',
      ]));
    });

    test('reach nothing outside the VPC but S3\'s addresses: the endpoints, S3 and Kafka only', () => {
      for (const fields of [publicService(), internalService()]) {
        const { template } = runtimeStack(fields);
        const egress = [
          ...Object.values(template.findResources('AWS::EC2::SecurityGroupEgress')).map((r) => r.Properties),
          ...Object.values(template.findResources('AWS::EC2::SecurityGroup')).flatMap((r) => r.Properties.SecurityGroupEgress ?? []),
        ].filter((e) => e.GroupId === undefined || e.GroupId['Fn::GetAtt'][0].startsWith('ServiceSecurityGroup'))
          .filter((e) => e.CidrIp !== '255.255.255.255/32');
        const destination = (e: any) => JSON.stringify(e.DestinationSecurityGroupId ?? e.DestinationPrefixListId ?? e.CidrIp);
        expect(egress.map(destination).sort()).toEqual([
          expect.stringMatching(/endpointsecuritygroupid/),
          expect.stringMatching(/kafkasecuritygroupid/),
          expect.stringMatching(/s3prefixlistid/),
        ]);
        expect(egress.every((e) => e.CidrIp === undefined)).toBe(true);
      }
    });

    test('an internal service admits only its callers group, whose one rule reaches it on the container port', () => {
      const { template } = runtimeStack(internalService());

      const json = template.toJSON();
      const groups = Object.entries<any>(json.Resources).filter(([, r]) => r.Type === 'AWS::EC2::SecurityGroup').map(([id]) => id);
      const callers = groups.find((id) => id.startsWith('ServiceCallersSecurityGroup'))!;
      const own = groups.find((id) => id.startsWith('ServiceSecurityGroup'))!;
      const ingress = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress')).map((r) => r.Properties);
      expect(ingress).toEqual([expect.objectContaining({
        GroupId: { 'Fn::GetAtt': [own, 'GroupId'] }, SourceSecurityGroupId: { 'Fn::GetAtt': [callers, 'GroupId'] }, FromPort: 8000, ToPort: 8000,
      })]);
      const callerEgress = Object.values(template.findResources('AWS::EC2::SecurityGroupEgress')).map((r) => r.Properties)
        .filter((e) => e.GroupId['Fn::GetAtt'][0] === callers);
      expect(callerEgress).toEqual([expect.objectContaining({ DestinationSecurityGroupId: { 'Fn::GetAtt': [own, 'GroupId'] }, FromPort: 8000, ToPort: 8000 })]);
      template.hasResourceProperties('AWS::SSM::Parameter', {
        Name: '/fargate-platform/develop/services/billing/callers-security-group-id', Value: { 'Fn::GetAtt': [callers, 'GroupId'] },
      });
    });

    test('deploys with 100/200 %, the circuit breaker and the paging alarm rolling back, ECS Exec off', () => {
      const { template } = runtimeStack(publicService(), EnvironmentProfile.PROD);

      template.hasResourceProperties('AWS::ECS::Service', {
        DeploymentConfiguration: {
          MinimumHealthyPercent: 100,
          MaximumPercent: 200,
          DeploymentCircuitBreaker: { Enable: true, Rollback: true },
          Alarms: { AlarmNames: [{ Ref: Match.stringLikeRegexp('^ServiceMonitoringTaskFailuresAlarm') }], Enable: true, Rollback: true },
        },
        EnableExecuteCommand: false,
      });
    });

    test.each([
      ['develop (30% Spot)', EnvironmentProfile.DEVELOP, [{ Base: 1, CapacityProvider: 'FARGATE', Weight: 7 }, { CapacityProvider: 'FARGATE_SPOT', Weight: 3 }]],
      ['prod (no Spot)', EnvironmentProfile.PROD, [{ Base: 1, CapacityProvider: 'FARGATE', Weight: 1 }]],
    ])('places tasks by the Spot share of %s', (_name, profile, strategy) => {
      const { template } = runtimeStack(publicService(), profile);

      template.hasResourceProperties('AWS::ECS::Service', { CapacityProviderStrategy: strategy });
    });

    test('raises the desired count and the scaling minimum to the environment\'s minTasks', () => {
      // WHEN one task is asked for in prod (minTasks 2)
      const { template, service } = runtimeStack(publicService({ desiredCount: 1, maxCapacity: 1 }), EnvironmentProfile.PROD);

      // THEN
      template.hasResourceProperties('AWS::ECS::Service', { DesiredCount: 2 });
      template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 2, MaxCapacity: 2 });
      expect([service.desiredCount, service.minCapacity, service.maxCapacity]).toEqual([2, 2, 2]);
    });

    test('scales on CPU (70%) and memory (75%) between the minimum and the maximum', () => {
      const { template } = runtimeStack(publicService({ desiredCount: 2, minCapacity: 1, maxCapacity: 6 }));

      template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 1, MaxCapacity: 6 });
      template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
        TargetTrackingScalingPolicyConfiguration: Match.objectLike({
          PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' }, TargetValue: 70,
        }),
      });
      template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
        TargetTrackingScalingPolicyConfiguration: Match.objectLike({
          PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageMemoryUtilization' }, TargetValue: 75,
        }),
      });
    });

    test('a public service also tracks 1,000 requests per task per minute on its target group; an internal one has no load balancer to count', () => {
      const { template } = runtimeStack(publicService());

      template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
        TargetTrackingScalingPolicyConfiguration: {
          CustomizedMetricSpecification: {
            Namespace: 'AWS/ApplicationELB',
            MetricName: 'RequestCountPerTarget',
            Dimensions: [{ Name: 'TargetGroup', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ServiceTargetGroup'), 'TargetGroupFullName'] } }],
            Statistic: 'Sum',
          },
          TargetValue: 1000,
          ScaleOutCooldown: 60,
          ScaleInCooldown: 300,
        },
      });
      const policies = (fields: ServiceFields) => Object.keys(runtimeStack(fields).template.findResources('AWS::ApplicationAutoScaling::ScalingPolicy')).length;
      expect([policies(publicService()), policies(internalService())]).toEqual([3, 2]);
    });

    test('uses the repository it is given instead of importing {environment}/{service}', () => {
      // GIVEN
      const stack = new Stack(new App(), 'Runtime', { env: TEST_ENV });
      const environment = EnvironmentContract.import(stack, 'Env', EnvironmentProfile.DEVELOP);
      const repository = ecr.Repository.fromRepositoryName(stack, 'Other', 'shared/orders');

      // WHEN
      const service = new PlatformService(stack, 'Service', { environment, spec: specOf(publicService()), repository });

      // THEN
      expect(service.repository).toBe(repository);
      Template.fromStack(stack).resourceCountIs('AWS::ECR::Repository', 0);
      expect(JSON.stringify(Template.fromStack(stack).toJSON())).toContain('/shared/orders:');
    });
  });

  describe('public services', () => {
    test('get a target group with the design\'s health check, 30 s deregistration and no stickiness', () => {
      const { template } = runtimeStack(publicService({ healthCheckPath: '/status' }));

      template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
        Protocol: 'HTTP',
        TargetType: 'ip',
        Port: 3000,
        HealthCheckPath: '/status',
        HealthCheckIntervalSeconds: 30,
        HealthCheckTimeoutSeconds: 5,
        HealthyThresholdCount: 2,
        UnhealthyThresholdCount: 3,
        TargetGroupAttributes: [
          { Key: 'deregistration_delay.timeout_seconds', Value: '30' },
          { Key: 'stickiness.enabled', Value: 'false' },
        ],
      });
      template.hasResourceProperties('AWS::ECS::Service', {
        LoadBalancers: [{ ContainerName: 'orders', ContainerPort: 3000, TargetGroupArn: { Ref: Match.stringLikeRegexp('^ServiceTargetGroup') } }],
        HealthCheckGracePeriodSeconds: 60,
      });
    });

    test('get a listener rule on the environment\'s HTTPS listener with the route\'s path, host and priority', () => {
      const { template } = runtimeStack(publicService({ route: { pathPattern: '/orders/*', priority: 120, hostHeader: 'api.example.com' } }));

      template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
        ListenerArn: { Ref: Match.stringLikeRegexp('httpslistenerarn') },
        Priority: 120,
        Conditions: [
          { Field: 'path-pattern', PathPatternConfig: { Values: ['/orders/*'] } },
          { Field: 'host-header', HostHeaderConfig: { Values: ['api.example.com'] } },
        ],
        Actions: [{ Type: 'forward', TargetGroupArn: { Ref: Match.stringLikeRegexp('^ServiceTargetGroup') } }],
      });
      template.resourceCountIs('AWS::ServiceDiscovery::Service', 0);
    });

    test('admit only the load balancer, on the container port, without touching the load balancer\'s group', () => {
      const { template } = runtimeStack(publicService());

      const ingress = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress')).map((r) => r.Properties);
      expect(ingress).toEqual([expect.objectContaining({
        FromPort: 3000,
        ToPort: 3000,
        IpProtocol: 'tcp',
        GroupId: { 'Fn::GetAtt': [expect.stringMatching(/^ServiceSecurityGroup/), 'GroupId'] },
        SourceSecurityGroupId: { Ref: expect.stringMatching(/loadbalancersecuritygroupid/) },
      })]);
      const egress = Object.values(template.findResources('AWS::EC2::SecurityGroupEgress')).map((r) => r.Properties);
      expect(egress.every((e) => JSON.stringify(e.GroupId).includes('ServiceSecurityGroup'))).toBe(true);
    });
  });

  test('never adds a rule to the load balancer\'s or the endpoints\' security group, even when they are mutable', () => {
    // GIVEN an environment whose load balancer and endpoint security groups are mutable groups of the same stack
    const stack = new Stack(new App(), 'Runtime', { env: TEST_ENV });
    const imported = EnvironmentContract.import(stack, 'Env', EnvironmentProfile.DEVELOP);
    const loadBalancerSecurityGroup = new ec2.SecurityGroup(stack, 'Alb', { vpc: imported.vpc, allowAllOutbound: false });
    const endpointSecurityGroup = new ec2.SecurityGroup(stack, 'Endpoints', { vpc: imported.vpc, allowAllOutbound: false });
    const httpsListener = elbv2.ApplicationListener.fromApplicationListenerAttributes(stack, 'Listener', {
      listenerArn: 'arn:aws:elasticloadbalancing:eu-west-1:111111111111:listener/app/fleet/0123456789abcdef/0123456789abcdef',
      securityGroup: loadBalancerSecurityGroup,
    });
    const environment: IPlatformEnvironment = { ...imported, loadBalancerSecurityGroup, endpointSecurityGroup, httpsListener };

    // WHEN a public and an internal service join it
    new PlatformService(stack, 'Orders', { environment, spec: specOf(publicService()) });
    new PlatformService(stack, 'Billing', { environment, spec: specOf(internalService()) });

    // THEN only the services' own groups (and an internal service's callers group) carry rules
    const template = Template.fromStack(stack);
    for (const type of ['AWS::EC2::SecurityGroupIngress', 'AWS::EC2::SecurityGroupEgress']) {
      for (const rule of Object.values(template.findResources(type))) {
        expect(rule.Properties.GroupId['Fn::GetAtt'][0]).toMatch(/^(Orders|Billing)(Callers)?SecurityGroup/);
      }
    }
    for (const group of ['Alb', 'Endpoints']) {
      const properties = Object.entries(template.findResources('AWS::EC2::SecurityGroup'))
        .find(([id]) => id.startsWith(group))![1].Properties;
      expect(properties.SecurityGroupIngress).toBeUndefined();
      expect(properties.SecurityGroupEgress).toEqual([expect.objectContaining({ CidrIp: '255.255.255.255/32' })]);
    }
  });

  describe('internal services', () => {
    test('register in Cloud Map as {service}.{environment}.internal with A records, TTL 10 s and ECS task health', () => {
      const { template } = runtimeStack(internalService(), EnvironmentProfile.QA);

      template.hasResourceProperties('AWS::ServiceDiscovery::Service', {
        Name: 'billing',
        NamespaceId: { Ref: Match.stringLikeRegexp('fargateplatformqanamespaceid') },
        DnsConfig: { DnsRecords: [{ TTL: 10, Type: 'A' }] },
        HealthCheckCustomConfig: { FailureThreshold: 1 },
      });
      template.resourceCountIs('AWS::ElasticLoadBalancingV2::TargetGroup', 0);
      template.resourceCountIs('AWS::ElasticLoadBalancingV2::ListenerRule', 0);
      template.hasResourceProperties('AWS::ECS::Service', { LoadBalancers: Match.absent() });
    });

  });

  describe('alarms and dashboard', () => {
    test('a public service has CPU, memory, task-failure, response-time and unhealthy-target alarms', () => {
      const { template, service } = runtimeStack(publicService(), EnvironmentProfile.PROD);

      const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
      expect(alarms.map((a) => [a.AlarmName, a.MetricName, a.Threshold, a.EvaluationPeriods, a.Period])).toEqual([
        ['orders-prod-task-failures', 'MatchedEvents', 2, 1, 300],
        ['orders-prod-cpu', 'CPUUtilization', 80, 5, 60],
        ['orders-prod-memory', 'MemoryUtilization', 80, 5, 60],
        ['orders-prod-response-time', 'TargetResponseTime', 2, 5, 60],
        ['orders-prod-unhealthy-targets', 'UnHealthyHostCount', 0, 5, 60],
      ]);
      expect(service.criticalAlarms).toHaveLength(1);
      expect(service.warningAlarms).toHaveLength(4);
    });

    test('critical alarms page through the critical topic, the others notify the warning topic', () => {
      const { template } = runtimeStack(internalService());

      const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
      expect(alarms.map((a) => [a.AlarmName, JSON.stringify(a.AlarmActions), a.ActionsEnabled])).toEqual([
        ['billing-develop-task-failures', expect.stringMatching(/criticaltopicarn/), true],
        ['billing-develop-cpu', expect.stringMatching(/warningtopicarn/), true],
        ['billing-develop-memory', expect.stringMatching(/warningtopicarn/), true],
      ]);
    });

    test('task failures are the service\'s tasks that stopped failing, counted by an EventBridge rule', () => {
      const { template } = runtimeStack(internalService());

      template.hasResourceProperties('AWS::Events::Rule', {
        Name: 'billing-develop-task-failures',
        EventPattern: {
          'source': ['aws.ecs'],
          'detail-type': ['ECS Task State Change'],
          'detail': {
            group: ['service:billing'],
            lastStatus: ['STOPPED'],
            $or: [{ stopCode: ['TaskFailedToStart', 'EssentialContainerExited'] }, { stoppedReason: [{ prefix: 'Task failed' }] }],
          },
        },
        Targets: Match.absent(),
      });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Events',
        MetricName: 'MatchedEvents',
        Statistic: 'Sum',
        Dimensions: [{ Name: 'RuleName', Value: { Ref: Match.stringLikeRegexp('^ServiceMonitoringTaskFailures') } }],
      });
    });

    test('a dashboard per service, named {service}-{environment}', () => {
      const { template } = runtimeStack(publicService(), EnvironmentProfile.TEST);

      template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'orders-test' });
    });
  });

  test('exposes what the design lists as outputs', () => {
    const { service, stack } = runtimeStack(publicService());

    expect(stack.resolve(service.serviceArn)).toEqual({ Ref: 'ServiceService480762AE' });
    expect(stack.resolve(service.serviceName)).toEqual({ 'Fn::GetAtt': ['ServiceService480762AE', 'Name'] });
    expect(stack.resolve(service.taskRoleArn)).toEqual({ 'Fn::GetAtt': ['ServiceTaskRoleC7213793', 'Arn'] });
    expect(stack.resolve(service.securityGroupId)).toEqual({ 'Fn::GetAtt': ['ServiceSecurityGroupC96ED6A7', 'GroupId'] });
    expect(JSON.stringify(stack.resolve(service.repositoryUri))).toContain('/develop/orders');
  });

  test('keeps the logical ids of the resources whose replacement would hurt', () => {
    const { template } = runtimeStack(publicService());

    const ids = (type: string) => Object.keys(template.findResources(type));
    expect(ids('AWS::ECS::Service')).toEqual(['ServiceService480762AE']);
    expect(ids('AWS::ECS::TaskDefinition')).toEqual(['ServiceTaskDefinition55FA0F15']);
    expect(ids('AWS::Logs::LogGroup')).toEqual(['ServiceLogGroupB910EE76']);
    expect(ids('AWS::EC2::SecurityGroup')).toEqual(['ServiceSecurityGroupC96ED6A7']);
    expect(ids('AWS::ElasticLoadBalancingV2::TargetGroup')).toEqual(['ServiceTargetGroupE74A3394']);
    expect(ids('AWS::IAM::Role').sort()).toEqual(['ServiceExecutionRole3DA90452', 'ServiceTaskRoleC7213793']);
  });
});
