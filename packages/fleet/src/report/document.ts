import * as path from 'path';
import { FindingStatus } from '@fargate-platform/constructs';
import { Quota, Quotas } from '@fargate-platform/service-model';
import { baseRuleId } from '../evidence/rule-catalog';
import { FleetReport } from '../fleet';
import { QuotaUse, quotaUse } from '../limits';
import { StackFinding, StackReport } from '../stacks';
import { Changes } from './changes';
import { CommitInfo } from './metadata';
import { ENVIRONMENT_ROW, FleetRow } from './rows';

/** The format of fleet-report.json; the first (a bare array of rows) had none. */
export const REPORT_FORMAT = 'fargate-platform/fleet-report@2';

/** How a row, a stack or the run came out. */
export enum Status {
  /** Nothing open, no problem. */
  PASS = 'pass',
  /** Warnings of a pack (cfn-lint's W rules), nothing open. */
  WARN = 'warn',
  /** An open finding or a problem: the fleet exits non-zero. */
  FAIL = 'fail',
}

/** A row of the report, with its status and the files to open. */
export interface ReportRow extends FleetRow {
  readonly status: Status;
  /** The app's compliance-report.json, from the repository root. */
  readonly report: string;
  /** The row's templates, from the repository root. */
  readonly templates: Array<{ readonly stackName: string; readonly file: string }>;
}

/** A stack of the report (paths from the repository root). */
export interface ReportStack {
  readonly service: string;
  readonly environment: string;
  readonly stack: string;
  readonly stackName: string;
  readonly template: string;
  readonly report: string;
  readonly status: Status;
  /** Each resource's type, by logical id. */
  readonly resources: Record<string, string>;
  readonly quotas: QuotaUse[];
  readonly findings: StackFinding[];
}

/** A public service's listener rule. */
export interface RouteEntry {
  readonly service: string;
  readonly pathPattern: string;
  readonly priority: number;
  readonly loadBalancer: number;
  readonly environments: string[];
}

/** One load balancer of one environment: its services, and its use of the load balancer quotas. */
export interface LoadBalancerUse {
  readonly environment: string;
  readonly index: number;
  readonly services: string[];
  readonly quotas: QuotaUse[];
}

/** The acknowledgments of one rule (its `[detail]` variants together). */
export interface AcknowledgmentGroup {
  readonly pack: string;
  readonly rule: string;
  readonly count: number;
  /** Distinct resources (stack and logical id). */
  readonly resources: number;
  readonly environments: string[];
  readonly services: string[];
  /** The distinct reasons recorded on the resources. */
  readonly reasons: string[];
}

/** fleet-report.json: what was checked, from which commit, with which tools, and how it came out. */
export interface FleetReportDocument {
  readonly format: string;
  readonly generatedAt: string;
  readonly commit?: CommitInfo;
  readonly versions: Record<string, string>;
  /** `pass` when there is no problem: the fleet's exit code. */
  readonly verdict: Status;
  readonly scope: { readonly services: string[]; readonly environments: string[]; readonly partial: boolean };
  readonly seconds: number;
  readonly totals: {
    readonly services: number;
    readonly environments: number;
    readonly stacks: number;
    readonly resources: number;
    readonly openFindings: number;
    readonly acknowledgments: number;
    readonly warnings: number;
    readonly problems: number;
  };
  readonly problems: string[];
  readonly rows: ReportRow[];
  readonly stacks: ReportStack[];
  readonly routes: RouteEntry[];
  readonly loadBalancers: LoadBalancerUse[];
  readonly acknowledgments: AcknowledgmentGroup[];
  readonly changes: Changes;
}

/** What a report needs besides the run: where it is, when, from which commit and with what. */
export interface ReportContext {
  /** The repository root: paths in the report are relative to it. */
  readonly root: string;
  readonly generatedAt: string;
  readonly commit?: CommitInfo;
  readonly versions: Record<string, string>;
}

/** The report of a run, without its changes (see `compareReports`). */
export function buildDocument(run: FleetReport, context: ReportContext, changes: (current: Omit<FleetReportDocument, 'changes'>) => Changes): FleetReportDocument {
  const relative = (file: string) => path.relative(context.root, file).split(path.sep).join('/');
  const stacks: ReportStack[] = run.stacks.map((s) => ({
    service: s.service,
    environment: s.environment,
    stack: s.stack,
    stackName: s.stackName,
    template: relative(s.templateFile),
    report: relative(s.complianceReport),
    status: stackStatus(s, run.problems),
    resources: s.resources,
    quotas: s.quotas,
    findings: s.findings,
  }));
  const rows: ReportRow[] = run.rows.map((row) => {
    const own = stacks.filter((s) => s.service === row.service && s.environment === row.environment);
    // A problem of the app that names none of its stacks (an unused acknowledgment, the wrong cfn-lint) is every row's.
    const app = run.stacks.find((s) => s.service === row.service && s.environment === row.environment)?.app;
    const appStacks = run.stacks.filter((s) => s.app === app);
    const appProblem = app !== undefined && run.problems.some((p) => p.startsWith(`${app}: `) && !appStacks.some((s) => p.includes(`(${s.stack})`)));
    return {
      ...row,
      status: worst([...own.map((s) => s.status), appProblem ? Status.FAIL : Status.PASS]),
      report: own[0]?.report ?? '',
      templates: own.map((s) => ({ stackName: s.stackName, file: s.template })),
    };
  });
  const sum = (key: 'stacks' | 'resources' | 'openFindings' | 'acknowledgments' | 'warnings') => run.rows.reduce((n, r) => n + r[key], 0);
  const services = run.definitions.map((d) => d.name).sort();
  const withoutChanges = {
    format: REPORT_FORMAT,
    generatedAt: context.generatedAt,
    ...(context.commit ? { commit: context.commit } : {}),
    versions: context.versions,
    verdict: run.problems.length === 0 ? Status.PASS : Status.FAIL,
    scope: { services, environments: run.environments, partial: run.partial },
    seconds: Math.round(run.seconds * 10) / 10,
    totals: {
      services: new Set(run.rows.filter((r) => r.service !== ENVIRONMENT_ROW).map((r) => r.service)).size,
      environments: new Set(run.rows.map((r) => r.environment)).size,
      stacks: sum('stacks'),
      resources: sum('resources'),
      openFindings: sum('openFindings'),
      acknowledgments: sum('acknowledgments'),
      warnings: sum('warnings'),
      problems: run.problems.length,
    },
    problems: run.problems,
    rows,
    stacks,
    routes: routesOf(run),
    loadBalancers: loadBalancersOf(run),
    acknowledgments: acknowledgmentGroups(stacks),
  };
  return { ...withoutChanges, changes: changes(withoutChanges) };
}

