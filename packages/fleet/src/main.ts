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
const USAGE = `usage: npx projen fleet [--jobs N] [service ...]

Synthesizes the four environments and every service (or only the services named) in every
environment, runs every compliance gate (cdk-nag, Control Tower, platform rules, cfn-lint),
checks routes and CloudFormation limits, prints the table and writes fleet-report.md and
fleet-report.json at the repository root. Exits non-zero on any open finding, route problem,
stack beyond 80 % of a quota, or a service description the service model refuses.

  --jobs N   apps synthesized at once (default: one per CPU)
  --help     this text`;

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..', '..');
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const unknownOption = args.find((a) => a.startsWith('-') && a !== '--jobs');
  if (unknownOption) {
    throw new Error(`unknown option ${unknownOption}\n${USAGE}`);
  }
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

main().catch((e: Error) => {
  console.error(`fleet: ${e.message}`);
  process.exitCode = 1;
});
