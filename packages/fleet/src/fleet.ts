import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { loadDeployments, loadLoadBalancers } from '@fargate-platform/environments';
import { ServiceCalls, ServiceDefinition, ServiceExposure } from '@fargate-platform/service-model';
import { FleetJob, JobResult, runBatch } from './jobs';
import { FleetRow } from './report/rows';
import { routeProblems } from './routes';
import { StackReport } from './stacks';

/** Where the fleet lives and what it runs. */
export interface FleetOptions {
  /** The repository root. */
  readonly root: string;
  /** Only these services (default: every folder of services/ with a service.json). */
  readonly services?: string[];
  /** Skip the environments' own stacks. */
  readonly skipEnvironments?: boolean;
  /** Called with a line of progress. */
  readonly progress?: (line: string) => void;
  /**
   * Apps synthesized at once, each in a worker thread; 1 runs them one after the other in this thread.
   * @default - one per CPU
   */
  readonly jobs?: number;
  /**
   * Synthesize these services instead of those of services/ (e.g. a generated fleet): their descriptions (service.json).
   * @default - the service.json of each service
   */
  readonly descriptions?: any[];
  /**
   * Only these environments' own stacks.
   * @default - every environment of deployments.json
   */
  readonly environments?: string[];
  /**
   * Load balancers of each environment.
   * @default - the count in packages/environments/load-balancers.json
   */
  readonly loadBalancers?: number;
  /**
   * Where the apps' cloud assemblies go, one folder each (`environments`, `{service}`).
   * @default - each project's own cdk.out
   */
  readonly outdir?: string;
}

/** The whole run: the rows, each stack, and every problem that fails it. */
export interface FleetReport {
  readonly rows: FleetRow[];
  readonly stacks: StackReport[];
  readonly problems: string[];
  readonly seconds: number;
  /** The services the run synthesized, as the service model parsed their service.json (a description it refused is a problem, not here). */
  readonly definitions: ServiceDefinition[];
  /** The environments of the run, in the order of deployments.json. */
  readonly environments: string[];
  /** Load balancers of each environment. */
  readonly loadBalancers: number;
  /** Versions of the external tools the gates ran (cfn-lint). */
  readonly toolVersions: Record<string, string>;
  /** Whether the run left out services of services/ or the environments' own stacks. */
  readonly partial: boolean;
}

/** The services of the repository: each folder of services/ holding a service.json. */
export function discoverServices(root: string): string[] {
  const dir = path.join(root, 'services');
  return fs.existsSync(dir)
    ? fs.readdirSync(dir).filter((name) => fs.existsSync(path.join(dir, name, 'service.json'))).sort()
    : [];
}

/**
 * Synthesize the environments and every service in every environment, each app into its
 * own project's cdk.out, run every compliance gate, and check routes and quotas.
 *
 * The apps are independent, so they run in parallel worker threads (one per CPU by default):
 * while one thread waits for cfn-guard (a child process, most of the gate's time) another
 * synthesizes. Each thread checks a few apps together, so that cfn-guard reads its rules once
 * for all their templates. The report is the same in any order: rows come back in the order of the apps.
 */
