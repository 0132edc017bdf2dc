import { ModelError } from '../model-error';
import { Quotas } from '../quotas';

/** One service, as the route plan sees it. */
export interface RouteRequest {
  /** The service's name. */
  readonly name: string;
  /** Whether the service is behind the load balancers. */
  readonly isPublic: boolean;
  /**
   * Listener path pattern (public services only).
   * @default - none
   */
  readonly pathPattern?: string;
  /**
   * Keep the service on this load balancer (from 0), e.g. because its clients use that load balancer's name.
   * @default - where the previous plan put it, else the first with room
   */
  readonly loadBalancer?: number;
}

/** Where a public service's rule sits. */
export interface RouteAssignment {
  readonly loadBalancer: number;
  readonly priority: number;
}

/** The fleet's routes: one assignment per public service, and how many load balancers they need. */
export interface RoutePlan {
  /** Each public service's assignment, by name. */
  readonly routes: { [service: string]: RouteAssignment };
  /** Load balancers each environment must create (at least 1). */
  readonly loadBalancers: number;
}

/** A listener rule as deployed: for checking rules that were assigned apart (a service outside the fleet). */
export interface PlacedRoute {
  readonly service: string;
  readonly pathPattern: string;
  readonly priority: number;
  /** @default 0 */
  readonly loadBalancer?: number;
  /** @default - any host */
  readonly hostHeader?: string;
}

/** A public service outside the fleet (its own repository), asking for a listener rule priority. */
export interface StandaloneRoute {
  readonly service: string;
  readonly pathPattern: string;
  /** @default 0 */
  readonly loadBalancer?: number;
  /** @default - any host */
  readonly hostHeader?: string;
}

/**
 * The fleet's route assignment, decided in one place before anything is synthesized: each
 * public service's load balancer and listener rule priority, more specific paths first, so that
 * no rule shadows another.
 */
export class RoutePlanner {
  /** Where each load balancer's priorities start. */
  public static readonly FIRST_PRIORITY = 100;
  /** The gap between two services' priorities. */
  public static readonly PRIORITY_STEP = 10;

  /** The lowest priority of a service outside the fleet (the listener's first). */
  public static readonly STANDALONE_FIRST_PRIORITY = 1;
  /** The highest priority of a service outside the fleet: below the fleet's first, so that the fleet can renumber without reaching them. */
  public static readonly STANDALONE_LAST_PRIORITY = RoutePlanner.FIRST_PRIORITY - 1;

