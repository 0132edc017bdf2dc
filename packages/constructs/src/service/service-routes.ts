import { PlatformError } from '../errors';
import { ServiceKind, ServiceSpec } from './service-spec';

/**
 * Fleet-wide checks of the listener rules of an environment's public services. Routes are
 * assigned in one place (the fleet's projenrc), and checked here before anything is
 * synthesized, so that twelve apps never race for a priority or shadow each other's paths.
 *
 * @example
 * declare const specs: platform.ServiceSpec[];
 * platform.ServiceRoutes.assertUnique(specs);
 */
export class ServiceRoutes {
  /**
   * Throw a `PlatformError` naming every clash among the services: two services with the
   * same name, two public services with the same listener priority on the same load balancer,
   * or with the same path pattern on the same host (on any of the environment's load balancers). Internal services have no route and are only checked by name.
   *
   * @param specs the services that share one environment (and so its load balancers)
   */
  public static assertUnique(specs: ServiceSpec[]): void {
    PlatformError.throwAll(undefined, ServiceRoutes.clashes(specs));
  }

  /**
   * The clashes `assertUnique` would throw for, one message each; empty when every route is unique.
   *
   * @param specs the services that share one environment
   */
  public static clashes(specs: ServiceSpec[]): string[] {
    const problems: string[] = [];
    const report = (what: string, groups: Map<string, string[]>) => {
      for (const [key, names] of groups) {
        if (names.length > 1) {
          problems.push(`${what} must be unique across the environment's services; ${key} is used by ${names.map((n) => `'${n}'`).join(', ')}`);
        }
      }
    };
    report('service names', groupBy(specs, (s) => `name '${s.name}'`));
    const routed = specs.filter((s) => s.kind === ServiceKind.PUBLIC && s.route !== undefined);
    // Priorities are per listener: services on different load balancers may share one.
    report('listener rule priorities', groupBy(routed, (s) => `priority ${s.route!.priority}${onLoadBalancer(s)}`));
    report('listener rule conditions (host header and path pattern)', groupBy(routed,
      (s) => `path pattern '${s.route!.pathPattern}' on ${s.route!.hostHeader ? `host '${s.route!.hostHeader.toLowerCase()}'` : 'any host'}`));
    return problems;
  }

  private constructor() {}
}

function onLoadBalancer(spec: ServiceSpec): string {
  const index = spec.route?.loadBalancer ?? 0;
  return index === 0 ? '' : ` on load balancer ${index}`;
}

function groupBy(specs: ServiceSpec[], key: (spec: ServiceSpec) => string): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const spec of specs) {
    groups.set(key(spec), [...(groups.get(key(spec)) ?? []), spec.name]);
  }
  return groups;
}
