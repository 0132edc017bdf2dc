import * as fs from 'fs';
import * as path from 'path';
import { ComplianceGate, ComplianceReport, FindingStatus, ServiceApplication, ServiceApplicationConfig } from '@fargate-platform/constructs';
import { buildEnvironments, EnvironmentDeployment, loadDeployments } from '@fargate-platform/environments';
import { App } from 'aws-cdk-lib';
import { limitProblems } from './limits';
import { FleetReport, FleetRow } from './report';
import { routeProblems } from './routes';

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
}

/** The feature flags every app of the platform runs with (the recommended flags of the pinned aws-cdk-lib). */
const FLAGS = JSON.parse(fs.readFileSync(require.resolve('aws-cdk-lib/recommended-feature-flags.json'), 'utf-8'));

/** The services of the repository: each folder of services/ holding a service.json. */
export function discoverServices(root: string): string[] {
  const dir = path.join(root, 'services');
  return fs.existsSync(dir)
    ? fs.readdirSync(dir).filter((name) => fs.existsSync(path.join(dir, name, 'service.json'))).sort()
    : [];
}

/**
 * Synthesize the environments and every service in every environment, each app into its
 * own project's cdk.out, run every compliance gate, and check routes and CloudFormation limits.
 */
export function runFleet(options: FleetOptions): FleetReport {
  const started = Date.now();
  const say = options.progress ?? (() => undefined);
  const names = options.services ?? discoverServices(options.root);
  const configs = names.map((name) => ({ name, config: readConfig(path.join(options.root, 'services', name, 'service.json')) }));
  const rows: FleetRow[] = [];
  const problems = routeProblems(configs.map((c) => c.config.spec));
  const total = names.length + (options.skipEnvironments ? 0 : 1);
  let step = 0;

  if (!options.skipEnvironments) {
    const deployments = loadDeployments(path.join(options.root, 'packages', 'environments', 'deployments.json'));
    say(`[${++step}/${total}] environments: synthesizing ${deployments.length} stacks and running the gates`);
    const app = new App({ outdir: path.join(options.root, 'packages', 'environments', 'cdk.out'), context: FLAGS });
    buildEnvironments(app, deployments);
    const report = ComplianceGate.check(app);
    rows.push(...environmentRows(report, deployments));
    problems.push(...gateProblems('environments', report), ...stackLimitProblems(app.outdir, report));
  }

  for (const { name, config } of configs) {
    const t0 = Date.now();
    const app = new App({ outdir: path.join(options.root, 'services', name, 'cdk.out'), context: FLAGS });
    ServiceApplication.addStacks(app, config);
    const report = ComplianceGate.check(app);
    const serviceRows = config.targets.map((target) => rowOf(report, name, target.environment, `${name}-${target.environment}-`, config.platformVersion ?? 'unknown'));
    rows.push(...serviceRows);
    problems.push(...gateProblems(name, report), ...stackLimitProblems(app.outdir, report));
    const open = serviceRows.reduce((n, r) => n + r.openFindings, 0);
    say(`[${++step}/${total}] ${name}: ${report.stacks.length} stacks, ${serviceRows.reduce((n, r) => n + r.resources, 0)} resources, `
      + `${open} open findings (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  return { rows, problems, seconds: (Date.now() - started) / 1000 };
}

function readConfig(file: string): ServiceApplicationConfig {
  return JSON.parse(fs.readFileSync(file, 'utf-8'));
}

function rowOf(report: ComplianceReport, service: string, environment: string, stackPrefix: string, platformVersion: string): FleetRow {
  const stacks = report.stacks.filter((s) => s.stackName.startsWith(stackPrefix));
  const findings = stacks.flatMap((s) => s.findings);
  return {
    service,
    environment,
    stacks: stacks.length,
    resources: stacks.reduce((n, s) => n + s.resources, 0),
    openFindings: findings.filter((f) => f.status === FindingStatus.OPEN).length,
    acknowledgments: findings.filter((f) => f.status === FindingStatus.ACKNOWLEDGED).length,
    platformVersion,
  };
}

function environmentRows(report: ComplianceReport, deployments: EnvironmentDeployment[]): FleetRow[] {
  // Recorded by projen from projenrc/versions.ts, like the services' service.json.
  const version = JSON.parse(fs.readFileSync(require.resolve('@fargate-platform/environments/package.json'), 'utf-8')).platformVersion;
  return deployments.map((d) => rowOf(report, '(environment)', d.profile.name, `${d.profile.name}-environment`, version));
}

/** Open findings, unused acknowledgments and stacks near a CloudFormation limit, as sentences. */
function gateProblems(app: string, report: ComplianceReport): string[] {
  const problems = report.openFindings.map((f) => `${app}: open finding ${f.ruleId} on ${f.resourcePath || f.logicalId} (${f.stack})`);
  problems.push(...report.unusedAcknowledgments.map((a) => `${app}: acknowledgment ${a.ruleId} on ${a.resourcePath} matches no finding`));
  return problems;
}

/** Stacks of an app beyond 80 % of a CloudFormation quota. */
function stackLimitProblems(outdir: string, report: ComplianceReport): string[] {
  return report.stacks.flatMap((s) => {
    const content = fs.readFileSync(path.join(outdir, s.templateFile));
    return limitProblems(s.stack, JSON.parse(content.toString()), content.length);
  });
}
