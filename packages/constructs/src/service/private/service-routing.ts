import { Duration } from 'aws-cdk-lib';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import { IPlatformEnvironment } from '../../environment/environment-contract';
import { ServiceSpec } from '../service-spec';

/**
 * A public service's place on the environment's HTTPS listener: an IP target group with the
 * design's health check (30 s interval, 5 s timeout, healthy after 2, unhealthy after 3),
 * a 30-second deregistration delay and no stickiness, and a listener rule forwarding the
 * route's path pattern (and host header, if given) at the route's priority.
 */
export function createPublicRoute(scope: Construct, environment: IPlatformEnvironment, spec: ServiceSpec,
  healthCheckPath: string): elbv2.ApplicationTargetGroup {
  const targetGroup = new elbv2.ApplicationTargetGroup(scope, 'TargetGroup', {
    vpc: environment.vpc,
    targetType: elbv2.TargetType.IP,
    protocol: elbv2.ApplicationProtocol.HTTP,
    port: spec.containerPort,
    deregistrationDelay: Duration.seconds(30),
    healthCheck: {
      enabled: true,
      path: healthCheckPath,
      protocol: elbv2.Protocol.HTTP,
      interval: Duration.seconds(30),
      timeout: Duration.seconds(5),
      healthyThresholdCount: 2,
      unhealthyThresholdCount: 3,
      healthyHttpCodes: '200-399',
    },
  });
  // Stateless services: no stickiness, written out so that the template says so.
  targetGroup.setAttribute('stickiness.enabled', 'false');

  const route = spec.route!;
  new elbv2.ApplicationListenerRule(scope, 'ListenerRule', {
    listener: environment.httpsListener,
    priority: route.priority,
    conditions: [
      elbv2.ListenerCondition.pathPatterns([route.pathPattern]),
      ...(route.hostHeader ? [elbv2.ListenerCondition.hostHeaders([route.hostHeader])] : []),
    ],
    action: elbv2.ListenerAction.forward([targetGroup]),
  });
  return targetGroup;
}
