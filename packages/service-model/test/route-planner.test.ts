import { PlacedRoute, RoutePlanner, RouteRequest } from '../src';

// Generators: n public services with distinct paths, in the order they are added.
const publicServices = (count: number, from = 0): RouteRequest[] =>
  Array.from({ length: count }, (_, i) => ({ name: `svc-${from + i}`, isPublic: true, pathPattern: `/svc-${from + i}/*` }));

describe('RoutePlanner.plan', () => {
  test('the twelve services keep one load balancer and the priorities they had, most specific path first', () => {
    const plan = RoutePlanner.plan([
      { name: 'web-frontend', isPublic: true, pathPattern: '/*' },
      { name: 'api-gateway', isPublic: true, pathPattern: '/api/*' },
      { name: 'orders', isPublic: true, pathPattern: '/api/orders/*' },
      { name: 'ledger', isPublic: false },
    ]);

    expect(plan.loadBalancers).toBe(1);
    expect(plan.routes).toEqual({
      'orders': { loadBalancer: 0, priority: 100 },
      'api-gateway': { loadBalancer: 0, priority: 110 },
      'web-frontend': { loadBalancer: 0, priority: 120 },
    });
  });

  test('the 81st public service opens a second load balancer, whose priorities start again', () => {
    const plan = RoutePlanner.plan(publicServices(81));

    expect(plan.loadBalancers).toBe(2);
    expect(Object.values(plan.routes).filter((r) => r.loadBalancer === 0)).toHaveLength(80);
    expect(plan.routes['svc-80']).toEqual({ loadBalancer: 1, priority: 100 });
  });

  test('a service never moves: with the last assignment, removing a service of a full load balancer keeps the others where they were', () => {
    const first = RoutePlanner.plan(publicServices(100));
    const previous = Object.fromEntries(Object.entries(first.routes).map(([name, r]) => [name, r.loadBalancer]));

    const second = RoutePlanner.plan(publicServices(100).filter((s) => s.name !== 'svc-3'), previous);

    expect(second.routes['svc-90'].loadBalancer).toBe(1);
    expect(Object.entries(second.routes).every(([name, r]) => r.loadBalancer === previous[name])).toBe(true);
  });

  test('pinning more than 80 services to one load balancer is refused, naming the count and the quota', () => {
    const pinned = publicServices(81).map((s) => ({ ...s, loadBalancer: 1 }));

    expect(() => RoutePlanner.plan(pinned)).toThrow(/load balancer 1 would carry 81 public services .*an Application Load Balancer allows 100 of each and the fleet uses at most 80 \(80 %\)/s);
  });

  test('a fleet that needs more than 40 load balancers is refused', () => {
    expect(() => RoutePlanner.plan(publicServices(3201))).toThrow(/the fleet's 3201 public services need 41 load balancers; an environment may have at most 40/);
  });

  test('names every route problem at once', () => {
    expect(() => RoutePlanner.plan([
      { name: 'a', isPublic: true },
      { name: 'b', isPublic: false, pathPattern: '/b/*' },
      { name: 'c', isPublic: true, pathPattern: '/x/*' },
      { name: 'd', isPublic: true, pathPattern: '/x/*', loadBalancer: 40 },
    ])).toThrow(/needs a path pattern[\s\S]*cannot have a path pattern[\s\S]*claimed by c and d[\s\S]*loadBalancer must be a whole number from 0 to 39; got 40/);
  });
});

describe('RoutePlanner.conflicts (rules placed apart, e.g. a service outside the fleet)', () => {
  const rule = (service: string, pathPattern: string, priority: number, extra: Partial<PlacedRoute> = {}): PlacedRoute =>
    ({ service, pathPattern, priority, ...extra });

  test('GIVEN a catch-all at priority 1 WHEN checked THEN it shadows every more specific rule of its load balancer', () => {
    const problems = RoutePlanner.conflicts([rule('greedy', '/*', 1), rule('orders', '/api/orders/*', 120), rule('api', '/api/*', 150)]);

    expect(problems).toEqual([
      expect.stringMatching(/^'greedy' \(\/\*, priority 1\) shadows 'orders' \(\/api\/orders\/\*, priority 120\)/),
      expect.stringMatching(/^'greedy' \(\/\*, priority 1\) shadows 'api' \(\/api\/\*, priority 150\)/),
    ]);
  });

  test('GIVEN a general rule after a specific one, on other load balancers or hosts THEN nothing is wrong', () => {
    expect(RoutePlanner.conflicts([
      rule('orders', '/api/orders/*', 100), rule('api', '/api/*', 110),
      rule('other', '/*', 1, { loadBalancer: 1 }),
      rule('admin', '/*', 2, { hostHeader: 'admin.example.com' }),
    ])).toEqual([]);
  });

  test('GIVEN one path on two load balancers, or on one host written in two cases THEN it is claimed twice', () => {
    expect(RoutePlanner.conflicts([rule('a', '/shop/*', 100), rule('b', '/shop/*', 100, { loadBalancer: 1 })]))
      .toEqual(['path pattern \'/shop/*\' on any host is claimed by \'a\' and \'b\'; each path belongs to one service']);
    expect(RoutePlanner.conflicts([rule('a', '/x/*', 100, { hostHeader: 'API.example.com' }), rule('b', '/x/*', 110, { hostHeader: 'api.example.com' })]))
      .toEqual(['path pattern \'/x/*\' on host \'api.example.com\' is claimed by \'a\' and \'b\'; each path belongs to one service']);
  });

  test('GIVEN one priority twice on a load balancer, or one path twice on a host THEN each is named', () => {
    expect(RoutePlanner.conflicts([rule('a', '/a/*', 100), rule('b', '/b/*', 100), rule('c', '/c/*', 300), rule('d', '/c/*', 310)])).toEqual([
      'listener rule priority 100 is used by \'a\' and \'b\'; each priority once per load balancer',
      'path pattern \'/c/*\' on any host is claimed by \'c\' and \'d\'; each path belongs to one service',
    ]);
  });
});

describe('RoutePlanner.standalonePriority (a public service in its own repository)', () => {
  // The fleet's published plan: a catch-all, /api/*, and two services under /api.
  const fleet = RoutePlanner.plan([
    { name: 'web-frontend', isPublic: true, pathPattern: '/*' },
    { name: 'api-gateway', isPublic: true, pathPattern: '/api/*' },
    { name: 'orders', isPublic: true, pathPattern: '/api/orders/*' },
    { name: 'payments', isPublic: true, pathPattern: '/api/payments/*' },
  ]);
  const placed: PlacedRoute[] = Object.entries(fleet.routes).map(([service, a]) => ({
    service,
    pathPattern: { 'web-frontend': '/*', 'api-gateway': '/api/*', 'orders': '/api/orders/*', 'payments': '/api/payments/*' }[service]!,
    priority: a.priority,
    loadBalancer: a.loadBalancer,
  }));

  test('GIVEN a path under the fleet\'s /api/* THEN it goes before every fleet rule, and nothing shadows anything', () => {
    const priority = RoutePlanner.standalonePriority({ service: 'inventory', pathPattern: '/api/inventory/*' }, placed);

    expect(priority).toBeGreaterThanOrEqual(RoutePlanner.STANDALONE_FIRST_PRIORITY);
    expect(priority).toBeLessThan(Math.min(...placed.map((r) => r.priority)));
    expect(RoutePlanner.conflicts([...placed, { service: 'inventory', pathPattern: '/api/inventory/*', priority }])).toEqual([]);
  });

  test('GIVEN two standalone services where one path covers the other THEN the more specific one gets the lower number', () => {
    const general = RoutePlanner.standalonePriority({ service: 'shop', pathPattern: '/shop/*' }, placed);
    const specific = RoutePlanner.standalonePriority({ service: 'shop-cart', pathPattern: '/shop/cart/*' }, placed);

    expect(specific).toBeLessThan(general);
    expect(RoutePlanner.conflicts([...placed,
      { service: 'shop', pathPattern: '/shop/*', priority: general },
      { service: 'shop-cart', pathPattern: '/shop/cart/*', priority: specific }])).toEqual([]);
  });

  test('GIVEN the fleet\'s own path, or one that would take a fleet service\'s requests THEN it is refused, naming the fleet service', () => {
    expect(() => RoutePlanner.standalonePriority({ service: 'mine', pathPattern: '/api/orders/*' }, placed))
      .toThrow(/'\/api\/orders\/\*' belongs to the fleet's 'orders'/);
    expect(() => RoutePlanner.standalonePriority({ service: 'mine', pathPattern: '/api/*' }, placed))
      .toThrow(/matches every path of the fleet's 'orders' \(\/api\/orders\/\*\)/);
    // on another host the fleet's rules do not apply
    expect(RoutePlanner.standalonePriority({ service: 'mine', pathPattern: '/api/*', hostHeader: 'mine.example.com' }, placed))
      .toBeLessThan(100);
  });
});
