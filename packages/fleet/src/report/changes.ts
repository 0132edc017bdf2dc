import * as fs from 'fs';
import { FindingStatus } from '@fargate-platform/constructs';
import type { FleetReportDocument, ReportStack } from './document';
import { ENVIRONMENT_ROW, FleetRow } from './rows';

/** A resource, by stack and logical id. */
export interface ResourceRef {
  readonly stackName: string;
  readonly logicalId: string;
  readonly type: string;
}

/** A finding, by stack, resource and rule. */
export interface FindingRef {
  readonly stackName: string;
  readonly logicalId: string;
  readonly rule: string;
  readonly status: FindingStatus;
  readonly reason?: string;
}

/** A count of a row that moved. */
export interface CountChange {
  readonly service: string;
  readonly environment: string;
  readonly count: 'resources' | 'openFindings' | 'acknowledgments' | 'warnings' | 'stacks';
  readonly before: number;
  readonly after: number;
}

/** Things that appeared and disappeared. */
export interface Delta<T> {
  readonly added: T[];
  readonly removed: T[];
}

/** What changed since the previous report. */
export interface Changes {
  /** No previous report: nothing to compare with. */
  readonly firstRun: boolean;
  /** The report compared with. */
  readonly since?: {
    readonly file: string;
    readonly generatedAt?: string;
    readonly commit?: string;
    readonly verdict?: string;
    /** The previous report was a bare array of rows (before fleet-report@2): only services, rows and counts compare. */
    readonly legacy: boolean;
  };
  /** What the comparison could not see, in a sentence (partial runs, an older report). */
  readonly notes: string[];
  readonly services: Delta<string>;
  /** Rows (`service/environment`). */
  readonly rows: Delta<string>;
  readonly stacks: Delta<string>;
  readonly resources: Delta<ResourceRef>;
  /** Open findings and warnings. */
  readonly findings: Delta<FindingRef>;
  readonly acknowledgments: Delta<FindingRef>;
  readonly counts: CountChange[];
}

/** Whether anything changed. */
export function hasChanges(changes: Changes): boolean {
  return [changes.services, changes.rows, changes.stacks, changes.resources, changes.findings, changes.acknowledgments]
    .some((d) => d.added.length + d.removed.length > 0) || changes.counts.length > 0;
}

/** The previous report at `file`, parsed, or undefined when there is none. */
export function readPreviousReport(file: string): unknown {
  if (!fs.existsSync(file)) {
    return undefined;
  }
  try {
    return JSON.parse(fs.readFileSync(file, 'utf-8'));
  } catch (e) {
    return { unreadable: (e as Error).message };
  }
}

const EMPTY = <T>(): Delta<T> => ({ added: [], removed: [] });

/**
 * Compare a report with the previous one: services, rows, stacks, resources, findings and
 * acknowledgments added and removed, and the counts of rows that moved. Only what both runs
 * covered is compared (a run of two services says nothing about the others). The previous report
 * may be a document (fleet-report@2) or the bare array of rows written before it.
 */
