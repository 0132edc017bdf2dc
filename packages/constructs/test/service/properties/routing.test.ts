import * as fc from 'fast-check';
import { ServiceKind, ServiceRoutes, ServiceSpec } from '../../../src';
import { SEED, serviceInEnvironment, serviceSpec } from './generators';
import { containerOf, contractParameter, only, resources, runtimeOf } from './synth';

const isPublic = (spec: ServiceSpec) => spec.kind === ServiceKind.PUBLIC;

/** Sets of 2-6 public services with distinct names, priorities and path patterns: one environment's listener. */
const publicFleet = fc.uniqueArray(serviceSpec.filter(isPublic), {
  minLength: 2,
  maxLength: 6,
  selector: (s) => s.name,
}).filter((specs) => new Set(specs.map((s) => s.route!.priority)).size === specs.length
  && new Set(specs.map((s) => s.route!.pathPattern)).size === specs.length);

/**
 * Every property here holds for both kinds, so all of them read the same configurations; 200 of them, so that each
 * kind-specific statement is checked on about 100 services of its kind.
 */
const RUNS = { seed: SEED, numRuns: 200 };

describe('routing properties', () => {
  // Property 3: Conditional ALB resource creation
  test('a public service gets one target group and one listener rule, an internal service none', () => {
    fc.assert(fc.property(serviceInEnvironment, ({ spec, profile }) => {
      const runtime = runtimeOf(spec, profile).template;
      const expected = isPublic(spec) ? 1 : 0;
      expect(resources(runtime, 'AWS::ElasticLoadBalancingV2::TargetGroup')).toHaveLength(expected);
      expect(resources(runtime, 'AWS::ElasticLoadBalancingV2::ListenerRule')).toHaveLength(expected);
    }), RUNS);
  });

  // Property 33: Health check configuration
  test('every container has a health check; a public service\'s target group checks the same path', () => {
    fc.assert(fc.property(serviceInEnvironment, ({ spec, profile }) => {
      const runtime = runtimeOf(spec, profile).template;
      const path = spec.healthCheckPath ?? '/health';
      const { HealthCheck } = containerOf(runtime);
      expect(HealthCheck).toEqual({ Command: ['CMD-SHELL', expect.stringContaining(`http://localhost:${spec.containerPort}${path}'`)],
        Interval: 30, Timeout: 5, Retries: 3, StartPeriod: 60 });
      if (isPublic(spec)) {
        const targetGroup = only(runtime, 'AWS::ElasticLoadBalancingV2::TargetGroup');
        expect([targetGroup.HealthCheckEnabled, targetGroup.HealthCheckPath]).toEqual([true, path]);
      }
    }), RUNS);
  });

  // Property 35: Comprehensive security group rules
  test('public services admit only the load balancer, internal ones the fleet and Kafka; all reach Kafka', () => {
    fc.assert(fc.property(serviceInEnvironment, ({ spec, profile }) => {
      const runtime = runtimeOf(spec, profile).template;
      const group = resources(runtime, 'AWS::EC2::SecurityGroup')[0][0];
      const source = (entry: string) => ({ Ref: expect.stringContaining(contractParameter(profile.name, entry)) });
      const ingress = resources(runtime, 'AWS::EC2::SecurityGroupIngress').map(([, r]) => r.Properties);
      const sources = isPublic(spec) ? ['load-balancer-security-group-id'] : ['service-security-group-id', 'kafka-security-group-id'];
      expect(ingress).toEqual(sources.map((entry) => expect.objectContaining({
        GroupId: { 'Fn::GetAtt': [group, 'GroupId'] }, IpProtocol: 'tcp',
        FromPort: spec.containerPort, ToPort: spec.containerPort, SourceSecurityGroupId: source(entry),
      })));
      expect(only(runtime, 'AWS::EC2::SecurityGroup').SecurityGroupIngress).toBeUndefined();
      const egress = resources(runtime, 'AWS::EC2::SecurityGroupEgress').map(([, r]) => r.Properties);
      expect(egress).toContainEqual(expect.objectContaining({
        GroupId: { 'Fn::GetAtt': [group, 'GroupId'] }, DestinationSecurityGroupId: source('kafka-security-group-id'),
        FromPort: { Ref: expect.stringContaining(contractParameter(profile.name, 'kafka-port')) },
      }));
      // no rule is ever added to a security group the environment owns
      for (const rule of [...ingress, ...egress]) {
        expect(rule.GroupId).toEqual({ 'Fn::GetAtt': [group, 'GroupId'] });
      }
    }), RUNS);
  });

  // Property 37: Target group attachment for public services
  test('a public service registers its container with its target group', () => {
    fc.assert(fc.property(serviceInEnvironment, ({ spec, profile }) => {
      const runtime = runtimeOf(spec, profile).template;
      if (!isPublic(spec)) {
        expect(only(runtime, 'AWS::ECS::Service').LoadBalancers).toBeUndefined();
        return;
      }
      const [[targetGroup]] = resources(runtime, 'AWS::ElasticLoadBalancingV2::TargetGroup');
      expect(only(runtime, 'AWS::ECS::Service').LoadBalancers).toEqual([
        { ContainerName: spec.name, ContainerPort: spec.containerPort, TargetGroupArn: { Ref: targetGroup } },
      ]);
      const rule = only(runtime, 'AWS::ElasticLoadBalancingV2::ListenerRule');
      expect(rule.Actions).toEqual([{ Type: 'forward', TargetGroupArn: { Ref: targetGroup } }]);
      expect(rule.Priority).toBe(spec.route!.priority);
    }), RUNS);
  });

  // Property 38: Target group health checks
  test('target groups check health every 30 s with a 5 s timeout, healthy after 2, unhealthy after 3', () => {
    fc.assert(fc.property(serviceInEnvironment, ({ spec, profile }) => {
      for (const [, { Properties: targetGroup }] of resources(runtimeOf(spec, profile).template, 'AWS::ElasticLoadBalancingV2::TargetGroup')) {
        expect(targetGroup).toEqual(expect.objectContaining({
          HealthCheckIntervalSeconds: 30, HealthCheckTimeoutSeconds: 5, HealthyThresholdCount: 2, UnhealthyThresholdCount: 3,
        }));
      }
    }), RUNS);
  });

  // Property 39: Path-based routing
  test('the public services of an environment have unique priorities and path rules, and a clash is refused naming both', () => {
    fc.assert(fc.property(publicFleet, fc.nat(), fc.boolean(), (specs, pick, samePriority) => {
      expect(ServiceRoutes.clashes(specs)).toEqual([]);

      // a service that takes another's priority (or its path on the same host) is named with it
      const [victim, intruder] = [specs[pick % specs.length], specs[(pick + 1) % specs.length]];
      const clashing = { ...intruder, route: samePriority ? { ...intruder.route!, priority: victim.route!.priority } : { ...victim.route!, priority: intruder.route!.priority } };
      const fleet = specs.map((s) => (s === intruder ? clashing : s));
      expect(() => ServiceRoutes.assertUnique(fleet)).toThrow(samePriority
        ? `priority ${victim.route!.priority} is used by`
        : `path pattern '${victim.route!.pathPattern}'`);
      expect(() => ServiceRoutes.assertUnique(fleet)).toThrow(new RegExp(`'${victim.name}'.*'${intruder.name}'|'${intruder.name}'.*'${victim.name}'`));
    }), RUNS);
  });

  // Property 41: Deregistration delay
  test('target groups deregister targets after 30 seconds', () => {
    fc.assert(fc.property(serviceInEnvironment, ({ spec, profile }) => {
      for (const [, { Properties: targetGroup }] of resources(runtimeOf(spec, profile).template, 'AWS::ElasticLoadBalancingV2::TargetGroup')) {
        expect(targetGroup.TargetGroupAttributes).toContainEqual({ Key: 'deregistration_delay.timeout_seconds', Value: '30' });
        expect(targetGroup.TargetGroupAttributes).toContainEqual({ Key: 'stickiness.enabled', Value: 'false' });
      }
    }), RUNS);
  });

  // Property 42: No ALB for internal services
  test('an internal service has no load balancer and is discovered through Cloud Map', () => {
    fc.assert(fc.property(serviceInEnvironment, ({ spec, profile }) => {
      const runtime = runtimeOf(spec, profile).template;
      const service = only(runtime, 'AWS::ECS::Service');
      if (isPublic(spec)) {
        expect(resources(runtime, 'AWS::ServiceDiscovery::Service')).toEqual([]);
        return;
      }
      expect(service.LoadBalancers).toBeUndefined();
      const [[registry, discovery]] = resources(runtime, 'AWS::ServiceDiscovery::Service');
      expect(service.ServiceRegistries).toEqual([{ RegistryArn: { 'Fn::GetAtt': [registry, 'Arn'] } }]);
      expect(discovery.Properties).toEqual(expect.objectContaining({
        Name: spec.name, DnsConfig: expect.objectContaining({ DnsRecords: [{ TTL: 10, Type: 'A' }] }),
      }));
    }), RUNS);
  });
});
