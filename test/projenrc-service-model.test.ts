import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');

/**
 * Run a projenrc as `npx projen` runs the repository's own (`ts-node --project projenrc/tsconfig.json`),
 * in an empty folder, with the repository's projenrc classes: one fleet with the given `fleet.add` line.
 */
function projenWith(addLine: string): { status: number | null; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'projenrc-'));
  const projenrc = path.join(dir, '.projenrc.ts');
  fs.writeFileSync(projenrc, [
    `import { Fleet } from '${path.join(ROOT, 'projenrc', 'fleet')}';`,
    `import { PlatformMonorepo } from '${path.join(ROOT, 'projenrc', 'platform-monorepo')}';`,
    `import { ServiceExposure, ServiceRuntime } from '${path.join(ROOT, 'packages', 'service-model', 'src')}';`,
    "const root = new PlatformMonorepo({ name: 'fleet', repository: 'https://example.com/fleet.git' });",
    "const fleet = new Fleet(root, 'deployments.json');",
    addLine,
    'fleet.synthesizeProjects();',
    'root.synth();',
  ].join('\n'));
  const run = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'ts-node'), ['--project', path.join(ROOT, 'projenrc', 'tsconfig.json'), projenrc], {
    cwd: dir, encoding: 'utf-8', env: { ...process.env, TS_NODE_TRANSPILE_ONLY: '1', PROJEN_DISABLE_POST: '1' },
  });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

describe('the projenrc refuses a bad service where it is written (npx projen), before any synth', () => {
  test('GIVEN fleet.add with cpu 300 WHEN npx projen runs THEN it fails naming the field, the value and the allowed sizes', () => {
    const run = projenWith("fleet.add({ name: 'orders', runtime: ServiceRuntime.NODEJS, exposure: ServiceExposure.PUBLIC, routePath: '/orders/*', "
      + "cpu: 300, memoryLimitMiB: 1024, owner: 'commerce-team', costCenter: 'cc-2400' });");

    expect(run.status).not.toBe(0);
    expect(run.output).toMatch(/the options of service 'orders': cpu must be one of 256, 512, 1024, 2048, 4096, 8192, 16384; got 300/);
  }, 120_000);

  test('GIVEN the same line with cpu 512 WHEN npx projen runs THEN it passes and writes the service.json it parsed', () => {
    const run = projenWith("fleet.add({ name: 'orders', runtime: ServiceRuntime.NODEJS, exposure: ServiceExposure.PUBLIC, routePath: '/orders/*', "
      + "cpu: 512, memoryLimitMiB: 1024, owner: 'commerce-team', costCenter: 'cc-2400' });");

    expect(run.output).not.toMatch(/must be one of/);
    expect(run.status).toBe(0);
  }, 120_000);

  test('GIVEN a service that calls an unknown and a public service WHEN npx projen runs THEN it fails naming both', () => {
    const run = projenWith("fleet.add({ name: 'orders', runtime: ServiceRuntime.NODEJS, exposure: ServiceExposure.PUBLIC, routePath: '/orders/*', "
      + "owner: 'commerce-team', costCenter: 'cc-2400', calls: ['ledgr', 'web'] });\n"
      + "fleet.add({ name: 'ledger', runtime: ServiceRuntime.NODEJS, owner: 'payments-team', costCenter: 'cc-2500' });\n"
      + "fleet.add({ name: 'web', runtime: ServiceRuntime.NODEJS, exposure: ServiceExposure.PUBLIC, routePath: '/*', owner: 'web-team', costCenter: 'cc-2100' });");

    expect(run.status).not.toBe(0);
    expect(run.output).toMatch(/orders: calls 'ledgr', which is not a service of the fleet \(did you mean 'ledger'\?\)/);
    expect(run.output).toMatch(/orders: calls 'web', a public service/);
  }, 120_000);
});
