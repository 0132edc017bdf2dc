import * as fs from 'fs';
import * as path from 'path';
import { runFleet } from './fleet';
import { markdown, text } from './report';

/**
 * `npx projen fleet [--jobs N] [service ...]`: synthesize everything (N apps at once, one per
 * CPU by default), run every gate, print the table, write
 * fleet-report.md and fleet-report.json at the repository root, and exit non-zero on any open
 * finding, route clash or stack beyond 80 % of a CloudFormation limit.
 */
async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..', '..');
  const args = process.argv.slice(2);
  const jobsAt = args.indexOf('--jobs');
  const raw = jobsAt >= 0 ? args.splice(jobsAt, 2)[1] : undefined;
  const jobs = raw === undefined ? undefined : Number(raw);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) {
    throw new Error(`--jobs must be a whole number of apps to synthesize at once, at least 1; got '${raw}'`);
  }
  const report = await runFleet({ root, services: args.length ? args : undefined, jobs, progress: (line) => console.log(line) });

  console.log('');
  console.log(text(report));
  fs.writeFileSync(path.join(root, 'fleet-report.md'), markdown(report));
  fs.writeFileSync(path.join(root, 'fleet-report.json'), JSON.stringify(report.rows, undefined, 2) + '\n');
  console.log('');
  console.log(`fleet: ${report.rows.length} rows in ${report.seconds.toFixed(1)} s; wrote fleet-report.md and fleet-report.json`);
  if (report.problems.length > 0) {
    console.error(`fleet: ${report.problems.length} problems:\n  - ${report.problems.join('\n  - ')}`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
