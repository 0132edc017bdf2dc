import * as fs from 'fs';
import * as path from 'path';
import { ComplianceGate, ComplianceReport, FindingStatus, ServiceApplication, StackCompliance } from '@fargate-platform/constructs';
import { buildEnvironments, EnvironmentDeployment, loadDeployments } from '@fargate-platform/environments';
import { ServiceDefinition } from '@fargate-platform/service-model';
import { App } from 'aws-cdk-lib';
import { evaluateChecks, StackEvaluation } from './evidence/evaluate';
import { HEADROOM, limitProblems } from './limits';
import { ENVIRONMENT_ROW, FleetRow } from './report/rows';
import { StackReport, stackReport } from './stacks';

/** The environments' own stacks, as one app. */
export interface EnvironmentsJob {
  readonly kind: 'environments';
  readonly outdir: string;
  readonly deploymentsFile: string;
  /** Only these environments (default: every one of the deployments file). */
  readonly environments?: string[];
  /** Load balancers of each environment. */
  readonly loadBalancers: number;
}

/** One service's app: its stacks in each of its environments. */
export interface ServiceJob {
  readonly kind: 'service';
  readonly name: string;
  readonly outdir: string;
  /** The service's description (service.json), as plain JSON: jobs cross to worker threads, which copy data, not classes. */
  readonly description: any;
}

/** One app of the fleet: synthesized, gated and checked on its own (in a worker thread, or not). */
export type FleetJob = EnvironmentsJob | ServiceJob;

/** What one app contributes to the fleet report. */
export interface JobResult {
  /** `environments` or the service's name. */
  readonly name: string;
  readonly rows: FleetRow[];
  /** Each stack of the rows: resources, quotas, findings, and the evidence of the design's controls. */
  readonly stackReports: StackReport[];
  /** Versions of the external tools the gate ran, e.g. `{ 'cfn-lint': '1.58.0' }`. */
  readonly toolVersions: Record<string, string>;
  readonly problems: string[];
  readonly stacks: number;
  readonly resources: number;
  /** Wall time of the app: building its tree, and its share of its batch's synthesis and gates. */
  readonly seconds: number;
  readonly buildSeconds: number;
  readonly gateSeconds: number;
  /** Apps checked together with this one (itself included), and the batch's wall time. */
  readonly batch: number;
  readonly batchSeconds: number;
}

/**
 * The feature flags every app of the platform runs with (the recommended flags of the pinned
 * aws-cdk-lib), and the fleet's headroom: synthesis fails beyond 80 % of any quota.
 */
const CONTEXT = {
  ...JSON.parse(fs.readFileSync(require.resolve('aws-cdk-lib/recommended-feature-flags.json'), 'utf-8')),
  '@fargate-platform/constructs:quotaHeadroom': HEADROOM,
};

/** Synthesize one app of the fleet, run every gate on it and check its stacks' limits. */
export function runJob(job: FleetJob): JobResult {
  return runBatch([job])[0];
}

/**
 * Synthesize several apps of the fleet and run every gate on them together
 * (`ComplianceGate._checkAll`: one cfn-guard process per set of rules for all their templates),
 * then check their stacks' limits. Each app gets its own report and rows; an app whose input is
 * bad, or which is beyond the fleet's headroom of a quota, gets its error as a problem and the
 * others go on.
 */
export function runBatch(jobs: FleetJob[]): JobResult[] {
  const started = Date.now();
  const built = jobs.map((job) => build(job));
  const ready = built.filter((b): b is Built => !(b instanceof Error));
  const gateStarted = Date.now();
  const reports = ComplianceGate._checkAll(ready.map((b) => b.app));
  const gateSeconds = (Date.now() - gateStarted) / 1000 / Math.max(1, ready.length);
  return built.map((b, i) => {
    const name = nameOf(jobs[i]);
    if (b instanceof Error) {
      return failed(name, b, 0);
    }
    const report = reports[ready.indexOf(b)];
    if (report instanceof Error) {
      return failed(name, report, b.buildSeconds);
    }
    const groups = b.groups.map((g) => ({ ...g, stacks: report.stacks.filter((s) => s.stackName.startsWith(g.stackPrefix)) }));
    const stacks = readStacks(name, b.app.outdir, report, groups, evaluateChecks(b.app));
    return {
      name,
      rows: groups.map((g) => rowOf(g, g.stacks)),
      stackReports: stacks.reports,
      toolVersions: report.toolVersions,
      problems: [...gateProblems(name, report), ...stacks.problems],
      stacks: report.stacks.length,
      resources: report.stacks.reduce((n, s) => n + s.resources, 0),
      seconds: b.buildSeconds + gateSeconds,
      buildSeconds: b.buildSeconds,
      gateSeconds,
      batch: jobs.length,
      batchSeconds: (Date.now() - started) / 1000,
    };
  });
}

/** An app's tree, built, and the rows its stacks make. */
interface Built {
  readonly app: App;
  readonly groups: RowGroup[];
  readonly buildSeconds: number;
}

