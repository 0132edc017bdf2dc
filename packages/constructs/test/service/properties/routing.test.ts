import { RoutePlanner, ServiceExposure, ServiceSpec } from '@fargate-platform/service-model';
import * as fc from 'fast-check';
import { SEED, serviceFields, serviceInEnvironment } from './generators';
import { containerOf, contractParameter, only, resources, runtimeOf } from './synth';
import { EnvironmentProfile } from '../../../src';
import { ServiceFields, specOf } from '../../helpers/service-spec';

const isPublic = (service: ServiceFields) => service.exposure === ServiceExposure.PUBLIC;

/** Sets of 2-6 public services with distinct names, priorities and path patterns: one environment's listener (develop's). */
const publicFleet = fc.uniqueArray(serviceFields.filter(isPublic), {
  minLength: 2,
  maxLength: 6,
  selector: (s) => s.name,
}).filter((services) => new Set(services.map((s) => s.route!.priority)).size === services.length
  && new Set(services.map((s) => s.route!.pathPattern)).size === services.length)
  .map((services) => services.map((service) => specOf(service, EnvironmentProfile.DEVELOP)));

/** The listener rules of public services, as the route planner checks them. */
const placed = (specs: ServiceSpec[]) => specs.map(({ name, route }) => ({
  service: name, pathPattern: route!.pathPattern, priority: route!.priority, hostHeader: route!.hostHeader, loadBalancer: route!.loadBalancer,
}));

/**
 * Every property here holds for both kinds, so all of them read the same configurations; 200 of them, so that each
 * kind-specific statement is checked on about 100 services of its kind.
 */
const RUNS = { seed: SEED, numRuns: 200 };

