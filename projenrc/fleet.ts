import * as fs from 'fs';
import * as path from 'path';
import { JsonFile, Project } from 'projen';
import { PlatformMonorepo } from './platform-monorepo';
import { VERSIONS } from './versions';
import { useWorkspaceSources } from './workspace-sources';
import type { FargateServiceOptions } from '../packages/projen/src';
import { PlacedRoute, RoutePlan, RoutePlanner, ServiceCalls, ServiceExposure, ServiceRuntime } from '../packages/service-model/src';

/** One service of the fleet: what its team says, minus what the fleet assigns (load balancer and route priority). */
export interface FleetService extends Omit<FargateServiceOptions,
  'routePriority' | 'routeLoadBalancer' | 'loadBalancers' | 'deploymentsFile' | 'platformVersion' | 'sourceRepository'> {
  readonly runtime: ServiceRuntime;
  /**
   * Bitbucket repository of the service's code.
   * @default `fargate-platform/{name}`
   */
  readonly sourceRepository?: string;
  /**
   * Platform version the service is pinned to.
   * @default VERSIONS.platform
   */
  readonly platformVersion?: string;
  /**
   * Keep this public service on this load balancer (index from 0).
   * @default - where the last assignment put it, else the first load balancer with room
   */
  readonly loadBalancer?: number;
}

/** The fleet's assignment of load balancers, written beside deployments.json for the environments app. */
export const LOAD_BALANCERS_FILE = 'load-balancers.json';

/**
 * The twelve (or more) services of the monorepo, one `add` each, with the fleet-wide
 * assignment of listener rules (`RoutePlanner.plan`): paths are checked for uniqueness, each public
 * service gets its load balancer (80 services each, so the fleet outgrows one at 81) and its
 * priority on it, from the most specific path to the least (a catch-all such as `/*` goes
 * last), before any file is written or any stack synthesized.
 *
 * The assignment is written to `load-balancers.json` beside the deployments file: the
 * environments app creates that many load balancers, and the next synthesis keeps every
 * service where it was (a service never changes load balancer, and so DNS name, as the
 * fleet grows). A service on load balancer n > 0 finds it in its service.json (`route.loadBalancer`).
 */
export class Fleet {
  /**
   * Listener rule priority of every public service: unique paths, more specific first.
   * Throws, naming every duplicate, before anything is synthesized.
   */
  public static assignPriorities(services: FleetService[]): Map<string, number> {
    return new Map(Object.entries(Fleet.assignRoutes(services).routes).map(([name, route]) => [name, route.priority]));
  }

  /**
   * Load balancer and priority of every public service (`RoutePlanner.plan`), keeping each where
   * `previous` had it.
   */
  public static assignRoutes(services: FleetService[], previous: Map<string, number> = new Map()): RoutePlan {
    return RoutePlanner.plan(services.map((s) => ({
      name: s.name, isPublic: s.exposure === ServiceExposure.PUBLIC, pathPattern: s.routePath, loadBalancer: s.loadBalancer,
    })), Object.fromEntries(previous));
  }
  /** The services, by name, and their projects. */
  public readonly projects = new Map<string, Project>();
  private readonly services: FleetService[] = [];
  private plan?: RoutePlan;

  constructor(private readonly root: PlatformMonorepo, private readonly deploymentsFile: string) {}

  /** Add a service (one line per service in .projenrc.ts). */
  public add(service: FleetService): void {
    this.services.push(service);
  }

  /**
   * Validate the routes, assign load balancers and priorities and create the service
   * projects. Call once, after every `add`.
   */
  public synthesizeProjects(): void {
    // Loaded now, not at import: ProjectTypesLibrary has just written the pins these types read.
    useWorkspaceSources();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { FargateServiceProject, PythonFargateServiceProject } = require('../packages/projen/src') as typeof import('../packages/projen/src');
    const assignmentFile = path.posix.join(path.posix.dirname(this.deploymentsFile), LOAD_BALANCERS_FILE);
    const calls = ServiceCalls.problems(this.services.map((s) => ({
      name: s.name, isPublic: s.exposure === ServiceExposure.PUBLIC, calls: s.calls ?? [],
    })));
    if (calls.length > 0) {
      throw new Error(`the fleet's calls between services: ${calls.length} problem${calls.length === 1 ? '' : 's'}:\n${calls.map((p) => `  - ${p}`).join('\n')}`);
    }
    const plan = Fleet.assignRoutes(this.services, readAssignment(path.join(this.root.outdir, assignmentFile)));
    this.plan = plan;
    for (const { runtime, loadBalancer: _pinned, ...service } of this.services) {
      const outdir = path.posix.join('services', service.name);
      const route = plan.routes[service.name];
      const options: FargateServiceOptions = {
        ...service,
        sourceRepository: service.sourceRepository ?? `fargate-platform/${service.name}`,
        routePriority: route?.priority,
        // The first load balancer is the default (service.json stays as it always was); the others are named.
        routeLoadBalancer: route && route.loadBalancer > 0 ? route.loadBalancer : undefined,
        loadBalancers: plan.loadBalancers > 1 ? plan.loadBalancers : undefined,
        deploymentsFile: path.relative(path.join(this.root.outdir, outdir), path.join(this.root.outdir, this.deploymentsFile)),
        platformVersion: service.platformVersion ?? VERSIONS.platform,
      };
      const project = runtime === ServiceRuntime.PYTHON
        // The Python services share one virtualenv, filled by the build from the wheels it makes (PythonServices).
        ? new PythonFargateServiceProject({ ...options, parent: this.root, outdir, venvDir: '../../.venv-services' })
        : new FargateServiceProject({ ...options, parent: this.root, outdir, constructsLibraryVersion: '>=0.0.0' });
      this.root.addServiceProject(project);
      this.projects.set(service.name, project);
    }
    const services: { [name: string]: number } = {};
    Object.keys(plan.routes).sort().forEach((name) => { services[name] = plan.routes[name].loadBalancer; });
    new JsonFile(this.root, assignmentFile, {
      obj: { loadBalancers: plan.loadBalancers, services },
      newline: true,
    });
  }

  /**
   * The fleet's listener rules as the environments deploy them: what the project types publish, so
   * that a public service in its own repository takes a priority that neither shadows nor is
   * shadowed (`RoutePlanner.standalonePriority`). After `synthesizeProjects`.
   */
  public placedRoutes(): PlacedRoute[] {
    if (!this.plan) {
      throw new Error('Fleet.placedRoutes() needs the plan: call synthesizeProjects() first');
    }
    const routes = this.plan.routes;
    return this.services.filter((s) => routes[s.name] !== undefined)
      .map((s) => ({
        service: s.name,
        pathPattern: s.routePath!,
        priority: routes[s.name].priority,
        loadBalancer: routes[s.name].loadBalancer,
        ...(s.routeHostHeader ? { hostHeader: s.routeHostHeader } : {}),
      }))
      .sort((a, b) => a.loadBalancer - b.loadBalancer || a.priority - b.priority);
  }
}

/** The load balancer of each service in the last assignment, if there was one. */
function readAssignment(file: string): Map<string, number> {
  if (!fs.existsSync(file)) {
    return new Map();
  }
  const services: { [name: string]: number } = JSON.parse(fs.readFileSync(file, 'utf-8')).services ?? {};
  return new Map(Object.entries(services));
}
