import * as path from 'path';
import { runFleet } from './fleet';
import { text } from './report/text';
import { REPORT_FILES, writeReports } from './report/write';

/**
 * `npx projen fleet [--jobs N] [--since FILE] [service ...]`: synthesize everything (N apps at
 * once, one per CPU by default), run every gate, print the table, write the reports at the
 * repository root (fleet-report.json, .md, .html; compliance-evidence.json, .md), comparing with
 * the previous fleet-report.json (or FILE), and exit non-zero on any open finding, route clash
 * or stack beyond 80 % of a CloudFormation limit.
 */
async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..', '..');
  const args = process.argv.slice(2);
  const option = (name: string): string | undefined => {
    const at = args.indexOf(name);
    return at >= 0 ? args.splice(at, 2)[1] : undefined;
  };
  const raw = option('--jobs');
  const since = option('--since');
  const jobs = raw === undefined ? undefined : Number(raw);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) {
    throw new Error(`--jobs must be a whole number of apps to synthesize at once, at least 1; got '${raw}'`);
  }
  const report = await runFleet({ root, services: args.length ? args : undefined, jobs, progress: (line) => console.log(line) });

  console.log('');
  console.log(text(report.rows));
  const written = writeReports(report, { root, since: since === undefined ? undefined : path.resolve(since) });
  const changes = written.document.changes;
  console.log('');
  console.log(`fleet: ${report.rows.length} rows in ${report.seconds.toFixed(1)} s; wrote ${Object.values(REPORT_FILES).join(', ')}`);
  console.log(`fleet: ${changes.firstRun ? 'first run (no previous report to compare with)' : `compared with ${changes.since!.file}`}`);
  if (report.problems.length > 0) {
    console.error(`fleet: ${report.problems.length} problems:\n  - ${report.problems.join('\n  - ')}`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