/** The worse of several statuses. */
export function worst(statuses: Status[]): Status {
  return statuses.includes(Status.FAIL) ? Status.FAIL : statuses.includes(Status.WARN) ? Status.WARN : Status.PASS;
}

function stackStatus(stack: StackReport, problems: string[]): Status {
  if (stack.findings.some((f) => f.status === FindingStatus.OPEN)
    || problems.some((p) => p.startsWith(`${stack.stack}: `) || p.includes(`(${stack.stack})`) || p.includes(`'${stack.stackName}'`))) {
    return Status.FAIL;
  }
  return stack.findings.some((f) => f.status === FindingStatus.WARNING) ? Status.WARN : Status.PASS;
}

/** The listener rules of the public services, by load balancer and priority. */
export function routesOf(run: Pick<FleetReport, 'definitions'>): RouteEntry[] {
  // A service's route is the same in each of its environments (the service model takes it from the spec, not the overrides).
  return run.definitions.filter((d) => d.specs.some((s) => s.route !== undefined)).map((d) => {
    const routed = d.specs.filter((s) => s.route !== undefined);
    const route = routed[0].route!;
    return {
      service: d.name,
      pathPattern: route.pathPattern,
      priority: route.priority,
      loadBalancer: route.loadBalancer,
      environments: routed.map((s) => s.environment),
    };
  }).sort((a, b) => a.loadBalancer - b.loadBalancer || a.priority - b.priority || a.service.localeCompare(b.service));
}

/**
 * Each load balancer of each environment, with the listener rules and target groups its services'
 * stacks add (counted in their templates) against the 100 of each an Application Load Balancer allows.
 */
export function loadBalancersOf(run: Pick<FleetReport, 'definitions' | 'stacks' | 'environments' | 'loadBalancers'>): LoadBalancerUse[] {
  const indexOf = new Map(run.definitions.map((d) => [d.name, d.specs.find((s) => s.route !== undefined)?.route?.loadBalancer ?? 0]));
  return run.environments.flatMap((environment) => Array.from({ length: run.loadBalancers }, (_, index) => {
    const stacks = run.stacks.filter((s) => s.environment === environment && indexOf.get(s.service) === index
      && s.listenerRules + s.targetGroups > 0);
    return {
      environment,
      index,
      services: [...new Set(stacks.map((s) => s.service))].sort(),
      quotas: [
        loadBalancerQuota(Quotas.RULES_PER_LOAD_BALANCER, stacks.reduce((n, s) => n + s.listenerRules, 0)),
        loadBalancerQuota(Quotas.TARGET_GROUPS_PER_LOAD_BALANCER, stacks.reduce((n, s) => n + s.targetGroups, 0)),
      ],
    };
  }));
}

function loadBalancerQuota(quota: Quota, used: number): QuotaUse {
  return quotaUse(quota.unit, used, quota.max);
}

/** The acknowledged group of one rule, while it is being counted. */
interface GroupCount {
  readonly pack: string;
  readonly rule: string;
  count: number;
  readonly resources: Set<string>;
  readonly environments: Set<string>;
  readonly services: Set<string>;
  readonly reasons: Set<string>;
}

/** The acknowledged findings by pack and rule (a rule's `[detail]` variants together), most first. */
export function acknowledgmentGroups(stacks: ReportStack[]): AcknowledgmentGroup[] {
  const groups = new Map<string, GroupCount>();
  for (const stack of stacks) {
    for (const f of stack.findings.filter((x) => x.status === FindingStatus.ACKNOWLEDGED)) {
      const rule = baseRuleId(f.rule);
      const key = `${f.pack}\n${rule}`;
      const group: GroupCount = groups.get(key) ?? {
        pack: f.pack,
        rule,
        count: 0,
        resources: new Set(),
        environments: new Set(),
        services: new Set(),
        reasons: new Set(),
      };
      group.count++;
      group.resources.add(`${stack.stackName}/${f.logicalId}`);
      group.environments.add(stack.environment);
      group.services.add(stack.service);
      if (f.reason) {
        group.reasons.add(f.reason);
      }
      groups.set(key, group);
    }
  }
  return [...groups.values()]
    .map((g) => ({
      pack: g.pack,
      rule: g.rule,
      count: g.count,
      resources: g.resources.size,
      environments: [...g.environments],
      services: [...g.services].sort(),
      reasons: [...g.reasons].sort(),
    }))
    .sort((a, b) => b.count - a.count || a.pack.localeCompare(b.pack) || a.rule.localeCompare(b.rule));
}
