import { AwsRules } from '@fargate-platform/service-model';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import * as fc from 'fast-check';
import { EnvironmentProfile, PipelineTrigger } from '../../../src';
import { acknowledged, resourcesOf, synthesizeEnvironment, tagsOf } from '../../helpers/environment-fixture';

// ---------------------------------------------------------------------------------------
// Generators: the four standard profiles and random valid custom ones (production ones meet
// the production floors). One seed for the whole file: every property sees the same 100
// profiles, each synthesized once.
// ---------------------------------------------------------------------------------------
const SEED = 20261122;

/** A /16-/20 block inside 10.0.0.0/8. */
const arbCidr = fc.record({
  prefix: fc.integer({ min: 16, max: 20 }), second: fc.integer({ min: 0, max: 255 }), third: fc.integer({ min: 0, max: 255 }),
})
  .map(({ prefix, second, third }) => {
    const step = 2 ** (24 - prefix);
    return `10.${second}.${prefix === 16 ? 0 : Math.floor(third / step) * step}.0/${prefix}`;
  });

const arbRetention = fc.constantFrom(RetentionDays.ONE_YEAR, RetentionDays.THIRTEEN_MONTHS, RetentionDays.EIGHTEEN_MONTHS,
  RetentionDays.TWO_YEARS, RetentionDays.FIVE_YEARS, RetentionDays.TEN_YEARS);

const arbCustomProfile = fc.record({
  name: fc.stringMatching(/^[a-z][a-z0-9]{1,15}$/),
  production: fc.boolean(),
  vpcCidr: arbCidr,
  availabilityZones: fc.integer({ min: 2, max: 3 }),
  nat: fc.integer({ min: 1, max: 3 }),
  logRetention: arbRetention,
  fargateSpotPercent: fc.integer({ min: 0, max: 100 }),
  minTasks: fc.integer({ min: 1, max: 10 }),
  flags: fc.boolean(),
  branchPattern: fc.constantFrom('feature/*', 'release/*.*.*', 'prod/*', 'main'),
  pipelineTrigger: fc.constantFrom(PipelineTrigger.MANUAL, PipelineTrigger.ON_PUSH),
}).map((g) => EnvironmentProfile.custom({
  name: g.name,
  production: g.production,
  vpcCidr: g.vpcCidr,
  availabilityZones: g.availabilityZones,
  natGateways: g.production ? g.availabilityZones : Math.min(g.nat, g.availabilityZones),
  logRetention: g.production && (g.logRetention as number) < 731 ? RetentionDays.TWO_YEARS : g.logRetention,
  fargateSpotPercent: g.production ? 0 : g.fargateSpotPercent,
  deletionProtection: g.production || g.flags,
  terminationProtection: g.production || g.flags,
  requireApproval: g.production || g.flags,
  requireRecentMfa: g.production || g.flags,
  minTasks: g.production ? Math.max(2, g.minTasks) : g.minTasks,
  branchPattern: g.branchPattern,
  pipelineTrigger: g.pipelineTrigger,
}));

/** A custom profile with the given network (everything else a valid production or non-production setting). */
function customWithCidr(name: string, production: boolean, vpcCidr: string): EnvironmentProfile {
  return EnvironmentProfile.custom({
    name,
    production,
    vpcCidr,
    availabilityZones: 3,
    natGateways: production ? 3 : 1,
    logRetention: production ? RetentionDays.TWO_YEARS : RetentionDays.ONE_YEAR,
    fargateSpotPercent: 0,
    deletionProtection: production,
    terminationProtection: production,
    requireApproval: production,
    requireRecentMfa: production,
    minTasks: production ? 2 : 1,
    branchPattern: production ? 'prod/*' : 'feature/*',
    pipelineTrigger: PipelineTrigger.MANUAL,
  });
}

const arbProfile = fc.oneof(fc.constantFrom(...EnvironmentProfile.STANDARD), arbCustomProfile);

/** Check a property of the synthesized environment of every generated profile. */
function forEveryEnvironment(check: (profile: EnvironmentProfile, json: any, taggable: string[]) => void): void {
  fc.assert(fc.property(arbProfile, (profile) => {
    const { json, taggable } = synthesizeEnvironment(profile);
    check(profile, json, taggable);
  }), { seed: SEED });
}

