import { compareReports } from '../../src/report/changes';
import { buildDocument, REPORT_FORMAT, Status } from '../../src/report/document';
import { CONTEXT, fixtureRun } from '../fixtures/fleet-run';

const firstRun = (current: Parameters<typeof compareReports>[1]) => compareReports(undefined, current, 'fleet-report.json');
const document = () => buildDocument(fixtureRun(), CONTEXT, firstRun);

describe('the fleet report document', () => {
  test('has the commit, the time, the versions and the verdict of the run', () => {
    const doc = document();

    expect(doc).toMatchObject({
      format: REPORT_FORMAT,
      generatedAt: '2026-11-29T12:00:00.000Z',
      commit: { sha: CONTEXT.commit.sha, branch: 'reports', dirty: false },
      versions: { 'aws-cdk-lib': '2.257.0', 'cfn-lint': '1.58.0' },
      verdict: Status.FAIL,
      scope: { services: ['ledger', 'orders'], environments: ['develop', 'prod'], partial: false },
      totals: { services: 2, environments: 2, stacks: 6, openFindings: 1, acknowledgments: 2, warnings: 1, problems: 1 },
    });
  });

  test('a run without problems passes', () => {
    const doc = buildDocument({ ...fixtureRun(), problems: [] }, CONTEXT, firstRun);

    expect(doc.verdict).toBe(Status.PASS);
  });

  test('each row has its status, runtime and the files to open, from the repository root', () => {
    const rows = document().rows;

    expect(rows.map((r) => `${r.service}/${r.environment}: ${r.status}`)).toEqual([
      '(environment)/develop: pass', '(environment)/prod: pass', 'ledger/develop: warn', 'ledger/prod: pass', 'orders/develop: pass', 'orders/prod: fail',
    ]);
    expect(rows.find((r) => r.service === 'orders' && r.environment === 'prod')).toMatchObject({
      runtime: 'nodejs',
      report: 'services/orders/cdk.out/compliance-report.json',
      templates: [{ stackName: 'orders-prod-runtime', file: 'services/orders/cdk.out/ordersprodruntime.template.json' }],
    });
  });

  test('a problem of an app that names none of its stacks fails every row of the app', () => {
    const doc = buildDocument({ ...fixtureRun(), problems: ['ledger: acknowledgment X on ledger-prod/Runtime matches no finding'] },
      CONTEXT, firstRun);

    expect(doc.rows.filter((r) => r.status === Status.FAIL).map((r) => `${r.service}/${r.environment}`)).toEqual(['ledger/develop', 'ledger/prod', 'orders/prod']);
  });

  test('the route plan: each public service\'s path, priority and load balancer', () => {
    expect(document().routes).toEqual([{ service: 'orders', pathPattern: '/api/orders/*', priority: 100, loadBalancer: 0, environments: ['develop', 'prod'] }]);
  });

  test('load balancer headroom counts the listener rules and target groups of the services\' templates', () => {
    expect(document().loadBalancers).toEqual([
      {
        environment: 'develop',
        index: 0,
        services: ['orders'],
        quotas: [
          { quota: 'listener rules', used: 1, max: 100, limit: 80 }, { quota: 'target groups', used: 1, max: 100, limit: 80 },
        ],
      },
      {
        environment: 'prod',
        index: 0,
        services: ['orders'],
        quotas: [
          { quota: 'listener rules', used: 1, max: 100, limit: 80 }, { quota: 'target groups', used: 1, max: 100, limit: 80 },
        ],
      },
    ]);
  });

  test('stack quotas are numbers: use, quota and the fleet\'s limit at 80 %', () => {
    const stack = document().stacks.find((s) => s.stackName === 'orders-prod-runtime')!;

    expect(stack.quotas).toEqual([
      { quota: 'resources', used: 5, max: 500, limit: 400 },
      { quota: 'template bytes', used: 24_000, max: 1_000_000, limit: 800_000 },
      { quota: 'outputs', used: 0, max: 200, limit: 160 },
      { quota: 'parameters', used: 1, max: 200, limit: 160 },
      { quota: 'mappings', used: 0, max: 200, limit: 160 },
    ]);
  });

  test('acknowledgments are grouped by pack and rule, details together, with their reasons', () => {
    expect(document().acknowledgments).toEqual([{
      pack: 'AwsSolutions',
      rule: 'AwsSolutions-IAM5',
      count: 2,
      resources: 2,
      environments: ['develop', 'prod'],
      services: ['orders'],
      reasons: [expect.stringContaining('ecr:GetAuthorizationToken')],
    }]);
  });
});