/** One row of the report: a service (or the environment itself) in one environment, and the names of its stacks. */
interface RowGroup {
  readonly service: string;
  readonly environment: string;
  /** Every stack of the row, and only those, has a name starting with this. */
  readonly stackPrefix: string;
  readonly platformVersion: string;
  readonly runtime: string;
  readonly kind: string;
}

function nameOf(job: FleetJob): string {
  return job.kind === 'environments' ? 'environments' : job.name;
}

function build(job: FleetJob): Built | Error {
  const started = Date.now();
  const app = new App({ outdir: job.outdir, context: CONTEXT });
  try {
    let groups: RowGroup[];
    if (job.kind === 'environments') {
      const deployments = loadDeployments(job.deploymentsFile).filter((d) => !job.environments || job.environments.includes(d.profile.name));
      buildEnvironments(app, deployments, { loadBalancers: job.loadBalancers });
      groups = environmentGroups(deployments);
    } else {
      const definition = ServiceDefinition.parse(job.description, job.name);
      ServiceApplication.addStacks(app, definition);
      groups = definition.specs.map((spec) => ({
        service: job.name,
        environment: spec.environment,
        stackPrefix: `${spec.names.prefix}-`,
        platformVersion: definition.platformVersion,
        runtime: String(definition.runtime),
        kind: String(definition.exposure),
      }));
    }
    return { app, groups, buildSeconds: (Date.now() - started) / 1000 };
  } catch (e) {
    return e as Error;
  }
}

/** A quota beyond the fleet's headroom, or any bad input, stops an app: reported as a problem, the others go on. */
function failed(name: string, error: Error, buildSeconds: number): JobResult {
  return {
    name,
    rows: [],
    stackReports: [],
    toolVersions: {},
    problems: [`${name}: ${error.message}`],
    stacks: 0,
    resources: 0,
    seconds: buildSeconds,
    buildSeconds,
    gateSeconds: 0,
    batch: 1,
    batchSeconds: buildSeconds,
  };
}

function rowOf(group: RowGroup, stacks: StackCompliance[]): FleetRow {
  const findings = stacks.flatMap((s) => s.findings);
  return {
    service: group.service,
    environment: group.environment,
    runtime: group.runtime,
    kind: group.kind,
    stacks: stacks.length,
    resources: stacks.reduce((n, s) => n + s.resources, 0),
    openFindings: findings.filter((f) => f.status === FindingStatus.OPEN).length,
    acknowledgments: findings.filter((f) => f.status === FindingStatus.ACKNOWLEDGED).length,
    warnings: findings.filter((f) => f.status === FindingStatus.WARNING).length,
    platformVersion: group.platformVersion,
  };
}

function environmentGroups(deployments: EnvironmentDeployment[]): RowGroup[] {
  // Recorded by projen from projenrc/versions.ts, like the services' service.json.
  const version = JSON.parse(fs.readFileSync(require.resolve('@fargate-platform/environments/package.json'), 'utf-8')).platformVersion;
  return deployments.map((d) => ({
    service: ENVIRONMENT_ROW, environment: d.profile.name, stackPrefix: `${d.profile.name}-environment`, platformVersion: version, runtime: '', kind: 'environment',
  }));
}

/**
 * Open findings, unused acknowledgments and a cfn-lint other than the pinned one (its schemas
 * decide what is an error), as sentences.
 */
function gateProblems(app: string, report: ComplianceReport): string[] {
  const problems = report.openFindings.map((f) => `${app}: open finding ${f.ruleId} on ${f.resourcePath || f.logicalId} (${f.stack}): ${f.description}`);
  const cfnLint = report.toolVersions['cfn-lint'];
  if (cfnLint !== ComplianceGate.CFN_LINT_VERSION) {
    problems.push(`${app}: the fleet needs cfn-lint ${ComplianceGate.CFN_LINT_VERSION} (run 'npx projen install:python'); got ${cfnLint ?? 'none'}`);
  }
  problems.push(...report.unusedAcknowledgments.map((a) => `${app}: acknowledgment ${a.ruleId} on ${a.resourcePath} matches no finding`));
  return problems;
}

/**
 * Each stack's template, read once: its report (resources, quotas, findings, evidence) when a
 * row claims it, and a problem for each CloudFormation quota it uses beyond 80 %.
 */
function readStacks(app: string, outdir: string, report: ComplianceReport, groups: Array<RowGroup & { stacks: StackCompliance[] }>,
  evaluations: StackEvaluation[]): { reports: StackReport[]; problems: string[] } {
  const reports: StackReport[] = [];
  const problems: string[] = [];
  for (const s of report.stacks) {
    const templateFile = path.join(outdir, s.templateFile);
    const content = fs.readFileSync(templateFile);
    const template = JSON.parse(content.toString());
    problems.push(...limitProblems(s.stack, template, content.length));
    const group = groups.find((g) => g.stacks.includes(s));
    if (group) {
      const owner = { app, service: group.service, environment: group.environment, templateFile, complianceReport: path.join(outdir, 'compliance-report.json') };
      reports.push(stackReport(owner, s, template, content.length, evaluations.find((e) => e.stack === s.stack)?.checks ?? {}));
    }
  }
  return { reports, problems };
}