// ---------------------------------------------------------------------------------------
// Template helpers
// ---------------------------------------------------------------------------------------
const resource = (json: any, ref: any): any => {
  const id = ref?.Ref ?? ref?.['Fn::GetAtt']?.[0];
  return id ? { id, ...json.Resources[id] } : undefined;
};
const isTemplateKey = (json: any, ref: any): boolean => resource(json, ref)?.Type === 'AWS::KMS::Key';
const TLS12_POLICIES = /^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)/;
const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/;
const subnetType = (subnet: any): string => tagsOf(subnet.Properties)['aws-cdk:subnet-type'];
const operator = (json: any) => resourcesOf(json, 'AWS::IAM::Role').map(([, r]) => r).find((r) => String(r.Properties.RoleName).endsWith('-operator'));
const operatorActions = (json: any): string[] => resourcesOf(json, 'AWS::IAM::ManagedPolicy')
  .flatMap(([, p]) => p.Properties.PolicyDocument.Statement).flatMap((s: any) => [s.Action].flat());

describe('environment properties', () => {
  // Property 5 (KMS encryption at rest) over custom profiles; its tagged test, over every stack kind, is in
  // service/properties/every-resource.test.ts.
  test('every log group, bucket, topic and Fargate ephemeral storage is encrypted with a customer-managed key', () => {
    forEveryEnvironment((_profile, json) => {
      for (const [, group] of resourcesOf(json, 'AWS::Logs::LogGroup')) {
        expect(isTemplateKey(json, group.Properties.KmsKeyId)).toBe(true);
      }
      for (const [, topic] of resourcesOf(json, 'AWS::SNS::Topic')) {
        expect(isTemplateKey(json, topic.Properties.KmsMasterKeyId)).toBe(true);
      }
      const [[, cluster]] = resourcesOf(json, 'AWS::ECS::Cluster');
      expect(isTemplateKey(json, cluster.Properties.Configuration.ManagedStorageConfiguration.FargateEphemeralStorageKmsKeyId)).toBe(true);
      const buckets = resourcesOf(json, 'AWS::S3::Bucket').map(([, b]) => b);
      const sseS3 = buckets.filter((b) => b.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm !== 'aws:kms');
      // The only exception: the access-log bucket, which AWS log delivery requires to be SSE-S3 (acknowledged, with the reason).
      expect(sseS3.length).toBe(1);
      expect(acknowledged(sseS3[0], 'ControlTower-CT.S3.PR.10')).toBe(true);
      for (const bucket of buckets.filter((b) => !sseS3.includes(b))) {
        const encryption = bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault;
        expect(isTemplateKey(json, encryption.KMSMasterKeyID)).toBe(true);
      }
    });
  });

  // Property 6: TLS encryption in transit
  test('every load balancer listener is HTTPS with a TLS 1.2+ policy', () => {
    forEveryEnvironment((_profile, json) => {
      const listeners = resourcesOf(json, 'AWS::ElasticLoadBalancingV2::Listener');
      expect(listeners.length).toBeGreaterThan(0);
      for (const [, listener] of listeners) {
        expect(listener.Properties.Protocol).toBe('HTTPS');
        expect(listener.Properties.SslPolicy).toMatch(TLS12_POLICIES);
      }
    });
  });

  // Property 8: VPC network segmentation
  test('private subnets route to NAT gateways, public subnets to the internet gateway, the ALB sits in public subnets', () => {
    forEveryEnvironment((_profile, json) => {
      const tableOf = Object.fromEntries(resourcesOf(json, 'AWS::EC2::SubnetRouteTableAssociation')
        .map(([, a]) => [a.Properties.SubnetId.Ref, a.Properties.RouteTableId.Ref]));
      const defaultRoutes = resourcesOf(json, 'AWS::EC2::Route').map(([, r]) => r.Properties).filter((r) => r.DestinationCidrBlock === '0.0.0.0/0');
      const subnets = resourcesOf(json, 'AWS::EC2::Subnet');
      for (const [id, subnet] of subnets) {
        const route = defaultRoutes.find((r) => r.RouteTableId.Ref === tableOf[id]);
        if (subnetType(subnet) === 'Private') {
          expect(route.NatGatewayId).toBeDefined();
          expect(route.GatewayId).toBeUndefined();
        } else {
          expect(subnetType(subnet)).toBe('Public');
          expect(resource(json, route.GatewayId).Type).toBe('AWS::EC2::InternetGateway');
        }
      }
      const [[, alb]] = resourcesOf(json, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
      for (const ref of alb.Properties.Subnets) {
        expect(subnetType(resource(json, ref))).toBe('Public');
      }
    });
  });

  // Property 9 (CloudWatch log retention) over custom profiles; its tagged test, over every stack kind, is in
  // service/properties/every-resource.test.ts.
  test('in production every log group keeps its logs 90 days or more (the profile\'s retention)', () => {
    forEveryEnvironment((profile, json) => {
      for (const [, group] of resourcesOf(json, 'AWS::Logs::LogGroup')) {
        expect(group.Properties.RetentionInDays).toBe(profile.logRetention);
        if (profile.production) {
          expect(group.Properties.RetentionInDays).toBeGreaterThanOrEqual(90);
        }
      }
    });
  });

  // Property 10: Security group least privilege
  test('no security group admits 0.0.0.0/0 except the load balancer\'s, on 443', () => {
    forEveryEnvironment((_profile, json) => {
      const [[, alb]] = resourcesOf(json, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
      const albGroups = alb.Properties.SecurityGroups.map((ref: any) => resource(json, ref).id);
      const open = [
        ...resourcesOf(json, 'AWS::EC2::SecurityGroup').flatMap(([id, g]) => (g.Properties.SecurityGroupIngress ?? []).map((r: any) => ({ group: id, ...r }))),
        ...resourcesOf(json, 'AWS::EC2::SecurityGroupIngress').map(([, r]) => ({ group: resource(json, r.Properties.GroupId)?.id, ...r.Properties })),
      ].filter((r) => r.CidrIp === '0.0.0.0/0' || r.CidrIpv6 === '::/0');
      for (const rule of open) {
        expect(albGroups).toContain(rule.group);
        expect([rule.FromPort, rule.ToPort]).toEqual([443, 443]);
      }
    });
  });

  // Property 11: Container insights enabled
  test('the cluster has Container Insights enabled', () => {
    forEveryEnvironment((_profile, json) => {
      const [[, cluster]] = resourcesOf(json, 'AWS::ECS::Cluster');
      expect(cluster.Properties.ClusterSettings).toEqual([{ Name: 'containerInsights', Value: 'enabled' }]);
    });
  });

  // Property 31: ALB access logging
  test('the load balancer logs access to an encrypted bucket', () => {
    forEveryEnvironment((_profile, json) => {
      const [[, alb]] = resourcesOf(json, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
      const attributes = Object.fromEntries(alb.Properties.LoadBalancerAttributes.map((a: any) => [a.Key, a.Value]));
      expect(attributes['access_logs.s3.enabled']).toBe('true');
      const bucket = resource(json, attributes['access_logs.s3.bucket']);
      expect(bucket.Type).toBe('AWS::S3::Bucket');
      expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBeDefined();
    });
  });

  // Property 34: Multi-AZ deployment
  test('subnets span at least two availability zones, as many as the profile asks for', () => {
    forEveryEnvironment((profile, json) => {
      const zones = new Set(resourcesOf(json, 'AWS::EC2::Subnet').map(([, s]) => s.Properties.AvailabilityZone));
      expect(zones.size).toBe(profile.availabilityZones);
      expect(zones.size).toBeGreaterThanOrEqual(2);
    });
  });

  // Property 36: VPC Flow Logs enabled
  test('the VPC has a flow log into an encrypted log group', () => {
    forEveryEnvironment((_profile, json) => {
      const [[vpcId]] = resourcesOf(json, 'AWS::EC2::VPC');
      const flowLogs = resourcesOf(json, 'AWS::EC2::FlowLog').map(([, f]) => f.Properties);
      const flowLog = flowLogs.find((f) => f.ResourceId.Ref === vpcId);
      expect(flowLog.TrafficType).toBe('ALL');
      const group = resource(json, flowLog.LogGroupName);
      expect(isTemplateKey(json, group.Properties.KmsKeyId)).toBe(true);
    });
  });

  // Property 40: TLS termination
  test('TLS terminates on port 443 with an ACM certificate', () => {
    forEveryEnvironment((_profile, json) => {
      const https = resourcesOf(json, 'AWS::ElasticLoadBalancingV2::Listener').map(([, l]) => l.Properties).filter((l) => l.Port === 443);
      expect(https.length).toBe(1);
      expect(https[0].Certificates.map((c: any) => c.CertificateArn)).toEqual([expect.stringMatching(CERTIFICATE_ARN)]);
    });
  });

  // Property 47: Cluster per environment
  test('one ECS cluster, named for the environment', () => {
    forEveryEnvironment((profile, json) => {
      const clusters = resourcesOf(json, 'AWS::ECS::Cluster');
      expect(clusters.length).toBe(1);
      expect(clusters[0][1].Properties.ClusterName).toBe(`${profile.name}-cluster`);
    });
  });

  // Property 49: Production VPC isolation
  test('a production VPC never shares addresses with a non-production one: overlap is refused before synthesis', () => {
    forEveryEnvironment((profile, json) => {
      const others = EnvironmentProfile.STANDARD.filter((p) => p.production !== profile.production);
      const overlaps = others.some((o) => AwsRules.cidrsOverlap(AwsRules.parseCidr(o.vpcCidr)!, AwsRules.parseCidr(profile.vpcCidr)!));
      const check = () => EnvironmentProfile.assertIsolatedNetworks([profile, ...others].map((p) => ({ profile: p })));
      if (overlaps) {
        expect(check).toThrow(/overlaps .*: production environment '.*' needs an address range of its own/);
      } else {
        expect(check).not.toThrow();
        const [[, vpc]] = resourcesOf(json, 'AWS::EC2::VPC');
        for (const other of others) {
          expect(AwsRules.cidrsOverlap(AwsRules.parseCidr(vpc.Properties.CidrBlock)!, AwsRules.parseCidr(other.vpcCidr)!)).toBe(false);
        }
      }
    });
  });

  // Property 49, both branches: the profiles above rarely overlap (a random /16-/20 in 10.0.0.0/8 seldom meets a standard
  // one), so this generator builds pairs that overlap by construction (a block inside the production range) or cannot
  // (another second octet), decided and computed here without AwsRules, and counts that each branch was reached.
  test('a non-production network inside a production one is always refused, and one outside it always accepted', () => {
    const seen = { refused: 0, accepted: 0 };
    const arbPair = fc.record({
      production: arbCidr, overlapping: fc.boolean(), shift: fc.integer({ min: 1, max: 255 }), extra: fc.integer({ min: 0, max: 4 }),
    })
      .map(({ production, overlapping, shift, extra }) => {
        const [address, prefix] = production.split('/');
        const octets = address.split('.').map(Number);
        const other = overlapping
          ? `${address}/${Math.min(20, Number(prefix) + extra)}` // a block (a /16 to /20, as profiles allow) starting where the production range starts
          : `10.${(octets[1] + shift) % 256}.0.0/${16 + extra}`; // another /16 of 10.0.0.0/8: no address in common
        return { production, other, overlapping };
      });
    fc.assert(fc.property(arbPair, ({ production, other, overlapping }) => {
      const check = () => EnvironmentProfile.assertIsolatedNetworks([
        { profile: customWithCidr('live', true, production) }, { profile: customWithCidr('sandbox', false, other) },
      ]);
      if (overlapping) {
        expect(check).toThrow(/production environment 'live' needs an address range of its own/);
        seen.refused++;
      } else {
        expect(check).not.toThrow();
        seen.accepted++;
      }
    }), { seed: SEED, numRuns: 100 });
    expect(seen.refused).toBeGreaterThanOrEqual(25);
    expect(seen.accepted).toBeGreaterThanOrEqual(25);
  });

  // Property 50: Environment-based IAM restrictions
  // Production is never looser on any axis (a custom non-production profile may raise its own floors, e.g. recent MFA)
  // and strictly tighter on actions: operators cannot stop production tasks by hand.
  test('production operator access is more restrictive than non-production: recent MFA, no longer sessions, fewer actions', () => {
    forEveryEnvironment((profile, json) => {
      const [strict, loose] = profile.production
        ? [json, synthesizeEnvironment(EnvironmentProfile.DEVELOP).json]
        : [synthesizeEnvironment(EnvironmentProfile.PROD).json, json];
      const strictActions = operatorActions(strict);
      const looseActions = operatorActions(loose);
      expect(looseActions).toEqual(expect.arrayContaining(strictActions));
      expect(strictActions).not.toContain('ecs:StopTask');
      expect(looseActions).toContain('ecs:StopTask');
      expect(operator(strict).Properties.MaxSessionDuration).toBeLessThanOrEqual(operator(loose).Properties.MaxSessionDuration);
      expect(operator(strict).Properties.AssumeRolePolicyDocument.Statement[0].Condition.NumericLessThan).toEqual({ 'aws:MultiFactorAuthAge': '3600' });
    });
  });

  // Property 51 (Mandatory environment tags) over custom profiles; its tagged test, over every stack kind, is in
  // service/properties/every-resource.test.ts.
  test('every resource that can carry tags carries Environment = the environment name', () => {
    forEveryEnvironment((profile, json, taggable) => {
      for (const id of taggable) {
        expect([id, tagsOf(json.Resources[id].Properties).Environment]).toEqual([id, profile.name]);
      }
    });
  });

  // Property 52: CloudTrail encryption
  test('the trail is encrypted with a customer-managed key', () => {
    forEveryEnvironment((_profile, json) => {
      const [[, trail]] = resourcesOf(json, 'AWS::CloudTrail::Trail');
      expect(isTemplateKey(json, trail.Properties.KMSKeyId)).toBe(true);
    });
  });

  // Property 53: CloudTrail S3 bucket security
  test('the trail bucket is versioned and, in place of MFA delete (not settable by CloudFormation), locked and undeletable', () => {
    forEveryEnvironment((profile, json) => {
      const [[, trail]] = resourcesOf(json, 'AWS::CloudTrail::Trail');
      const bucket = resource(json, trail.Properties.S3BucketName);
      expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      expect(bucket.Properties.ObjectLockConfiguration.Rule.DefaultRetention).toEqual({
        Mode: profile.production ? 'COMPLIANCE' : 'GOVERNANCE', Days: profile.logRetention,
      });
      const policy = resourcesOf(json, 'AWS::S3::BucketPolicy').map(([, p]) => p.Properties).find((p) => p.Bucket.Ref === bucket.id);
      expect(policy.PolicyDocument.Statement).toContainEqual(expect.objectContaining({
        Effect: 'Deny', Principal: { AWS: '*' }, Action: expect.arrayContaining(['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutBucketVersioning']),
      }));
    });
  });

  // Property 54: MFA enforcement for production
  test('in production every role that humans can assume requires MFA', () => {
    forEveryEnvironment((profile, json) => {
      const human = resourcesOf(json, 'AWS::IAM::Role').map(([, r]) => r.Properties)
        .filter((r) => r.AssumeRolePolicyDocument.Statement.some((s: any) => s.Principal?.AWS));
      expect(human.length).toBeGreaterThan(0);
      for (const role of human) {
        for (const statement of role.AssumeRolePolicyDocument.Statement) {
          expect(statement.Condition.Bool['aws:MultiFactorAuthPresent']).toBe('true');
          if (profile.production) {
            expect(statement.Condition.NumericLessThan['aws:MultiFactorAuthAge']).toBe('3600');
          }
        }
      }
    });
  });

  // Property 55 (Mandatory compliance tags) over custom profiles; its tagged test, over every stack kind, is in
  // service/properties/every-resource.test.ts.
  test('every resource that can carry tags carries Environment, Owner, CostCenter and Compliance', () => {
    forEveryEnvironment((_profile, json, taggable) => {
      expect(taggable.length).toBeGreaterThan(50);
      for (const id of taggable) {
        const tags = tagsOf(json.Resources[id].Properties);
        for (const key of ['Environment', 'Owner', 'CostCenter', 'Compliance']) {
          expect([id, key, (tags[key] ?? '').length > 0]).toEqual([id, key, true]);
        }
      }
    });
  });

  // Property 56: AWS Config enabled
  test('an AWS Config recorder records all resource types and delivers them', () => {
    forEveryEnvironment((_profile, json) => {
      const [[, recorder]] = resourcesOf(json, 'AWS::Config::ConfigurationRecorder');
      expect(recorder.Properties.RecordingGroup).toEqual({ AllSupported: true, IncludeGlobalResourceTypes: true });
      expect(resourcesOf(json, 'AWS::Config::DeliveryChannel').length).toBe(1);
    });
  });
});
