import { closest } from '../private/did-you-mean';

/** A service of a fleet, as far as calls between services go. */
export interface CallingService {
  /** The service's name. */
  readonly name: string;
  /** Whether it is behind the load balancer (public) rather than reached in the VPC (internal). */
  readonly isPublic: boolean;
  /** The services it calls (`calls` in its description). */
  readonly calls: string[];
  /**
   * The environments it is deployed to.
   * @default - every environment of the fleet
   */
  readonly environments?: string[];
}

/**
 * The calls between a fleet's services, checked fleet-wide: a service's own description can only
 * be checked for its form (`ServiceDefinition`), not for whether what it calls exists.
 */
export class ServiceCalls {
  /**
   * Every problem of the fleet's calls, as sentences naming the caller, the callee and what is
   * allowed: a callee that is not in the fleet (with "did you mean"), a public callee (reached at
   * its load balancer's public address, which no task may reach), and a callee missing from an
   * environment its caller is deployed to (where the caller's stack would find no callers group).
   *
   * @param services every service of the fleet
   */
  public static problems(services: CallingService[]): string[] {
    const byName = new Map(services.map((s) => [s.name, s]));
    const problems: string[] = [];
    for (const caller of services) {
      for (const name of caller.calls) {
        const callee = byName.get(name);
        if (!callee) {
          const near = closest(name, [...byName.keys()]);
          problems.push(`${caller.name}: calls '${name}', which is not a service of the fleet${near ? ` (did you mean '${near}'?)` : ''}`);
        } else if (callee.isPublic) {
          problems.push(`${caller.name}: calls '${name}', a public service: services reach each other inside the VPC, and a public service `
            + 'is reached at its load balancer\'s public address, which tasks may not reach; calls must name internal services');
        } else {
          const missing = (caller.environments ?? []).filter((e) => callee.environments !== undefined && !callee.environments.includes(e));
          if (missing.length > 0) {
            problems.push(`${caller.name}: calls '${name}', which is not deployed to ${missing.join(', ')}, where ${caller.name} is`);
          }
        }
      }
    }
    return problems;
  }

  private constructor() {}
}
