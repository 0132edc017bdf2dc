import { compareReports } from '../../src/report/changes';
import { buildDocument, FleetReportDocument } from '../../src/report/document';
import { markdown } from '../../src/report/markdown';
import { text } from '../../src/report/text';
import { CONTEXT, fixtureRun } from '../fixtures/fleet-run';

const report = (previous?: unknown): FleetReportDocument =>
  buildDocument(fixtureRun(), CONTEXT, (current) => compareReports(previous, current, 'fleet-report.json'));

/** The lines of a Markdown section, up to the next heading of the same level. */
function section(md: string, heading: string): string[] {
  const lines = md.split('\n');
  const start = lines.indexOf(heading);
  expect(start).toBeGreaterThanOrEqual(0);
  const level = heading.split(' ')[0];
  const end = lines.findIndex((l, i) => i > start && (l.startsWith(`${level} `) || (l.startsWith('# ') && level !== '#')));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

describe('fleet-report.md', () => {
  test('opens with the verdict, the totals, the commit and the versions', () => {
    const md = markdown(report());

    expect(md).toMatch(/^# Fleet report\n\n\*\*FAIL\*\*: 2 services in 2 environments, 6 stacks, \d+ resources, 1 open finding, 2 acknowledgments, 1 warning, 1 problem\./);
    expect(md).toContain('From commit `0123456` (reports) "feat: reports"; generated 2026-11-29T12:00:00.000Z in 12.3 s.');
    expect(md).toContain('Versions: platform 0.1.0, aws-cdk-lib 2.257.0, cdk-nag 3.0.2, cfn-lint 1.58.0.');
  });

  test('says "first run" without a previous report, and lists what changed with one', () => {
    expect(section(markdown(report()), '## Changes since the previous run')).toContain('First run: no previous fleet-report.json to compare with.');

    const previous = JSON.parse(JSON.stringify(report()));
    previous.stacks = previous.stacks.filter((s: { stackName: string }) => s.stackName !== 'ledger-prod-runtime');
    const changes = section(markdown(report(previous)), '## Changes since the previous run');

    expect(changes).toContain('Compared with fleet-report.json (commit `0123456`, 2026-11-29T12:00:00.000Z, fail).');
    expect(changes).toContain('- Stacks: 1 added, 0 removed');
    expect(changes).toContain('  - + ledger-prod-runtime');
    expect(changes).toContain('  - + ledger-prod-runtime/Service (AWS::ECS::Service)');
  });

  test('the rows have a runtime column and link to each app\'s report and templates', () => {
    const rows = section(markdown(report()), '## Services and environments');

    expect(rows).toContain('| orders | prod | nodejs | fail | 1 | 5 | 1 | 1 | 0 | 0.1.0 | [report](services/orders/cdk.out/compliance-report.json) '
      + '| [runtime](services/orders/cdk.out/ordersprodruntime.template.json) |');
    expect(rows).toContain('| ledger | develop | python | warn | 1 | 2 | 0 | 0 | 1 | 0.1.0 | [report](services/ledger/cdk.out/compliance-report.json) '
      + '| [runtime](services/ledger/cdk.out/ledgerdevelopruntime.template.json) |');
  });

  test('the route plan, and quota headroom as numbers for load balancers and stacks', () => {
    const md = markdown(report());

    expect(section(md, '## Route plan')).toContain('| 0 | 100 | `/api/orders/*` | orders | develop, prod |');
    expect(section(md, '### Load balancers')).toContain('| prod | 0 | 1 | 1 of 100 (1 %), 79 left to the fleet\'s 80 | 1 of 100 (1 %), 79 left to the fleet\'s 80 |');
    expect(section(md, '### CloudFormation, per stack (tightest first)')).toContain(
      '| [orders-prod-runtime](services/orders/cdk.out/ordersprodruntime.template.json) | 5 / 500 (1 %) | 24,000 / 1,000,000 (3 %) | 0 / 200 (0 %) | 1 / 200 (1 %) | 0 / 200 (0 %) |');
  });

  test('acknowledgments by rule and pack, with their reasons, and the problems', () => {
    const md = markdown(report());

    expect(section(md, '## Acknowledgments by rule and pack')).toContain('| AwsSolutions | `AwsSolutions-IAM5` | 2 | 2 | develop, prod | 1 | 1 |');
    expect(md).toContain('  - ecr:GetAuthorizationToken supports no resource-level permissions');
    expect(section(md, '## Problems (1)')).toEqual(['', expect.stringMatching(/^- orders: open finding NIST.800.53.R5-IAMNoInlinePolicy/), '']);
  });

  test('a run without problems says so', () => {
    const md = markdown(buildDocument({ ...fixtureRun(), problems: [] }, CONTEXT, (c) => compareReports(undefined, c, 'x')));

    expect(md).toContain('## No problems');
    expect(md).toMatch(/^# Fleet report\n\n\*\*PASS\*\*/);
  });
});

describe('the terminal table', () => {
  test('has a runtime column and right-aligned numbers', () => {
    const lines = text(fixtureRun().rows).split('\n');

    expect(lines[0]).toMatch(/^service\s+environment\s+runtime\s+stacks\s+resources\s+open findings\s+acknowledgments\s+warnings\s+platform version$/);
    expect(lines[6]).toMatch(/^orders\s+prod\s+nodejs\s+1\s+5\s+1\s+1\s+0\s+0\.1\.0$/);
  });
});