describe('routing properties', () => {
  // Property 3: Conditional ALB resource creation
  test('a public service gets one target group and one listener rule, an internal service none', () => {
    fc.assert(fc.property(serviceInEnvironment, ({ service, spec, profile }) => {
      const runtime = runtimeOf(spec, profile).template;
      const expected = isPublic(service) ? 1 : 0;
      expect(resources(runtime, 'AWS::ElasticLoadBalancingV2::TargetGroup')).toHaveLength(expected);
      expect(resources(runtime, 'AWS::ElasticLoadBalancingV2::ListenerRule')).toHaveLength(expected);
    }), RUNS);
  });

  // Property 33: Health check configuration
  test('every container has a health check; a public service\'s target group checks the same path', () => {
    fc.assert(fc.property(serviceInEnvironment, ({ service, spec, profile }) => {
      const runtime = runtimeOf(spec, profile).template;
      const path = service.healthCheckPath ?? '/health';
      const { HealthCheck } = containerOf(runtime);
      expect(HealthCheck).toEqual({
        Command: ['CMD-SHELL', expect.stringContaining(`http://localhost:${service.containerPort}${path}'`)],
        Interval: 30,
        Timeout: 5,
        Retries: 3,
        StartPeriod: 60,
      });
      if (isPublic(service)) {
        const targetGroup = only(runtime, 'AWS::ElasticLoadBalancingV2::TargetGroup');
        expect([targetGroup.HealthCheckEnabled, targetGroup.HealthCheckPath]).toEqual([true, path]);
      }
    }), RUNS);
  });

  // Property 35: Comprehensive security group rules
  test('public services admit only the load balancer, internal ones only their callers group; all reach the endpoints, S3 and Kafka only', () => {
    fc.assert(fc.property(serviceInEnvironment, ({ service, spec, profile }) => {
      const runtime = runtimeOf(spec, profile).template;
      const groups = resources(runtime, 'AWS::EC2::SecurityGroup').map(([id]) => id);
      const group = groups.find((id) => id.startsWith('ServiceSecurityGroup'))!;
      const callers = groups.find((id) => id.startsWith('ServiceCallersSecurityGroup'));
      expect(groups).toHaveLength(isPublic(service) ? 1 : 2);
      const contract = (entry: string) => ({ Ref: expect.stringContaining(contractParameter(profile.name, entry)) });
      const ingress = resources(runtime, 'AWS::EC2::SecurityGroupIngress').map(([, r]) => r.Properties);
      expect(ingress).toEqual([expect.objectContaining({
        GroupId: { 'Fn::GetAtt': [group, 'GroupId'] },
        IpProtocol: 'tcp',
        FromPort: service.containerPort,
        ToPort: service.containerPort,
        SourceSecurityGroupId: isPublic(service) ? contract('load-balancer-security-group-id') : { 'Fn::GetAtt': [callers, 'GroupId'] },
      })]);
      const egress = resources(runtime, 'AWS::EC2::SecurityGroupEgress').map(([, r]) => r.Properties);
      const own = egress.filter((e) => e.GroupId['Fn::GetAtt'][0] === group);
      expect(own).toEqual([
        expect.objectContaining({ DestinationSecurityGroupId: contract('endpoint-security-group-id'), FromPort: 443, ToPort: 443 }),
        expect.objectContaining({ DestinationPrefixListId: contract('s3-prefix-list-id'), FromPort: 443, ToPort: 443 }),
        expect.objectContaining({
          DestinationSecurityGroupId: contract('kafka-security-group-id'),
          FromPort: { Ref: expect.stringContaining(contractParameter(profile.name, 'kafka-port')) },
        }),
      ]);
      // the callers group reaches this service only, on its port
      expect(egress.filter((e) => e.GroupId['Fn::GetAtt'][0] !== group)).toEqual(callers ? [expect.objectContaining({
        GroupId: { 'Fn::GetAtt': [callers, 'GroupId'] },
        DestinationSecurityGroupId: { 'Fn::GetAtt': [group, 'GroupId'] },
        FromPort: service.containerPort,
        ToPort: service.containerPort,
      })] : []);
      // no address range is ever opened, in a rule of its own or inline on a group (but CDK's placeholder for "no egress")
      const inline = resources(runtime, 'AWS::EC2::SecurityGroup').flatMap(([, g]) => [...(g.Properties.SecurityGroupIngress ?? []),
        ...(g.Properties.SecurityGroupEgress ?? [])]).filter((r: any) => r.CidrIp !== '255.255.255.255/32');
      expect(JSON.stringify([...ingress, ...egress, ...inline])).not.toMatch(/CidrIp/);
      // the tasks carry their own group and the callers group of each service they call, read from its parameter
      const carried = only(runtime, 'AWS::ECS::Service').NetworkConfiguration.AwsvpcConfiguration.SecurityGroups;
      expect(carried).toEqual([{ 'Fn::GetAtt': [group, 'GroupId'] }, ...(service.calls ?? []).map((callee) => ({
        Ref: expect.stringContaining(contractParameter(profile.name, `services/${callee}/callers-security-group-id`)),
      }))]);
    }), RUNS);
  });

  // Property 37: Target group attachment for public services
  test('a public service registers its container with its target group', () => {
    fc.assert(fc.property(serviceInEnvironment, ({ service, spec, profile }) => {
      const runtime = runtimeOf(spec, profile).template;
      if (!isPublic(service)) {
        expect(only(runtime, 'AWS::ECS::Service').LoadBalancers).toBeUndefined();
        return;
      }
      const [[targetGroup]] = resources(runtime, 'AWS::ElasticLoadBalancingV2::TargetGroup');
      expect(only(runtime, 'AWS::ECS::Service').LoadBalancers).toEqual([
        { ContainerName: service.name, ContainerPort: service.containerPort, TargetGroupArn: { Ref: targetGroup } },
      ]);
      const rule = only(runtime, 'AWS::ElasticLoadBalancingV2::ListenerRule');
      expect(rule.Actions).toEqual([{ Type: 'forward', TargetGroupArn: { Ref: targetGroup } }]);
      expect(rule.Priority).toBe(service.route!.priority);
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
  test('the public services of an environment have unique priorities and path rules, and a clash is found naming both', () => {
    fc.assert(fc.property(publicFleet, fc.nat(), fc.boolean(), (specs, pick, samePriority) => {
      expect(RoutePlanner.conflicts(placed(specs))).toEqual([]);

      // a service that takes another's priority (or its path on the same host) is named with it
      const routes = placed(specs);
      const [victim, intruder] = [routes[pick % routes.length], routes[(pick + 1) % routes.length]];
      const clashing = samePriority
        ? { ...intruder, priority: victim.priority }
        : { ...intruder, pathPattern: victim.pathPattern, hostHeader: victim.hostHeader };
      const conflicts = RoutePlanner.conflicts(routes.map((r) => (r === intruder ? clashing : r)));
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]).toContain(samePriority
        ? `listener rule priority ${victim.priority} is used by`
        : `path pattern '${victim.pathPattern}'`);
      expect(conflicts[0]).toMatch(new RegExp(`'${victim.service}'.*'${intruder.service}'|'${intruder.service}'.*'${victim.service}'`));
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
    fc.assert(fc.property(serviceInEnvironment, ({ service, spec, profile }) => {
      const runtime = runtimeOf(spec, profile).template;
      const ecsService = only(runtime, 'AWS::ECS::Service');
      if (isPublic(service)) {
        expect(resources(runtime, 'AWS::ServiceDiscovery::Service')).toEqual([]);
        return;
      }
      expect(ecsService.LoadBalancers).toBeUndefined();
      const [[registry, discovery]] = resources(runtime, 'AWS::ServiceDiscovery::Service');
      expect(ecsService.ServiceRegistries).toEqual([{ RegistryArn: { 'Fn::GetAtt': [registry, 'Arn'] } }]);
      expect(discovery.Properties).toEqual(expect.objectContaining({
        Name: service.name, DnsConfig: expect.objectContaining({ DnsRecords: [{ TTL: 10, Type: 'A' }] }),
      }));
    }), RUNS);
  });
});
