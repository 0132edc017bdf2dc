/** One line of the fleet report: one service (or the environment itself) in one environment. */
export interface FleetRow {
  /** The service, or `(environment)` for the environment's own stack. */
  readonly service: string;
  readonly environment: string;
  readonly stacks: number;
  readonly resources: number;
  readonly openFindings: number;
  readonly acknowledgments: number;
  /** Warnings of the packs (cfn-lint's W rules) neither fixed nor acknowledged. */
  readonly warnings: number;
  readonly platformVersion: string;
}

/** The whole run: the rows, and every problem that fails it. */
export interface FleetReport {
  readonly rows: FleetRow[];
  readonly problems: string[];
  readonly seconds: number;
}

const COLUMNS: Array<[keyof FleetRow, string]> = [
  ['service', 'service'], ['environment', 'environment'], ['stacks', 'stacks'], ['resources', 'resources'],
  ['openFindings', 'open findings'], ['acknowledgments', 'acknowledgments'], ['warnings', 'warnings'], ['platformVersion', 'platform version'],
];

/** The rows as a Markdown table, with totals. */
export function markdown(report: FleetReport): string {
  const total = (key: 'stacks' | 'resources' | 'openFindings' | 'acknowledgments' | 'warnings'): number => report.rows.reduce((n, r) => n + r[key], 0);
  const lines = [
    '# Fleet report',
    '',
    `${new Set(report.rows.map((r) => r.service)).size - 1} services in ${new Set(report.rows.map((r) => r.environment)).size} environments, `
      + `${total('stacks')} stacks, ${total('resources')} resources, ${total('openFindings')} open findings, `
      + `${total('acknowledgments')} acknowledgments (each on its resource, with its reason, in the stacks' compliance-report.json), `
      + `${total('warnings')} warnings.`,
    '',
    `| ${COLUMNS.map(([, title]) => title).join(' | ')} |`,
    `|${COLUMNS.map(([key]) => (typeof report.rows[0]?.[key] === 'number' ? '---:' : '---')).join('|')}|`,
    ...report.rows.map((row) => `| ${COLUMNS.map(([key]) => String(row[key])).join(' | ')} |`),
    '',
    report.problems.length === 0 ? 'No problems.' : `## Problems (${report.problems.length})\n\n${report.problems.map((p) => `- ${p}`).join('\n')}`,
    '',
  ];
  return lines.join('\n');
}

/** The rows as a fixed-width table for the terminal. */
export function text(report: FleetReport): string {
  const cells = [COLUMNS.map(([, title]) => title), ...report.rows.map((row) => COLUMNS.map(([key]) => String(row[key])))];
  const widths = COLUMNS.map((_c, i) => Math.max(...cells.map((r) => r[i].length)));
  return cells.map((r) => r.map((c, i) => (i >= 2 && i <= 6 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ')).join('\n');
}
