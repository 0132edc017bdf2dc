import { ServiceRoute, ServiceSpec } from '@fargate-platform/service-model';
import { Duration } from 'aws-cdk-lib';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import { IPlatformEnvironment } from '../../environment/environment-contract';

/**
 * A public service's place on the environment's HTTPS listener: an IP target group with the
 * design's health check (30 s interval, 5 s timeout, healthy after 2, unhealthy after 3),
 * a 30-second deregistration delay and no stickiness, and a listener rule forwarding the
 * route's path pattern (and host header, if given) at the route's priority, on the HTTPS
 * listener of the route's load balancer.
 */
export function createPublicRoute(scope: Construct, environment: IPlatformEnvironment, spec: ServiceSpec,
  healthCheckPath: string): PublicRoute {
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
  const listener = routeListener(environment, route);
  new elbv2.ApplicationListenerRule(scope, 'ListenerRule', {
    listener,
    priority: route.priority,
    conditions: [
      elbv2.ListenerCondition.pathPatterns([route.pathPattern]),
      ...(route.hostHeader ? [elbv2.ListenerCondition.hostHeaders([route.hostHeader])] : []),
    ],
    action: elbv2.ListenerAction.forward([targetGroup]),
  });
  return { targetGroup, listener };
}

/** A public service's target group and the listener its rule sits on. */
export interface PublicRoute {
  readonly targetGroup: elbv2.ApplicationTargetGroup;
  readonly listener: elbv2.IApplicationListener;
}

/**
 * The HTTPS listener of the route's load balancer: `httpsListener` for the first (so that an
 * environment given with its own listener keeps working), `httpsListenerOf(n)` for the others.
 */
export function routeListener(environment: IPlatformEnvironment, route: ServiceRoute): elbv2.IApplicationListener {
  const index = route.loadBalancer;
  return index === 0 ? environment.httpsListener : environment.httpsListenerOf(index);
}
