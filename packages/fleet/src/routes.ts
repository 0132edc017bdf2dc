import { ServiceKind, ServiceRoutes, ServiceSpec } from '@fargate-platform/constructs';
import { MAX_LOAD_BALANCERS, RULES_PER_LOAD_BALANCER, SERVICES_PER_LOAD_BALANCER } from './route-plan';

/**
 * Problems of the public services' listener rules, as sentences naming the services: rules
 * that clash on one listener (same path, or same priority on the same load balancer), a
 * service on a load balancer the environments do not create, and a load balancer carrying
 * more than 80 public services (each has a rule and a target group; the quota is 100 of each).
 * Every environment has the same load balancers, so one check covers them all.
 */
export function routeProblems(specs: ServiceSpec[], loadBalancers: number): string[] {
  const routed = specs.filter((s) => s.kind === ServiceKind.PUBLIC);
  const problems = ServiceRoutes.clashes(routed);
  const byLoadBalancer = new Map<number, string[]>();
  for (const spec of routed.filter((s) => s.route !== undefined)) {
    const index = spec.route!.loadBalancer ?? 0;
    byLoadBalancer.set(index, [...(byLoadBalancer.get(index) ?? []), spec.name]);
  }
  for (const [index, names] of [...byLoadBalancer].sort(([a], [b]) => a - b)) {
    if (index >= loadBalancers) {
      problems.push(`${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} on load balancer ${index}, but the environments create `
        + `${loadBalancers} (0-${loadBalancers - 1}, at most ${MAX_LOAD_BALANCERS}): run npx projen to reassign, or raise loadBalancers`);
    }
    if (names.length > SERVICES_PER_LOAD_BALANCER) {
      problems.push(`load balancer ${index} carries ${names.length} public services, each with a listener rule and a target group; `
        + `an Application Load Balancer allows ${RULES_PER_LOAD_BALANCER} of each and the fleet uses at most ${SERVICES_PER_LOAD_BALANCER} (80 %)`);
    }
  }
  return problems;
}
