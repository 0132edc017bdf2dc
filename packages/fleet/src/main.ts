import * as fs from 'fs';
import * as path from 'path';
import { runFleet } from './fleet';
import { markdown, text } from './report';

/**
 * `npx projen fleet`: synthesize everything, run every gate, print the table, write
 * fleet-report.md and fleet-report.json at the repository root, and exit non-zero on any open
 * finding, route clash or stack beyond 80 % of a CloudFormation limit.
 */
function main(): void {
  const root = path.resolve(__dirname, '..', '..', '..');
  const only = process.argv.slice(2);
  const report = runFleet({ root, services: only.length ? only : undefined, progress: (line) => console.log(line) });

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

main();
