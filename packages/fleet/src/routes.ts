import { Quotas, RoutePlanner, ServiceDefinition } from '@fargate-platform/service-model';

/**
 * Problems of the public services' listener rules in each environment, as sentences naming the
 * services (`RoutePlanner.conflicts`: one priority twice on a load balancer, one path twice,
 * a rule that shadows another), and a load balancer carrying more than 80 public services
 * (each has a rule and a target group; the quota is 100 of each). A service on a load balancer
 * its environment does not create is refused when its description is parsed.
 */
export function routeProblems(definitions: ServiceDefinition[]): string[] {
  const problems: string[] = [];
  const environments = [...new Set(definitions.flatMap((d) => d.targets.map((t) => t.environment)))];
  for (const environment of environments) {
    const routed = definitions.flatMap((d) => d.specs).filter((s) => s.environment === environment && s.route !== undefined);
    const conflicts = RoutePlanner.conflicts(routed.map((s) => ({ service: s.name, ...s.route! })));
    problems.push(...conflicts.map((c) => `${environment}: ${c}`));
    const byLoadBalancer = new Map<number, string[]>();
    routed.forEach((s) => byLoadBalancer.set(s.route!.loadBalancer, [...(byLoadBalancer.get(s.route!.loadBalancer) ?? []), s.name]));
    for (const [index, names] of [...byLoadBalancer].sort(([a], [b]) => a - b)) {
      if (names.length > Quotas.SERVICES_PER_LOAD_BALANCER) {
        problems.push(`${environment}: load balancer ${index} carries ${names.length} public services, each with a listener rule and a `
          + `target group; an Application Load Balancer allows ${Quotas.RULES_PER_LOAD_BALANCER.max} of each and the fleet uses at most `
          + `${Quotas.SERVICES_PER_LOAD_BALANCER} (80 %)`);
      }
    }
  }
  return [...new Set(problems)];
}
