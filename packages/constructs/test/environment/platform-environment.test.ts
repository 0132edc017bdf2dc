import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { EnvironmentProfile, PlatformEnvironment } from '../../src';
import { environmentFixture, KAFKA, resourcesOf, S3_PREFIX_LIST_ID, synthesizeEnvironment, TAGS } from '../helpers/environment-fixture';

describe('PlatformEnvironment', () => {
  const prod = () => synthesizeEnvironment(EnvironmentProfile.PROD).template;
  const develop = () => synthesizeEnvironment(EnvironmentProfile.DEVELOP).template;

  describe('network', () => {
    test('a VPC with DNS, three public and three private subnets, no public IP on launch', () => {
      const t = prod();
      t.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.40.0.0/16', EnableDnsHostnames: true, EnableDnsSupport: true });
      t.resourceCountIs('AWS::EC2::Subnet', 6);
      t.allResourcesProperties('AWS::EC2::Subnet', { MapPublicIpOnLaunch: false });
      t.resourceCountIs('AWS::EC2::InternetGateway', 1);
    });

    test.each([['prod', EnvironmentProfile.PROD, 3], ['develop', EnvironmentProfile.DEVELOP, 1]])(
      '%s has the profile\'s NAT gateways', (_name, profile, count) => {
        synthesizeEnvironment(profile).template.resourceCountIs('AWS::EC2::NatGateway', count);
      });

    test('flow logs of all traffic go to a KMS-encrypted log group', () => {
      const t = prod();
      t.hasResourceProperties('AWS::EC2::FlowLog', { ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs' });
      t.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: Match.anyValue(), RetentionInDays: 731 });
    });

    test('network ACLs admit no internet traffic to SSH or RDP', () => {
      const ranges = resourcesOf(synthesizeEnvironment(EnvironmentProfile.PROD).json, 'AWS::EC2::NetworkAclEntry')
        .map(([, e]) => e.Properties)
        .filter((p) => p.CidrBlock === '0.0.0.0/0' && !p.Egress)
        .map((p) => [p.PortRange.From, p.PortRange.To]);
      expect(ranges).toEqual(expect.arrayContaining([[443, 443], [1024, 3388], [3390, 65535]]));
      for (const [from, to] of ranges) {
        expect(from <= 22 && 22 <= to).toBe(false);
        expect(from <= 3389 && 3389 <= to).toBe(false);
      }
    });

    test('interface endpoints for ECR, logs, Secrets Manager and SSM, and an S3 gateway endpoint', () => {
      const t = prod();
      for (const service of ['ecr.api', 'ecr.dkr', 'logs', 'secretsmanager', 'ssm']) {
        t.hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Interface', ServiceName: `com.amazonaws.us-east-1.${service}`, PrivateDnsEnabled: true });
      }
      t.hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Gateway', ServiceName: Match.objectLike({}) });
    });

    test('through the S3 gateway, only ECR\'s layer bucket of the Region and the buckets of this account', () => {
      const { template } = synthesizeEnvironment(EnvironmentProfile.QA);

      const [endpoint] = Object.values(template.findResources('AWS::EC2::VPCEndpoint', { Properties: { VpcEndpointType: 'Gateway' } }));
      expect(endpoint.Properties.PolicyDocument.Statement).toEqual([
        expect.objectContaining({
          Sid: 'EcrImageLayers',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 's3:GetObject',
          Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::prod-', { Ref: 'AWS::Region' }, '-starport-layer-bucket/*']] },
        }),
        expect.objectContaining({
          Sid: 'BucketsOfThisAccount',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 's3:*',
          Resource: '*',
          Condition: { StringEquals: { 's3:ResourceAccount': { Ref: 'AWS::AccountId' } } },
        }),
      ]);
    });

    test('the default security group is stripped of its rules', () => {
      prod().resourceCountIs('Custom::VpcRestrictDefaultSG', 1);
    });
  });

  test('the log bucket admits S3 server access logs of this account\'s buckets under s3-access/ only (the service pipelines\' artifacts)', () => {
    const { template } = synthesizeEnvironment(EnvironmentProfile.QA);

    const statements = Object.values(template.findResources('AWS::S3::BucketPolicy')).flatMap((p) => p.Properties.PolicyDocument.Statement);
    const statement = statements.find((st: any) => st.Sid === 'ServerAccessLogsOfTheServicePipelines');
    expect(statement).toMatchObject({
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
    });
    expect(JSON.stringify(statement.Resource)).toMatch(/\/s3-access\/\*"\]\]\}$/);
  });

  test('keeps the fleet-wide service group of the previous release and its parameter, unchanged and unused, for one release', () => {
    const { template, json } = synthesizeEnvironment(EnvironmentProfile.QA);

    // the logical ids of the previous release: CloudFormation neither replaces nor deletes them on upgrade
    const legacy = json.Resources.EnvironmentServiceSecurityGroup826CFD39;
    expect(legacy.Properties).toMatchObject({ GroupDescription: 'Every service task of qa carries this group; internal services admit it' });
    expect(legacy.Properties.SecurityGroupIngress).toBeUndefined();
    expect(json.Resources.EnvironmentContractservicesecuritygroupidBE6353D5.Properties).toMatchObject({
      Name: '/fargate-platform/qa/service-security-group-id', Value: { 'Fn::GetAtt': ['EnvironmentServiceSecurityGroup826CFD39', 'GroupId'] },
    });
    const rules = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress')).map((r) => JSON.stringify(r.Properties));
    expect(rules.filter((r) => r.includes('EnvironmentServiceSecurityGroup'))).toEqual([]);
  });

  describe('keys', () => {
    test('seven customer-managed keys (six, and the audit key), each rotated, each refusing grants that are not for AWS resources', () => {
      const t = prod();
      t.resourceCountIs('AWS::KMS::Key', 7);
      t.allResourcesProperties('AWS::KMS::Key', {
        EnableKeyRotation: true,
        KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'GrantsOnlyForAwsResources', Effect: 'Deny', Action: 'kms:CreateGrant' })]) },
      });
    });

    test('the logs key lets in CloudWatch Logs of this account and region only', () => {
      prod().hasResourceProperties('AWS::KMS::Key', {
        KeyPolicy: {
          Statement: Match.arrayWith([Match.objectLike({
            Sid: 'CloudWatchLogs',
            Principal: { Service: 'logs.us-east-1.amazonaws.com' },
            Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:us-east-1:', { Ref: 'AWS::AccountId' }, ':*']] } } },
          })]),
        },
      });
    });
  });

  describe('cluster', () => {
    test('named for the environment, Container Insights on, ephemeral storage encrypted, ECS Exec logged', () => {
      prod().hasResourceProperties('AWS::ECS::Cluster', {
        ClusterName: 'prod-cluster',
        ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }],
        Configuration: {
          ManagedStorageConfiguration: { FargateEphemeralStorageKmsKeyId: Match.anyValue() },
          ExecuteCommandConfiguration: { Logging: 'OVERRIDE', LogConfiguration: { CloudWatchEncryptionEnabled: true } },
        },
      });
    });

    test.each([
      ['prod', EnvironmentProfile.PROD, [{ CapacityProvider: 'FARGATE', Base: 1, Weight: 100 }]],
      ['develop', EnvironmentProfile.DEVELOP, [{ CapacityProvider: 'FARGATE', Base: 1, Weight: 70 }, { CapacityProvider: 'FARGATE_SPOT', Weight: 30 }]],
    ])('%s places tasks on the profile\'s capacity providers', (_name, profile, strategy) => {
      synthesizeEnvironment(profile).template.hasResourceProperties('AWS::ECS::ClusterCapacityProviderAssociations', {
        CapacityProviders: ['FARGATE', 'FARGATE_SPOT'],
        DefaultCapacityProviderStrategy: strategy,
      });
    });
  });

  describe('ingress', () => {
    test.each([['prod', EnvironmentProfile.PROD, 'true'], ['develop', EnvironmentProfile.DEVELOP, 'false']])(
      'an internet-facing ALB with the hardened attributes (%s: deletion protection %s)', (_name, profile, protection) => {
        const [[, alb]] = resourcesOf(synthesizeEnvironment(profile).json, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
        const attributes = Object.fromEntries(alb.Properties.LoadBalancerAttributes.map((a: any) => [a.Key, a.Value]));
        expect(alb.Properties.Scheme).toBe('internet-facing');
        expect(attributes).toEqual(expect.objectContaining({
          'deletion_protection.enabled': protection,
          'routing.http.drop_invalid_header_fields.enabled': 'true',
          'routing.http.desync_mitigation_mode': 'strictest',
          'idle_timeout.timeout_seconds': '60',
          'access_logs.s3.enabled': 'true',
        }));
      });

    test('one HTTPS listener on 443 with a FIPS-capable TLS 1.2+ policy and the certificate; no port 80', () => {
      const t = prod();
      t.resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 1);
      t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
        Port: 443,
        Protocol: 'HTTPS',
        SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04',
        Certificates: [{ CertificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/0b5c2f5e-1111-4a4a-9b9b-0123456789ab' }],
      });
    });

    test('the load balancer admits 443 from anywhere and reaches only the VPC, with one rule for every service', () => {
      prod().hasResourceProperties('AWS::EC2::SecurityGroup', {
        SecurityGroupIngress: [{ CidrIp: '0.0.0.0/0', FromPort: 443, ToPort: 443, IpProtocol: 'tcp' }],
        SecurityGroupEgress: [{ CidrIp: '10.40.0.0/16', FromPort: 1024, ToPort: 65535, IpProtocol: 'tcp' }],
      });
    });

    test('a WAF web ACL with AWS managed rules and a rate limit, associated and logging', () => {
      const t = prod();
      t.hasResourceProperties('AWS::WAFv2::WebACL', {
        Scope: 'REGIONAL',
        Rules: Match.arrayWith([
          Match.objectLike({ Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' } } }),
          Match.objectLike({ Name: 'RateLimitPerIp', Action: { Block: {} } }),
        ]),
      });
      t.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
      t.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: 'aws-waf-logs-prod' });
    });
  });

  describe('discovery and alerting', () => {
    test('a private DNS namespace {environment}.internal', () => {
      prod().hasResourceProperties('AWS::ServiceDiscovery::PrivateDnsNamespace', { Name: 'prod.internal' });
    });

    test('critical, warning and pipeline topics, KMS-encrypted and SSL-only', () => {
      const t = prod();
      for (const name of ['prod-critical', 'prod-warning', 'prod-pipeline']) {
        t.hasResourceProperties('AWS::SNS::Topic', { TopicName: name, KmsMasterKeyId: Match.anyValue() });
      }
      t.resourcePropertiesCountIs('AWS::SNS::TopicPolicy', {
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      }, 3);
    });
  });

  describe('audit', () => {
    test('a multi-region, encrypted, validated CloudTrail trail also sent to CloudWatch Logs', () => {
      prod().hasResourceProperties('AWS::CloudTrail::Trail', {
        IsMultiRegionTrail: true, EnableLogFileValidation: true, KMSKeyId: Match.anyValue(), CloudWatchLogsLogGroupArn: Match.anyValue(),
      });
    });

    test('the trail bucket replaces MFA delete with Object Lock and a deny-delete policy', () => {
      const t = prod();
      t.hasResourceProperties('AWS::S3::Bucket', {
        VersioningConfiguration: { Status: 'Enabled' },
        ObjectLockEnabled: true,
        ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 731 } } },
      });
      t.hasResourceProperties('AWS::S3::BucketPolicy', {
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'DenyAuditLogDeletion', Effect: 'Deny', Principal: { AWS: '*' } })]) },
      });
      develop().hasResourceProperties('AWS::S3::Bucket', { ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 365 } } } });
    });

    test('a Config recorder for all resource types, its delivery channel and the starter rules', () => {
      const t = prod();
      t.hasResourceProperties('AWS::Config::ConfigurationRecorder', { RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: true } });
      t.resourceCountIs('AWS::Config::DeliveryChannel', 1);
      expect(Object.keys(t.findResources('AWS::Config::ConfigRule')).length).toBeGreaterThanOrEqual(15);
    });

    test('no audit when another environment in the account owns it', () => {
      const { stack } = environmentFixture(EnvironmentProfile.TEST, { accountAudit: false });
      const t = Template.fromStack(stack);
      t.resourceCountIs('AWS::CloudTrail::Trail', 0);
      t.resourceCountIs('AWS::Config::ConfigurationRecorder', 0);
    });

    test.each([
      ['prod requires MFA at most an hour old', EnvironmentProfile.PROD, { Bool: { 'aws:MultiFactorAuthPresent': 'true' }, NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }, 3600],
      ['develop requires MFA', EnvironmentProfile.DEVELOP, { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }, 14400],
    ])('the operator role: %s', (_case, profile, condition, session) => {
      synthesizeEnvironment(profile).template.hasResourceProperties('AWS::IAM::Role', {
        RoleName: `${profile.name}-operator`,
        MaxSessionDuration: session,
        AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Condition: condition })] },
      });
    });
  });

  test('termination protection and tags follow the profile', () => {
    const { stack } = environmentFixture(EnvironmentProfile.PROD);
    expect(stack.terminationProtection).toBe(true);
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::Cluster', {
      Tags: Match.arrayWith([{ Key: 'Environment', Value: 'prod' }, { Key: 'Owner', Value: 'platform-team' }]),
    });
  });

  describe('rejects bad input at synth time', () => {
    test.each<[string, () => void, RegExp]>([
      ['a malformed certificate ARN', () => {
        const stack = new Stack(new App(), 'S', { env: { region: 'us-east-1' } });
        new PlatformEnvironment(stack, 'Environment', {
          profile: EnvironmentProfile.QA,
          kafka: KAFKA,
          tags: TAGS,
          s3PrefixListId: S3_PREFIX_LIST_ID,
          certificate: acm.Certificate.fromCertificateArn(stack, 'C', 'arn:aws:acm:us-east-1:111:certificate/nope'),
        });
      }, /certificate must be an ACM certificate ARN \(arn:aws:acm:<region>:<account>:certificate\/<uuid>\); got 'arn:aws:acm:us-east-1:111:certificate\/nope'/],
      ['a broker without a port', () => environmentFixture(EnvironmentProfile.QA, { kafka: { ...KAFKA, brokers: ['kafka.internal'] } }),
        /kafka.brokers entries must be host:port; got 'kafka.internal'/],
      ['no broker', () => environmentFixture(EnvironmentProfile.QA, { kafka: { ...KAFKA, brokers: [] } }), /kafka.brokers must list at least one broker/],
      ['a malformed Kafka security group', () => environmentFixture(EnvironmentProfile.QA, { kafka: { ...KAFKA, securityGroupId: 'kafka' } }),
        /kafka.securityGroupId must be a security group id \(sg- and 8 or 17 hex digits\); got 'kafka'/],
      ['a malformed S3 prefix list', () => environmentFixture(EnvironmentProfile.QA, { s3PrefixListId: 'com.amazonaws.us-east-1.s3' }),
        /s3PrefixListId must be the id of the prefix list com.amazonaws.us-east-1.s3 \(pl- and 8 or 17 hex digits: aws ec2 describe-managed-prefix-lists .*\); got 'com.amazonaws.us-east-1.s3'/],
      ['a missing mandatory tag', () => environmentFixture(EnvironmentProfile.QA, { tags: { ...TAGS, costCenter: '' } }),
        /mandatory tag CostCenter needs a value: set tags.costCenter \(got ''\)/],
      ['the wrong number of availability zones', () => environmentFixture(EnvironmentProfile.QA, { availabilityZones: ['us-east-1a'] }),
        /availabilityZones must list 3 zones \(the profile's availabilityZones\); got 1: us-east-1a/],
    ])('%s', (_case, build, message) => {
      expect(build).toThrow(message);
    });

    test('a stack without an explicit region', () => {
      const stack = new Stack(new App(), 'NoRegion');
      expect(() => new PlatformEnvironment(stack, 'Environment', {
        profile: EnvironmentProfile.QA,
        kafka: KAFKA,
        tags: TAGS,
        s3PrefixListId: S3_PREFIX_LIST_ID,
        certificate: acm.Certificate.fromCertificateArn(stack, 'C', 'arn:aws:acm:us-east-1:111111111111:certificate/0b5c2f5e-1111-4a4a-9b9b-0123456789ab'),
      })).toThrow(/needs an explicit region/);
    });
  });
});
