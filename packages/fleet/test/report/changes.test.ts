import { FindingStatus } from '@fargate-platform/constructs';
import { FleetReport } from '../../src/fleet';
import { compareReports, hasChanges } from '../../src/report/changes';
import { buildDocument, FleetReportDocument } from '../../src/report/document';
import { CONTEXT, fixtureRun } from '../fixtures/fleet-run';

/** The report of a run, compared with `previous`. */
const report = (run: FleetReport, previous?: unknown): FleetReportDocument =>
  buildDocument(run, CONTEXT, (current) => compareReports(previous, current, 'fleet-report.json'));

/** The fixture run with a change: orders/prod's runtime loses its open finding and gains a resource; ledger is gone. */
function changedRun(): FleetReport {
  const run = fixtureRun();
  return {
    ...run,
    rows: run.rows.filter((r) => r.service !== 'ledger')
      .map((r) => (r.service === 'orders' && r.environment === 'prod' ? { ...r, resources: r.resources + 1, openFindings: 0 } : r)),
    stacks: run.stacks.filter((s) => s.service !== 'ledger').map((s) => (s.stackName !== 'orders-prod-runtime' ? s : {
      ...s,
      resources: { ...s.resources, Alarm: 'AWS::CloudWatch::Alarm' },
      findings: s.findings.filter((f) => f.status !== FindingStatus.OPEN),
    })),
    definitions: run.definitions.filter((d) => d.name !== 'ledger'),
    problems: [],
  };
}

describe('changes since the previous report', () => {
  test('without a previous report: first run', () => {
    const changes = report(fixtureRun()).changes;

    expect(changes.firstRun).toBe(true);
    expect(hasChanges(changes)).toBe(false);
  });

  test('the same run twice: nothing changed', () => {
    const changes = report(fixtureRun(), report(fixtureRun())).changes;

    expect(changes).toMatchObject({ firstRun: false, since: { file: 'fleet-report.json', commit: CONTEXT.commit.sha, verdict: 'fail', legacy: false } });
    expect(hasChanges(changes)).toBe(false);
  });

  test('services, stacks, resources, findings and acknowledgments added and removed', () => {
    const changes = report(changedRun(), report(fixtureRun())).changes;

    expect(changes.services).toEqual({ added: [], removed: ['ledger'] });
    expect(changes.rows).toEqual({ added: [], removed: ['ledger/develop', 'ledger/prod'] });
    expect(changes.stacks).toEqual({ added: [], removed: ['ledger-develop-runtime', 'ledger-prod-runtime'] });
    expect(changes.resources.added).toEqual([{ stackName: 'orders-prod-runtime', logicalId: 'Alarm', type: 'AWS::CloudWatch::Alarm' }]);
    expect(changes.resources.removed).toHaveLength(4);
    expect(changes.findings.removed.map((f) => `${f.rule} ${f.stackName}/${f.logicalId}`)).toEqual([
      'NIST.800.53.R5-IAMNoInlinePolicy orders-prod-runtime/TaskRolePolicy', 'CloudFormation-W3005 ledger-develop-runtime/Service',
    ]);
    expect(changes.acknowledgments).toEqual({ added: [], removed: [] });
    expect(changes.counts).toEqual([
      { service: 'orders', environment: 'prod', count: 'resources', before: 5, after: 6 },
      { service: 'orders', environment: 'prod', count: 'openFindings', before: 1, after: 0 },
    ]);
  });

  test('a finding that becomes acknowledged leaves the findings and joins the acknowledgments', () => {
    const run = fixtureRun();
    const acknowledged = {
      ...run,
      stacks: run.stacks.map((s) => ({
        ...s,
        findings: s.findings.map((f) =>
          (f.status === FindingStatus.OPEN ? { ...f, status: FindingStatus.ACKNOWLEDGED, reason: 'accepted for a good reason' } : f)),
      })),
    };

    const changes = report(acknowledged, report(fixtureRun())).changes;

    expect(changes.findings.removed.map((f) => f.rule)).toEqual(['NIST.800.53.R5-IAMNoInlinePolicy']);
    expect(changes.acknowledgments.added).toEqual([expect.objectContaining({ rule: 'NIST.800.53.R5-IAMNoInlinePolicy', reason: 'accepted for a good reason' })]);
  });

  test('a partial run compares only what it covered: the services it left out are not removed', () => {
    const run = changedRun();
    const changes = report({ ...run, partial: true }, report(fixtureRun())).changes;

    expect(changes.services.removed).toEqual([]);
    expect(changes.stacks.removed).toEqual([]);
    expect(changes.notes).toEqual([expect.stringMatching(/^this run covered only \(environment\), orders/)]);
  });

  test('the bare array of rows of the first fleet reports compares by rows and counts', () => {
    const legacy = fixtureRun().rows.map(({ runtime: _r, kind: _k, ...row }) => row);

    const changes = report(changedRun(), legacy).changes;

    expect(changes.since).toEqual({ file: 'fleet-report.json', legacy: true });
    expect(changes.services.removed).toEqual(['ledger']);
    expect(changes.counts).toContainEqual({ service: 'orders', environment: 'prod', count: 'resources', before: 5, after: 6 });
    expect(changes.resources).toEqual({ added: [], removed: [] });
    expect(changes.notes).toEqual([expect.stringContaining('compare by count only')]);
  });

  test('a file that is not a report is said so, and the run counts as a first run', () => {
    const changes = report(fixtureRun(), { hello: 'world' }).changes;

    expect(changes.firstRun).toBe(true);
    expect(changes.notes).toEqual(['fleet-report.json is not a fleet report; compared with nothing']);
  });
});
