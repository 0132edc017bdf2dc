import { FleetRow } from './rows';

const COLUMNS: Array<[keyof FleetRow, string]> = [
  ['service', 'service'], ['environment', 'environment'], ['runtime', 'runtime'], ['stacks', 'stacks'], ['resources', 'resources'],
  ['openFindings', 'open findings'], ['acknowledgments', 'acknowledgments'], ['warnings', 'warnings'], ['platformVersion', 'platform version'],
];

/** The rows as a fixed-width table for the terminal: numbers right-aligned. */
export function text(rows: FleetRow[]): string {
  const cells = [COLUMNS.map(([, title]) => title), ...rows.map((row) => COLUMNS.map(([key]) => String(row[key])))];
  const widths = COLUMNS.map((_c, i) => Math.max(...cells.map((r) => r[i].length)));
  const numeric = COLUMNS.map(([key]) => typeof rows[0]?.[key] === 'number');
  return cells.map((r) => r.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd()).join('\n');
}
