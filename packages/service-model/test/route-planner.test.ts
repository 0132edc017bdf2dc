import { ServiceKind, ServiceRuntime, ServiceSpec } from '@fargate-platform/constructs';
import { planRoutes, RouteRequest } from '../src/route-plan';
import { routeProblems } from '../src/routes';

// Generators: n public services with distinct paths, in the order they are added.
const publicServices = (count: number, from = 0): RouteRequest[] =>
  Array.from({ length: count }, (_, i) => ({ name: `svc-${from + i}`, isPublic: true, routePath: `/svc-${from + i}/*` }));
const spec = (name: string, priority: number, loadBalancer?: number): ServiceSpec => ({
  name, kind: ServiceKind.PUBLIC, runtime: ServiceRuntime.NODEJS, containerPort: 3000, cpu: 256, memoryLimitMiB: 512, desiredCount: 1,
  route: { pathPattern: `/${name}/*`, priority, loadBalancer }, owner: 'team', costCenter: 'cc-1', sourceRepository: `acme/${name}`,
});

describe('planRoutes', () => {
  test('the twelve services keep one load balancer and the priorities they had, most specific path first', () => {
    const plan = planRoutes([
      { name: 'web-frontend', isPublic: true, routePath: '/*' },
      { name: 'api-gateway', isPublic: true, routePath: '/api/*' },
      { name: 'orders', isPublic: true, routePath: '/api/orders/*' },
      { name: 'ledger', isPublic: false },
    ]);

    expect(plan.loadBalancers).toBe(1);
    expect([...plan.routes]).toEqual([
      ['orders', { loadBalancer: 0, priority: 100 }],
      ['api-gateway', { loadBalancer: 0, priority: 110 }],
      ['web-frontend', { loadBalancer: 0, priority: 120 }],
    ]);
  });

  test('the 81st public service opens a second load balancer, whose priorities start again', () => {
    const plan = planRoutes(publicServices(81));

    expect(plan.loadBalancers).toBe(2);
    expect([...plan.routes.values()].filter((r) => r.loadBalancer === 0)).toHaveLength(80);
    expect(plan.routes.get('svc-80')).toEqual({ loadBalancer: 1, priority: 100 });
  });

  test('a service never moves: with the last assignment, removing a service of a full load balancer keeps the others where they were', () => {
    const first = planRoutes(publicServices(100));
    const previous = new Map([...first.routes].map(([name, r]) => [name, r.loadBalancer]));

    const second = planRoutes(publicServices(100).filter((s) => s.name !== 'svc-3'), previous);

    expect(second.routes.get('svc-90')!.loadBalancer).toBe(1);
    expect([...second.routes].every(([name, r]) => r.loadBalancer === previous.get(name))).toBe(true);
  });

  test('pinning more than 80 services to one load balancer is refused, naming the count and the quota', () => {
    const pinned = publicServices(81).map((s) => ({ ...s, loadBalancer: 1 }));

    expect(() => planRoutes(pinned)).toThrow(/load balancer 1 would carry 81 public services .*an Application Load Balancer allows 100 of each and the fleet uses at most 80 \(80 %\)/s);
  });

  test('a fleet that needs more than 40 load balancers is refused', () => {
    expect(() => planRoutes(publicServices(3201))).toThrow(/the fleet's 3201 public services need 41 load balancers; an environment may have at most 40/);
  });

  test('names every route problem at once', () => {
    expect(() => planRoutes([
      { name: 'a', isPublic: true },
      { name: 'b', isPublic: false, routePath: '/b/*' },
      { name: 'c', isPublic: true, routePath: '/x/*' },
      { name: 'd', isPublic: true, routePath: '/x/*', loadBalancer: 40 },
    ])).toThrow(/needs a routePath[\s\S]*cannot have a routePath[\s\S]*claimed by c and d[\s\S]*loadBalancer must be an integer from 0 to 39; got 40/);
  });
});

describe('routeProblems (the fleet command\'s check of the services it synthesizes)', () => {
  test('a service on a load balancer the environments do not create', () => {
    expect(routeProblems([spec('orders', 100, 2)], 2)).toEqual([
      expect.stringMatching(/^orders is on load balancer 2, but the environments create 2 \(0-1, at most 40\)/),
    ]);
  });

  test('more than 80 services on one load balancer', () => {
    const specs = Array.from({ length: 81 }, (_, i) => spec(`svc-${i}`, 100 + i));
    expect(routeProblems(specs, 1)).toEqual([
      expect.stringMatching(/^load balancer 0 carries 81 public services.*allows 100 of each and the fleet uses at most 80/),
    ]);
    expect(routeProblems(specs.slice(0, 80), 1)).toEqual([]);
  });
});
