import { ServiceExposure } from '@fargate-platform/service-model';
import * as fc from 'fast-check';
import { SEED, serviceInEnvironment } from './generators';
import { contractParameter, deliveryOf, only, resources, runtimeOf } from './synth';

describe('service properties', () => {
  // Property 1: Module resource creation completeness
  test('every service gets its repository, task definition, service, both roles, log group and scaling', () => {
    // The CodePipeline and CodeBuild project of the design's list belong to the service's pipeline (ServicePipeline).
    fc.assert(fc.property(serviceInEnvironment, ({ service, spec, profile }) => {
      const [delivery, runtime] = [deliveryOf(spec, profile).template, runtimeOf(spec, profile).template];
      const count = (template: any, type: string) => resources(template, type).length;
      expect(count(delivery, 'AWS::ECR::Repository')).toBe(1);
      expect(count(delivery, 'AWS::SSM::Parameter')).toBe(1);
      expect({
        taskDefinitions: count(runtime, 'AWS::ECS::TaskDefinition'),
        services: count(runtime, 'AWS::ECS::Service'),
        roles: count(runtime, 'AWS::IAM::Role'),
        logGroups: count(runtime, 'AWS::Logs::LogGroup'),
        securityGroups: count(runtime, 'AWS::EC2::SecurityGroup'),
        scalableTargets: count(runtime, 'AWS::ApplicationAutoScaling::ScalableTarget'),
        dashboards: count(runtime, 'AWS::CloudWatch::Dashboard'),
      // an internal service's second group is its callers group
      }).toEqual({
        taskDefinitions: 1,
        services: 1,
        roles: 2,
        logGroups: 1,
        securityGroups: service.exposure === ServiceExposure.PUBLIC ? 1 : 2,
        scalableTargets: 1,
        dashboards: 1,
      });
      expect(resources(runtime, 'AWS::IAM::Role').map(([, r]) => r.Properties.RoleName))
        .toEqual([`${service.name}-${profile.name}-execution`, `${service.name}-${profile.name}-task`]);
    }), { seed: SEED });
  });

  // Property 4: Module outputs presence
  test('service ARN and name, repository URL, task role ARN and security group id are defined and non-empty', () => {
    fc.assert(fc.property(serviceInEnvironment, ({ service, spec, profile }) => {
      const { attributes, template: runtime } = runtimeOf(spec, profile);
      for (const [name, value] of Object.entries(attributes)) {
        expect([name, value]).toEqual([name, expect.anything()]);
        expect(JSON.stringify(value).length).toBeGreaterThan(2);
      }
      const serviceId = resources(runtime, 'AWS::ECS::Service')[0][0];
      expect(attributes.serviceArn).toEqual({ Ref: serviceId });
      expect(attributes.serviceName).toEqual({ 'Fn::GetAtt': [serviceId, 'Name'] });
      expect(JSON.stringify(attributes.repositoryUri)).toContain(`/${profile.name}/${service.name}`);
      expect(JSON.stringify(deliveryOf(spec, profile).repositoryUri)).toContain('Repository');
    }), { seed: SEED });
  });

  // Property 21: ECS service per microservice
  test('exactly one ECS service, named after the service', () => {
    fc.assert(fc.property(serviceInEnvironment, ({ service, spec, profile }) => {
      const ecsService = only(runtimeOf(spec, profile).template, 'AWS::ECS::Service');
      expect(ecsService.ServiceName).toBe(service.name);
    }), { seed: SEED });
  });

  // Property 23: Auto-scaling policy presence
  test('a scalable target between the minimum and the maximum, tracking CPU at 70%, memory at 75% and, behind the load balancer, requests per task', () => {
    fc.assert(fc.property(serviceInEnvironment, ({ spec, profile }) => {
      const { template: runtime, capacity } = runtimeOf(spec, profile);
      const target = only(runtime, 'AWS::ApplicationAutoScaling::ScalableTarget');
      expect([target.MinCapacity, target.MaxCapacity]).toEqual([capacity.minCapacity, capacity.maxCapacity]);
      expect(target.MinCapacity).toBeGreaterThanOrEqual(profile.minTasks);
      expect(target.MinCapacity).toBeLessThanOrEqual(target.MaxCapacity);
      const tracked = resources(runtime, 'AWS::ApplicationAutoScaling::ScalingPolicy').map(([, p]) => p.Properties.TargetTrackingScalingPolicyConfiguration)
        .map((c) => [c.PredefinedMetricSpecification?.PredefinedMetricType ?? c.CustomizedMetricSpecification.MetricName, c.TargetValue]);
      expect(tracked).toEqual([
        ['ECSServiceAverageCPUUtilization', 70], ['ECSServiceAverageMemoryUtilization', 75],
        ...(spec.isPublic ? [['RequestCountPerTarget', 1000]] : []),
      ]);
    }), { seed: SEED });
  });

  // Property 24: Desired count configuration
  test('the desired count is a positive integer: the spec\'s, raised to the environment\'s minTasks', () => {
    fc.assert(fc.property(serviceInEnvironment, ({ service, spec, profile }) => {
      const { DesiredCount } = only(runtimeOf(spec, profile).template, 'AWS::ECS::Service');
      expect(Number.isInteger(DesiredCount) && DesiredCount > 0).toBe(true);
      expect(DesiredCount).toBe(Math.max(service.desiredCount, service.minCapacity ?? 0, profile.minTasks));
    }), { seed: SEED });
  });

  // Property 25: Rolling update configuration
  test('rolling updates keep 100% healthy, go up to 200%, and roll back on the circuit breaker or the paging alarm', () => {
    fc.assert(fc.property(serviceInEnvironment, ({ spec, profile }) => {
      const runtime = runtimeOf(spec, profile).template;
      const { DeploymentConfiguration } = only(runtime, 'AWS::ECS::Service');
      expect(DeploymentConfiguration.MinimumHealthyPercent).toBe(100);
      expect(DeploymentConfiguration.MaximumPercent).toBe(200);
      expect(DeploymentConfiguration.DeploymentCircuitBreaker).toEqual({ Enable: true, Rollback: true });
      const critical = resources(runtime, 'AWS::CloudWatch::Alarm')
        .filter(([, a]) => JSON.stringify(a.Properties.AlarmActions).includes(contractParameter(profile.name, 'critical-topic-arn')))
        .map(([id]) => ({ Ref: id }));
      expect(DeploymentConfiguration.Alarms).toEqual({ AlarmNames: critical, Enable: true, Rollback: true });
    }), { seed: SEED });
  });

  // Property 27: Private subnet placement
  test('tasks run in the environment\'s private subnets, without public IP', () => {
    fc.assert(fc.property(serviceInEnvironment, ({ spec, profile }) => {
      const { AwsvpcConfiguration } = only(runtimeOf(spec, profile).template, 'AWS::ECS::Service').NetworkConfiguration;
      expect(AwsvpcConfiguration.AssignPublicIp).toBe('DISABLED');
      expect(AwsvpcConfiguration.Subnets).toHaveLength(profile.availabilityZones);
      for (const subnet of AwsvpcConfiguration.Subnets) {
        expect(JSON.stringify(subnet)).toContain(contractParameter(profile.name, 'private-subnet-ids'));
        expect(JSON.stringify(subnet)).not.toContain(contractParameter(profile.name, 'public-subnet-ids'));
      }
    }), { seed: SEED });
  });

  // Property 30: CloudWatch alarms creation
  test('CPU, memory and task-failure alarms (and response time and unhealthy targets when public), each notifying a topic', () => {
    fc.assert(fc.property(serviceInEnvironment, ({ service, spec, profile }) => {
      const alarms = resources(runtimeOf(spec, profile).template, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
      const metrics = alarms.map((a) => a.MetricName).sort();
      const expected = ['CPUUtilization', 'MatchedEvents', 'MemoryUtilization',
        ...(service.exposure === ServiceExposure.PUBLIC ? ['TargetResponseTime', 'UnHealthyHostCount'] : [])].sort();
      expect(metrics).toEqual(expected);
      for (const alarm of alarms) {
        expect(alarm.ActionsEnabled).toBe(true);
        expect(alarm.AlarmActions).toHaveLength(1);
        expect(alarm.AlarmName.startsWith(`${service.name}-${profile.name}-`)).toBe(true);
      }
    }), { seed: SEED });
  });
});
