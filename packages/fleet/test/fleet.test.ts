import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ServiceDefinition } from '@fargate-platform/service-model';
import { runFleet } from '../src/fleet';
import { routeProblems } from '../src/routes';

const ROOT = path.join(__dirname, '..', '..', '..');
const ORDERS = JSON.parse(fs.readFileSync(path.join(ROOT, 'services', 'orders', 'service.json'), 'utf-8'));

/** The orders service renamed, on another path and priority. */
function publicService(name: string, pathPattern: string, priority: number): ServiceDefinition {
  return ServiceDefinition.parse({ ...ORDERS, spec: { ...ORDERS.spec, name, route: { pathPattern, priority } } });
}

describe('the fleet command', () => {
  test('GIVEN an unknown service name WHEN run THEN a clear error names it and lists the services (no ENOENT stack trace)', async () => {
    await expect(runFleet({ root: ROOT, services: ['ordres'], skipEnvironments: true }))
      .rejects.toThrow(/^no such service: ordres; the services are accounts, api-gateway, .*web-frontend/);
  });

  test('GIVEN a service.json the model refuses WHEN run THEN it is a problem of the run naming the file and the field; the others go on', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-'));
    fs.mkdirSync(path.join(root, 'services', 'orders'), { recursive: true });
    fs.writeFileSync(path.join(root, 'services', 'orders', 'service.json'), JSON.stringify({ ...ORDERS, spec: { ...ORDERS.spec, cpu: 300 } }));

    const report = await runFleet({ root, skipEnvironments: true, jobs: 1, loadBalancers: 1 });

    expect(report.rows).toEqual([]);
    expect(report.problems).toEqual([expect.stringMatching(/services\/orders\/service\.json: spec\.cpu must be one of 256, 512, .*; got 300/)]);
  });

  test('GIVEN a catch-all at a lower priority than a more specific path THEN the shadowing is a route problem in each environment', () => {
    const problems = routeProblems([publicService('greedy', '/*', 90), publicService('orders', '/api/orders/*', 120)]);

    expect(problems).toEqual(['develop', 'test', 'qa', 'prod'].map((env) =>
      expect.stringMatching(new RegExp(`^${env}: 'greedy' \\(/\\*, priority 90\\) shadows 'orders' \\(/api/orders/\\*, priority 120\\)`))));
  });
});
