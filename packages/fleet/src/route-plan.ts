/**
 * The fleet's route assignment: each public service's load balancer and listener rule
 * priority, decided in one place before anything is synthesized. Pure (no CDK, no projen), so
 * that `.projenrc.ts` (through projenrc/fleet.ts), the fleet command and the benchmark share it.
 */

import { HEADROOM } from './limits';

/** An Application Load Balancer's quota of listener rules (and, separately, of target groups). */
export const RULES_PER_LOAD_BALANCER = 100;
/** Public services per load balancer: each has one listener rule and one target group. */
export const SERVICES_PER_LOAD_BALANCER = Math.floor(RULES_PER_LOAD_BALANCER * HEADROOM);
/** Load balancers per environment: 80 % of the 50 a region allows. */
export const MAX_LOAD_BALANCERS = 40;
/** Where each load balancer's priorities start, and the gap between two services. */
export const FIRST_PRIORITY = 100;
export const PRIORITY_STEP = 10;

/** One service, as the route plan sees it. */
export interface RouteRequest {
  readonly name: string;
  /** Whether the service is behind the load balancers. */
  readonly isPublic: boolean;
  /** Listener path pattern (public services only). */
  readonly routePath?: string;
  /** Keep the service on this load balancer (index from 0), e.g. because its clients use that load balancer's name. */
  readonly loadBalancer?: number;
}

/** Where a public service's rule sits. */
export interface RouteAssignment {
  readonly loadBalancer: number;
  readonly priority: number;
}

/** The fleet's routes: one assignment per public service, and how many load balancers they need. */
export interface RoutePlan {
  readonly routes: Map<string, RouteAssignment>;
  /** Load balancers each environment must create (at least 1). */
  readonly loadBalancers: number;
}

/**
 * Assign every public service its load balancer and priority.
 *
 * - A service keeps the load balancer it is pinned to (`loadBalancer`), else the one it had
 *   (`previous`, the last plan), so that a service never moves while the fleet grows; a new
 *   service goes on the first load balancer with room. Each holds at most 80 services (80 %
 *   of the 100 rules and 100 target groups an Application Load Balancer allows).
 * - On each load balancer, priorities run from 100 in steps of 10, from the most specific
 *   path to the least (a catch-all such as `/*` goes last).
 *
 * Throws, naming every problem at once (a name added twice, a public service without a path,
 * an internal service with one, a path claimed twice, a load balancer pinned beyond its
 * capacity, more load balancers than an environment may have), before anything is synthesized.
 */
export function planRoutes(services: RouteRequest[], previous: Map<string, number> = new Map()): RoutePlan {
  const problems: string[] = [];
  const names = new Map<string, number>();
  services.forEach((s) => names.set(s.name, (names.get(s.name) ?? 0) + 1));
  for (const [name, count] of names) {
    if (count > 1) {
      problems.push(`service '${name}' is added ${count} times; each service once`);
    }
  }
  const routed = services.filter((s) => s.isPublic);
  for (const s of routed.filter((r) => !r.routePath)) {
    problems.push(`public service '${s.name}' needs a routePath (e.g. '/${s.name}/*')`);
  }
  for (const s of services.filter((r) => !r.isPublic && r.routePath)) {
    problems.push(`internal service '${s.name}' cannot have a routePath; got '${s.routePath}'`);
  }
  const byPath = new Map<string, string[]>();
  for (const s of routed.filter((r) => r.routePath)) {
    byPath.set(s.routePath!, [...(byPath.get(s.routePath!) ?? []), s.name]);
  }
  for (const [routePath, owners] of byPath) {
    if (owners.length > 1) {
      problems.push(`routePath '${routePath}' is claimed by ${owners.join(' and ')}; each path belongs to one service`);
    }
  }
  for (const s of routed.filter((r) => r.loadBalancer !== undefined)) {
    if (!Number.isInteger(s.loadBalancer) || s.loadBalancer! < 0 || s.loadBalancer! >= MAX_LOAD_BALANCERS) {
      problems.push(`service '${s.name}': loadBalancer must be an integer from 0 to ${MAX_LOAD_BALANCERS - 1}; got ${s.loadBalancer}`);
    }
  }
  throwAll(problems);

  // Pinned services first, then those that had a load balancer, then the new ones in the order they were added.
  const members: string[][] = [];
  const place = (name: string, index: number) => {
    while (members.length <= index) {
      members.push([]);
    }
    members[index].push(name);
  };
  const pinned = routed.filter((s) => s.loadBalancer !== undefined);
  pinned.forEach((s) => place(s.name, s.loadBalancer!));
  const unpinned = routed.filter((s) => s.loadBalancer === undefined);
  for (const s of unpinned.filter((r) => previous.has(r.name))) {
    const index = previous.get(s.name)!;
    if (Number.isInteger(index) && index >= 0 && index < MAX_LOAD_BALANCERS && (members[index]?.length ?? 0) < SERVICES_PER_LOAD_BALANCER) {
      place(s.name, index);
    }
  }
  const placed = new Set(members.flat());
  for (const s of unpinned.filter((r) => !placed.has(r.name))) {
    let index = 0;
    while ((members[index]?.length ?? 0) >= SERVICES_PER_LOAD_BALANCER) {
      index++;
    }
    place(s.name, index);
  }

  members.forEach((group, index) => {
    if (group.length > SERVICES_PER_LOAD_BALANCER) {
      problems.push(`load balancer ${index} would carry ${group.length} public services (${group.join(', ')}), each with a listener `
        + `rule and a target group; an Application Load Balancer allows ${RULES_PER_LOAD_BALANCER} of each and the fleet uses at most `
        + `${SERVICES_PER_LOAD_BALANCER} (${HEADROOM * 100} %): pin fewer services to it`);
    }
  });
  if (members.length > MAX_LOAD_BALANCERS) {
    problems.push(`the fleet's ${routed.length} public services need ${members.length} load balancers; an environment may have at most `
      + `${MAX_LOAD_BALANCERS} (80 % of the 50 a region allows, ${SERVICES_PER_LOAD_BALANCER} services each)`);
  }
  throwAll(problems);

  const byName = new Map(routed.map((s) => [s.name, s]));
  const routes = new Map<string, RouteAssignment>();
  members.forEach((group, loadBalancer) => {
    const ordered = group.map((n) => byName.get(n)!)
      .sort((a, b) => specificity(b.routePath!) - specificity(a.routePath!) || a.routePath!.localeCompare(b.routePath!));
    ordered.forEach((s, i) => routes.set(s.name, { loadBalancer, priority: FIRST_PRIORITY + i * PRIORITY_STEP }));
  });
  return { routes, loadBalancers: Math.max(1, members.length) };
}

function throwAll(problems: string[]): void {
  if (problems.length > 0) {
    throw new Error(`The fleet's routes are invalid:\n  - ${problems.join('\n  - ')}`);
  }
}

/** A longer literal prefix before the first wildcard is more specific; `/*` is the least. */
export function specificity(pathPattern: string): number {
  const literal = pathPattern.split('*')[0];
  return literal.split('/').filter(Boolean).length * 1000 + literal.length;
}
