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
   * its load balancer's public address, which no task may reach), a callee missing from an
   * environment its caller is deployed to (where the caller's stack would find no callers group),
   * and calls that form a cycle (each stack needs the other's callers group first).
   *
   * @param services every service of the fleet
   */
  public static problems(services: CallingService[]): string[] {
    const byName = new Map(services.map((s) => [s.name, s]));
    const everywhere = [...new Set(services.flatMap((s) => s.environments ?? []))];
    const environmentsOf = (s: CallingService): string[] => s.environments ?? everywhere;
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
          const missing = environmentsOf(caller).filter((e) => !environmentsOf(callee).includes(e));
          if (missing.length > 0) {
            problems.push(`${caller.name}: calls '${name}', which is not deployed to ${missing.join(', ')}, where ${caller.name} is`);
          }
        }
      }
    }
    problems.push(...ServiceCalls.cycles(services).map((cycle) => `${cycle.join(' -> ')}: these calls form a cycle; a service deploys after `
      + 'the services it calls (its stack reads their callers groups), so none of them could be deployed first'));
    return problems;
  }

  /**
   * The order in which the services' runtime stacks deploy: each after the services it calls.
   * Throws when the calls form a cycle (see `problems`).
   *
   * @param services every service of the fleet
   */
  public static deployOrder(services: CallingService[]): string[] {
    const cycles = ServiceCalls.cycles(services);
    if (cycles.length > 0) {
      throw new Error(`the calls form a cycle: ${cycles[0].join(' -> ')}`);
    }
    const byName = new Map(services.map((s) => [s.name, s]));
    const order: string[] = [];
    const visit = (name: string): void => {
      if (order.includes(name) || !byName.has(name)) {
        return;
      }
      byName.get(name)!.calls.forEach(visit);
      order.push(name);
    };
    [...byName.keys()].sort().forEach(visit);
    return order;
  }

  /** Each cycle of calls once, from the first of its services by name back to it. */
  private static cycles(services: CallingService[]): string[][] {
    const byName = new Map(services.map((s) => [s.name, s]));
    const found = new Map<string, string[]>();
    const walk = (path: string[]): void => {
      for (const next of byName.get(path[path.length - 1])?.calls ?? []) {
        const at = path.indexOf(next);
        if (at >= 0) {
          const cycle = path.slice(at);
          const start = cycle.indexOf([...cycle].sort()[0]);
          const canonical = [...cycle.slice(start), ...cycle.slice(0, start)];
          found.set(canonical.join(' '), [...canonical, canonical[0]]);
        } else if (byName.has(next)) {
          walk([...path, next]);
        }
      }
    };
    [...byName.keys()].sort().forEach((name) => walk([name]));
    return [...found.values()];
  }

  private constructor() {}
}