export async function runFleet(options: FleetOptions): Promise<FleetReport> {
  const started = Date.now();
  const say = options.progress ?? (() => undefined);
  const known = discoverServices(options.root);
  const unknown = (options.services ?? []).filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new Error(`no such service: ${unknown.join(', ')}; the services are ${known.join(', ')} (each a folder of services/ with a service.json)`);
  }
  // Each description is parsed once here (a bad one is a problem of the run, naming its file), and again in the worker that synthesizes it.
  const problems: string[] = [];
  const definitions: ServiceDefinition[] = [];
  const sources = options.descriptions?.map((d, i) => ({ source: `descriptions[${i}]`, read: () => ServiceDefinition.parse(d) }))
    ?? (options.services ?? known).map((name) => {
      const file = path.join(options.root, 'services', name, 'service.json');
      return { source: file, read: () => ServiceDefinition.fromFile(file) };
    });
  for (const { read } of sources) {
    try {
      definitions.push(read());
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  const loadBalancers = options.loadBalancers ?? loadLoadBalancers(path.join(options.root, 'packages', 'environments', 'load-balancers.json')).loadBalancers;
  problems.push(...routeProblems(definitions));
  // A partial run (options.services) does not see every callee: calls are checked on the whole fleet.
  if (!options.services) {
    problems.push(...ServiceCalls.problems(definitions.map((d) => ({
      name: d.name,
      isPublic: d.exposure === ServiceExposure.PUBLIC,
      calls: d.specs[0]?.calls ?? [],
      environments: d.targets.map((t) => t.environment),
    }))));
  }
  const deploymentsFile = path.join(options.root, 'packages', 'environments', 'deployments.json');
  const environments = environmentsOf(deploymentsFile, definitions).filter((e) => !options.environments || options.environments.includes(e));
  const outdir = (name: string, projectDir: string): string => (options.outdir ? path.join(options.outdir, name) : path.join(projectDir, 'cdk.out'));

  const jobs: FleetJob[] = [];
  if (!options.skipEnvironments) {
    jobs.push({
      kind: 'environments',
      outdir: outdir('environments', path.join(options.root, 'packages', 'environments')),
      deploymentsFile,
      environments: options.environments,
      loadBalancers,
    });
  }
  for (const definition of definitions) {
    const name = definition.name;
    jobs.push({ kind: 'service', name, outdir: outdir(name, path.join(options.root, 'services', name)), description: definition.toJson() });
  }

  let done = 0;
  const parallel = options.jobs ?? os.availableParallelism();
  const results = await runJobs(jobs, parallel, (result) => {
    const open = result.rows.reduce((n, r) => n + r.openFindings, 0);
    say(`[${++done}/${jobs.length}] ${result.name}: ${result.stacks} stacks, ${result.resources} resources, ${open} open findings `
      + `(built in ${result.buildSeconds.toFixed(1)} s; gated with ${result.batch - 1} other apps in ${result.batchSeconds.toFixed(1)} s)`);
  });
  return {
    rows: results.flatMap((r) => r.rows),
    stacks: results.flatMap((r) => r.stackReports),
    problems: [...problems, ...results.flatMap((r) => r.problems)],
    seconds: (Date.now() - started) / 1000,
    definitions,
    environments,
    loadBalancers,
    toolVersions: Object.assign({}, ...results.map((r) => r.toolVersions)),
    partial: options.skipEnvironments === true || options.services !== undefined || options.environments !== undefined,
  };
}

/**
 * The environments of a run, in the order of deployments.json; when it cannot be read (a run of
 * services only, in a folder without it, or a deployments.json the environments app refuses and
 * reports), those the services target, in the order they first appear.
 */
function environmentsOf(deploymentsFile: string, definitions: ServiceDefinition[]): string[] {
  try {
    return loadDeployments(deploymentsFile).map((d) => d.profile.name);
  } catch {
    return [...new Set(definitions.flatMap((d) => d.targets.map((t) => t.environment)))];
  }
}

/**
 * Apps checked together (`runBatch`): the environments alone (the largest app), the services in
 * batches of up to 8, at least three batches per thread so that the threads finish together.
 */
export function batchesOf(jobs: FleetJob[], parallel: number): FleetJob[][] {
  const environments = jobs.filter((j) => j.kind === 'environments');
  const services = jobs.filter((j) => j.kind !== 'environments');
  const size = Math.min(8, Math.max(1, Math.ceil(services.length / (3 * Math.max(1, parallel)))));
  const batches: FleetJob[][] = environments.map((j) => [j]);
  for (let i = 0; i < services.length; i += size) {
    batches.push(services.slice(i, i + size));
  }
  return batches;
}

/**
 * Run the jobs in batches on `parallel` worker threads (or in this thread when 1); results in
 * the order of the jobs, whatever order they finish in.
 */
export async function runJobs(jobs: FleetJob[], parallel: number, onResult: (result: JobResult) => void = () => undefined): Promise<JobResult[]> {
  const batches = batchesOf(jobs, parallel);
  const byBatch: JobResult[][] = new Array(batches.length);
  const record = (i: number, results: JobResult[]) => {
    byBatch[i] = results;
    results.forEach(onResult);
  };
  if (parallel <= 1 || batches.length <= 1) {
    batches.forEach((batch, i) => record(i, runBatch(batch)));
    return byBatch.flat();
  }
  let next = 0;
  const workers = Array.from({ length: Math.min(parallel, batches.length) }, () => new Worker(path.join(__dirname, 'worker.js')));
  try {
    await Promise.all(workers.map((worker) => new Promise<void>((resolve, reject) => {
      let current = -1;
      const give = () => {
        if (next >= batches.length) {
          resolve();
          return;
        }
        current = next++;
        worker.postMessage(batches[current]);
      };
      worker.on('message', (results: JobResult[]) => {
        record(current, results);
        give();
      });
      worker.on('error', reject);
      worker.on('exit', (code) => (code !== 0 && byBatch[current] === undefined
        ? reject(new Error(`a fleet worker stopped with code ${code} while checking ${batches[current]?.length ?? 0} apps`)) : undefined));
      give();
    })));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return byBatch.flat();
}