  /**
   * Assign every public service its load balancer and priority.
   *
   * - A service keeps the load balancer it is pinned to, else the one it had (`previous`), so
   *   that it never moves while the fleet grows; a new service goes on the first load balancer
   *   with room (80 services each: 80 % of an Application Load Balancer's 100 rules and 100
   *   target groups).
   * - On each load balancer, priorities run from 100 in steps of 10, from the most specific path
   *   to the least (a catch-all such as `/*` goes last).
   *
   * Throws, naming every problem at once: a service added twice, a public service without a path,
   * an internal service with one, a path claimed twice, a load balancer pinned beyond its capacity,
   * more load balancers than an environment may have.
   *
   * @param services every service of the fleet
   * @param previous the load balancer of each service in the last plan
   */
  public static plan(services: RouteRequest[], previous: { [service: string]: number } = {}): RoutePlan {
    const problems: string[] = [];
    const names = new Map<string, number>();
    services.forEach((s) => names.set(s.name, (names.get(s.name) ?? 0) + 1));
    for (const [name, count] of names) {
      if (count > 1) {
        problems.push(`service '${name}' is added ${count} times; each service once`);
      }
    }
    const routed = services.filter((s) => s.isPublic);
    for (const s of routed.filter((r) => !r.pathPattern)) {
      problems.push(`public service '${s.name}' needs a path pattern (e.g. '/${s.name}/*')`);
    }
    for (const s of services.filter((r) => !r.isPublic && r.pathPattern)) {
      problems.push(`internal service '${s.name}' cannot have a path pattern; got '${s.pathPattern}'`);
    }
    const byPath = new Map<string, string[]>();
    for (const s of routed.filter((r) => r.pathPattern)) {
      byPath.set(s.pathPattern!, [...(byPath.get(s.pathPattern!) ?? []), s.name]);
    }
    for (const [pathPattern, owners] of byPath) {
      if (owners.length > 1) {
        problems.push(`path pattern '${pathPattern}' is claimed by ${owners.join(' and ')}; each path belongs to one service`);
      }
    }
    for (const s of routed.filter((r) => r.loadBalancer !== undefined)) {
      if (!Number.isInteger(s.loadBalancer) || s.loadBalancer! < 0 || s.loadBalancer! >= Quotas.MAX_LOAD_BALANCERS) {
        problems.push(`service '${s.name}': loadBalancer must be a whole number from 0 to ${Quotas.MAX_LOAD_BALANCERS - 1}; got ${s.loadBalancer}`);
      }
    }
    RoutePlanner.throwAll(problems);

    // Pinned services first, then those that had a load balancer, then the new ones in the order they were added.
    const members: string[][] = [];
    const place = (name: string, index: number) => {
      while (members.length <= index) {
        members.push([]);
      }
      members[index].push(name);
    };
    routed.filter((s) => s.loadBalancer !== undefined).forEach((s) => place(s.name, s.loadBalancer!));
    const unpinned = routed.filter((s) => s.loadBalancer === undefined);
    for (const s of unpinned.filter((r) => previous[r.name] !== undefined)) {
      const index = previous[s.name];
      if (Number.isInteger(index) && index >= 0 && index < Quotas.MAX_LOAD_BALANCERS
        && (members[index]?.length ?? 0) < Quotas.SERVICES_PER_LOAD_BALANCER) {
        place(s.name, index);
      }
    }
    const placed = new Set(members.flat());
    for (const s of unpinned.filter((r) => !placed.has(r.name))) {
      let index = 0;
      while ((members[index]?.length ?? 0) >= Quotas.SERVICES_PER_LOAD_BALANCER) {
        index++;
      }
      place(s.name, index);
    }

    members.forEach((group, index) => {
      if (group.length > Quotas.SERVICES_PER_LOAD_BALANCER) {
        problems.push(`load balancer ${index} would carry ${group.length} public services (${group.join(', ')}), each with a listener `
          + `rule and a target group; an Application Load Balancer allows ${Quotas.RULES_PER_LOAD_BALANCER.max} of each and the fleet uses `
          + `at most ${Quotas.SERVICES_PER_LOAD_BALANCER} (${Quotas.FLEET_HEADROOM * 100} %): pin fewer services to it`);
      }
    });
    if (members.length > Quotas.MAX_LOAD_BALANCERS) {
      problems.push(`the fleet's ${routed.length} public services need ${members.length} load balancers; an environment may have at most `
        + `${Quotas.MAX_LOAD_BALANCERS} (80 % of the 50 a Region allows, ${Quotas.SERVICES_PER_LOAD_BALANCER} services each)`);
    }
    RoutePlanner.throwAll(problems);

    const byName = new Map(routed.map((s) => [s.name, s]));
    const routes: { [service: string]: RouteAssignment } = {};
    members.forEach((group, loadBalancer) => {
      const ordered = group.map((n) => byName.get(n)!)
        .sort((a, b) => RoutePlanner.specificity(b.pathPattern!) - RoutePlanner.specificity(a.pathPattern!)
          || a.pathPattern!.localeCompare(b.pathPattern!));
      ordered.forEach((s, i) => { routes[s.name] = { loadBalancer, priority: RoutePlanner.FIRST_PRIORITY + i * RoutePlanner.PRIORITY_STEP }; });
    });
    return { routes, loadBalancers: Math.max(1, members.length) };
  }

  /**
   * How specific a path pattern is: a longer literal prefix before the first wildcard is more
   * specific; `/*` is the least.
   *
   * @param pathPattern e.g. `/api/orders/*`
   */
  public static specificity(pathPattern: string): number {
    const literal = pathPattern.split(/[*?]/)[0];
    return literal.split('/').filter(Boolean).length * 1000 + literal.length;
  }

