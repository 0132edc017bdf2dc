import { buildEvidence } from '../../src/evidence/evidence';
import { compareReports } from '../../src/report/changes';
import { buildDocument, FleetReportDocument } from '../../src/report/document';
import { cellId, changedRows, renderHtml } from '../../src/report/html';
import { elementId, escapeHtml } from '../../src/report/html-escape';
import { CONTEXT, fixtureRun } from '../fixtures/fleet-run';

const report = (previous?: unknown): FleetReportDocument =>
  buildDocument(fixtureRun(), CONTEXT, (current) => compareReports(previous, current, 'fleet-report.json'));

describe('escaping', () => {
  test('the five characters HTML gives meaning to become entities', () => {
    expect(escapeHtml('<a href="x">Tom & Jerry\'s</a>')).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
    expect(escapeHtml(42)).toBe('42');
  });

  test('element ids are letters, digits and dashes', () => {
    expect(elementId('cell', '(environment)', 'prod')).toBe('cell-environment-prod');
    expect(cellId('(environment)', 'prod')).toBe('cell-environment-prod');
    expect(elementId('control', 'CC6.1', 'qa')).toBe('control-cc6-1-qa');
  });
});

describe('fleet-report.html', () => {
  test('text from the report never becomes markup: a reason with a tag shows as text', () => {
    const html = renderHtml(report());

    expect(html).not.toContain('<b>one action only</b>');
    expect(html).toContain('&lt;b&gt;one action only&lt;/b&gt;');
  });

  test('without a previous report, the changes section says it is the first run', () => {
    expect(renderHtml(report())).toContain('<p id="first-run">First run: no previous fleet-report.json to compare with.</p>');
  });

  test('is one static page: no script, no external resource', () => {
    const html = renderHtml(report(), buildEvidence(fixtureRun().stacks, ['develop', 'prod'], false, CONTEXT));

    expect(html).not.toMatch(/<script|<link |src="http|href="http/);
  });

  test('every cell of the matrix and of the compliance section links to a drill-down that exists', () => {
    const html = renderHtml(report(), buildEvidence(fixtureRun().stacks, ['develop', 'prod'], false, CONTEXT));
    const targets = [...html.matchAll(/class="cell [^"]*" (?:data-status="[^"]*" )?href="#([^"]+)"/g)].map((m) => m[1]);

    expect(targets).toHaveLength(6 + 15 * 2);
    for (const target of targets) {
      expect(html).toContain(`id="${target}"`);
    }
  });

  test('rows whose stacks changed since the previous run are marked', () => {
    const previous = JSON.parse(JSON.stringify(report()));
    previous.stacks.find((s: { stackName: string }) => s.stackName === 'orders-develop-runtime').resources.Extra = 'AWS::SNS::Topic';

    expect([...changedRows(report(previous))]).toEqual(['orders/develop']);
    expect(renderHtml(report(previous))).toMatch(/<a class="cell status-pass changed" href="#cell-orders-develop"/);
  });
});