export function compareReports(previous: unknown, current: Omit<FleetReportDocument, 'changes'>, file: string): Changes {
  if (previous === undefined) {
    return {
      firstRun: true,
      notes: [],
      services: EMPTY(),
      rows: EMPTY(),
      stacks: EMPTY(),
      resources: EMPTY(),
      findings: EMPTY(),
      acknowledgments: EMPTY(),
      counts: [],
    };
  }
  const legacy = Array.isArray(previous);
  const document = !legacy && typeof previous === 'object' && previous !== null && Array.isArray((previous as FleetReportDocument).rows)
    ? previous as FleetReportDocument : undefined;
  if (!legacy && !document) {
    return {
      firstRun: true,
      notes: [`${file} is not a fleet report; compared with nothing`],
      services: EMPTY(),
      rows: EMPTY(),
      stacks: EMPTY(),
      resources: EMPTY(),
      findings: EMPTY(),
      acknowledgments: EMPTY(),
      counts: [],
    };
  }
  const previousRows: FleetRow[] = legacy ? previous as FleetRow[] : document!.rows;
  const previousPartial = document?.scope?.partial ?? false;
  const notes: string[] = [];
  if (legacy) {
    notes.push('the previous report is a bare array of rows (written before fleet-report@2): resources and findings compare by count only');
  }

  // What both runs covered: a partial run's services (and the environments' rows, when it had them).
  const servicesOf = (rows: FleetRow[]) => new Set(rows.map((r) => r.service));
  const before = servicesOf(previousRows);
  const after = servicesOf(current.rows);
  const inScope = (service: string) => (!current.scope.partial || after.has(service)) && (!previousPartial || before.has(service));
  if (current.scope.partial) {
    notes.push(`this run covered only ${[...after].join(', ') || 'nothing'}: the rest is not compared`);
  }
  if (previousPartial) {
    notes.push(`the previous run covered only ${[...before].join(', ')}: the rest is not compared`);
  }

  const names = (set: Set<string>) => [...set].filter((s) => s !== ENVIRONMENT_ROW);
  const services: Delta<string> = {
    added: previousPartial ? [] : names(after).filter((s) => !before.has(s)).sort(),
    removed: current.scope.partial ? [] : names(before).filter((s) => !after.has(s)).sort(),
  };
  const rowKey = (r: FleetRow) => `${r.service}/${r.environment}`;
  const rows = delta(previousRows.filter((r) => inScope(r.service)), current.rows.filter((r) => inScope(r.service)), rowKey, rowKey);

  const counts: CountChange[] = [];
  const previousByKey = new Map(previousRows.map((r) => [rowKey(r), r]));
  for (const row of current.rows.filter((r) => inScope(r.service))) {
    const old = previousByKey.get(rowKey(row));
    for (const count of ['stacks', 'resources', 'openFindings', 'acknowledgments', 'warnings'] as const) {
      if (old && typeof old[count] === 'number' && old[count] !== row[count]) {
        counts.push({ service: row.service, environment: row.environment, count, before: old[count], after: row[count] });
      }
    }
  }

  const since = {
    file,
    ...(document ? { generatedAt: document.generatedAt, commit: document.commit?.sha, verdict: document.verdict } : {}),
    legacy,
  };
  if (legacy) {
    return {
      firstRun: false,
      since,
      notes,
      services,
      rows,
      stacks: EMPTY(),
      resources: EMPTY(),
      findings: EMPTY(),
      acknowledgments: EMPTY(),
      counts,
    };
  }
  const oldStacks = document!.stacks.filter((s) => inScope(s.service));
  const newStacks = current.stacks.filter((s) => inScope(s.service));
  const resourcesOf = (stacks: ReportStack[]): ResourceRef[] => stacks.flatMap((s) =>
    Object.entries(s.resources).map(([logicalId, type]) => ({ stackName: s.stackName, logicalId, type })));
  const findingsOf = (stacks: ReportStack[], acknowledged: boolean): FindingRef[] => stacks.flatMap((s) => s.findings
    .filter((f) => (f.status === FindingStatus.ACKNOWLEDGED) === acknowledged)
    .map((f) => ({ stackName: s.stackName, logicalId: f.logicalId, rule: f.rule, status: f.status, ...(f.reason ? { reason: f.reason } : {}) })));
  const resourceKey = (r: ResourceRef) => `${r.stackName}/${r.logicalId}`;
  const findingKey = (f: FindingRef) => `${f.stackName}/${f.logicalId}/${f.rule}/${f.status}`;
  return {
    firstRun: false,
    since,
    notes,
    services,
    rows,
    stacks: delta(oldStacks, newStacks, (s) => s.stackName, (s) => s.stackName),
    resources: delta(resourcesOf(oldStacks), resourcesOf(newStacks), resourceKey, (r) => r),
    findings: delta(findingsOf(oldStacks, false), findingsOf(newStacks, false), findingKey, (f) => f),
    acknowledgments: delta(findingsOf(oldStacks, true), findingsOf(newStacks, true), findingKey, (f) => f),
    counts,
  };
}

function delta<T, R>(before: T[], after: T[], key: (item: T) => string, as: (item: T) => R): Delta<R> {
  const had = new Set(before.map(key));
  const has = new Set(after.map(key));
  return {
    added: after.filter((item) => !had.has(key(item))).map(as),
    removed: before.filter((item) => !has.has(key(item))).map(as),
  };
}