  /**
   * Problems among rules placed on an environment's load balancers, one sentence each: two rules
   * with one priority on one load balancer, two with the same conditions (on any load balancer), and a rule that
   * shadows another (its pattern matches every path of the other's, on the same host and load
   * balancer, and it is evaluated first).
   *
   * @param routes every rule of the environment
   */
  public static conflicts(routes: PlacedRoute[]): string[] {
    const problems: string[] = [];
    const lb = (r: PlacedRoute) => r.loadBalancer ?? 0;
    const host = (r: PlacedRoute) => (r.hostHeader ?? '').toLowerCase();
    const where = (r: PlacedRoute) => `${lb(r) === 0 ? '' : ` on load balancer ${lb(r)}`}`;
    for (let i = 0; i < routes.length; i++) {
      for (let j = i + 1; j < routes.length; j++) {
        const [a, b] = [routes[i], routes[j]];
        // A path belongs to one service on every load balancer (as in the plan): clients may reach them through one name.
        if (host(a) === host(b) && a.pathPattern === b.pathPattern) {
          problems.push(`path pattern '${a.pathPattern}' on ${a.hostHeader ? `host '${host(a)}'` : 'any host'} is claimed by `
            + `'${a.service}' and '${b.service}'; each path belongs to one service`);
          continue;
        }
        if (lb(a) !== lb(b)) {
          continue;
        }
        if (a.priority === b.priority) {
          problems.push(`listener rule priority ${a.priority}${where(a)} is used by '${a.service}' and '${b.service}'; each priority once per load balancer`);
        }
        if (host(a) !== host(b)) {
          continue;
        }
        const [first, second] = a.priority < b.priority ? [a, b] : [b, a];
        if (covers(first.pathPattern, second.pathPattern)) {
          problems.push(`'${first.service}' (${first.pathPattern}, priority ${first.priority}) shadows '${second.service}' `
            + `(${second.pathPattern}, priority ${second.priority})${where(first)}: every request for ${second.pathPattern} would go to `
            + `'${first.service}'; a more specific path needs a lower priority number`);
        }
      }
    }
    return problems;
  }

  /**
   * The listener rule priority of a public service outside the fleet (a team's own repository),
   * which sees the fleet's published routes but not other such services:
   *
   * - it goes before every rule of the fleet (priorities 1 to 99; the fleet starts at 100 and keeps
   *   renumbering its own rules from there), so no fleet rule shadows it, now or after the fleet grows;
   * - a longer literal path prefix gets a lower number (`/a/b/*` before `/a/*`), so that two such
   *   services never shadow each other; two with prefixes of one length get one number, and
   *   CloudFormation refuses the second listener rule (give one of them `routePriority`).
   *
   * Throws when that order would be wrong: the path is the fleet's, or it matches every path of a
   * fleet rule (it would shadow it; choose a more specific path, or join the fleet).
   *
   * @param route the service's path pattern, host and load balancer
   * @param fleet the fleet's rules on the environment (its published route plan)
   */
  public static standalonePriority(route: StandaloneRoute, fleet: PlacedRoute[]): number {
    const lb = route.loadBalancer ?? 0;
    const host = (route.hostHeader ?? '').toLowerCase();
    const problems: string[] = [];
    for (const rule of fleet.filter((r) => r.service !== route.service && (r.loadBalancer ?? 0) === lb
      && (r.hostHeader ?? '').toLowerCase() === host)) {
      if (rule.pathPattern === route.pathPattern) {
        problems.push(`path pattern '${route.pathPattern}' belongs to the fleet's '${rule.service}'; each path belongs to one service`);
      } else if (covers(route.pathPattern, rule.pathPattern)) {
        problems.push(`path pattern '${route.pathPattern}' matches every path of the fleet's '${rule.service}' (${rule.pathPattern}): `
          + 'a service outside the fleet goes before the fleet\'s rules and would take its requests; choose a more specific path, or join the fleet');
      }
    }
    if (problems.length > 0) {
      throw new ModelError(`the route of service '${route.service}'`, problems);
    }
    const literal = route.pathPattern.split(/[*?]/)[0];
    return Math.max(RoutePlanner.STANDALONE_FIRST_PRIORITY, RoutePlanner.STANDALONE_LAST_PRIORITY - literal.length);
  }

  private static throwAll(problems: string[]): void {
    if (problems.length > 0) {
      throw new ModelError('the fleet\'s routes', problems);
    }
  }

  private constructor() {}
}

/** Whether every path `inner` matches is matched by `outer` too (judged on literal prefixes: `/api/*` covers `/api/orders/*`). */
function covers(outer: string, inner: string): boolean {
  if (!outer.endsWith('*') || /[*?]/.test(outer.slice(0, -1))) {
    return false;
  }
  const prefix = outer.slice(0, -1);
  const innerLiteral = inner.split(/[*?]/)[0];
  return innerLiteral.startsWith(prefix);
}
