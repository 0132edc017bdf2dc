import * as path from 'path';
import { Project } from 'projen';
import type { FargateServiceOptions } from '../packages/projen/src';
import { PlatformMonorepo } from './platform-monorepo';
import { VERSIONS } from './versions';

/** The language of a service. */
export enum Runtime {
  NODEJS = 'nodejs',
  PYTHON = 'python',
}

/** One service of the fleet: what its team says, minus what the fleet assigns (route priority). */
export interface FleetService extends Omit<FargateServiceOptions, 'routePriority' | 'deploymentsFile' | 'platformVersion' | 'sourceRepository'> {
  readonly runtime: Runtime;
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
}

/** ServiceExposure.PUBLIC, without loading the project types at import time. */
const PUBLIC = 'public';

/** Where the fleet's listener rule priorities start, and the gap between two services. */
const FIRST_PRIORITY = 100;
const PRIORITY_STEP = 10;

/**
 * The twelve (or more) services of the monorepo, one `add` each, with the fleet-wide
 * assignment of listener rules: paths are checked for uniqueness and priorities are given
 * from the most specific path to the least (a catch-all such as `/*` goes last), before
 * any file is written or any stack synthesized.
 */
export class Fleet {
  /** The services, by name, and their projects. */
  public readonly projects = new Map<string, Project>();
  private readonly services: FleetService[] = [];

  constructor(private readonly root: PlatformMonorepo, private readonly deploymentsFile: string) {}

  /** Add a service (one line per service in .projenrc.ts). */
  public add(service: FleetService): void {
    this.services.push(service);
  }

  /**
   * Validate the routes, assign priorities and create the service projects. Call once,
   * after every `add`.
   */
  public synthesizeProjects(): void {
    // Loaded now, not at import: ProjectTypesLibrary has just written the pins these types read.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { FargateServiceProject, PythonFargateServiceProject } = require('../packages/projen/src') as typeof import('../packages/projen/src');
    const priorities = Fleet.assignPriorities(this.services);
    for (const service of this.services) {
      const outdir = path.posix.join('services', service.name);
      const options: FargateServiceOptions = {
        ...service,
        sourceRepository: service.sourceRepository ?? `fargate-platform/${service.name}`,
        routePriority: priorities.get(service.name),
        deploymentsFile: path.relative(path.join(this.root.outdir, outdir), path.join(this.root.outdir, this.deploymentsFile)),
        platformVersion: service.platformVersion ?? VERSIONS.platform,
      };
      const project = service.runtime === Runtime.PYTHON
        ? new PythonFargateServiceProject({ ...options, parent: this.root, outdir })
        : new FargateServiceProject({ ...options, parent: this.root, outdir, constructsLibraryVersion: '>=0.0.0' });
      this.root.addServiceProject(project);
      this.projects.set(service.name, project);
    }
  }

  /**
   * Listener rule priority of every public service: unique paths, more specific first.
   * Throws, naming every duplicate, before anything is synthesized.
   */
  public static assignPriorities(services: FleetService[]): Map<string, number> {
    const problems: string[] = [];
    const names = new Map<string, number>();
    services.forEach((s) => names.set(s.name, (names.get(s.name) ?? 0) + 1));
    for (const [name, count] of names) {
      if (count > 1) {
        problems.push(`service '${name}' is added ${count} times; each service once`);
      }
    }
    const routed = services.filter((s) => s.exposure === PUBLIC);
    for (const s of routed.filter((r) => !r.routePath)) {
      problems.push(`public service '${s.name}' needs a routePath (e.g. '/${s.name}/*')`);
    }
    for (const s of services.filter((r) => r.exposure !== PUBLIC && r.routePath)) {
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
    if (problems.length > 0) {
      throw new Error(`The fleet's routes are invalid:\n  - ${problems.join('\n  - ')}`);
    }
    const ordered = routed.filter((r) => r.routePath).sort((a, b) => specificity(b.routePath!) - specificity(a.routePath!) || a.routePath!.localeCompare(b.routePath!));
    return new Map(ordered.map((s, i) => [s.name, FIRST_PRIORITY + i * PRIORITY_STEP]));
  }
}

/** A longer literal prefix before the first wildcard is more specific; `/*` is the least. */
function specificity(pathPattern: string): number {
  const literal = pathPattern.split('*')[0];
  return literal.split('/').filter(Boolean).length * 1000 + literal.length;
}
