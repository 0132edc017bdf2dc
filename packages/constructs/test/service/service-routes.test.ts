import { ServiceRoutes } from '../../src';
import { internalSpec, publicSpec } from './fixtures';

describe('ServiceRoutes', () => {
  test('accepts services whose routes differ in path, host or priority', () => {
    const specs = [
      publicSpec({ name: 'orders', route: { pathPattern: '/orders/*', priority: 10 } }),
      publicSpec({ name: 'orders-admin', route: { pathPattern: '/orders/*', priority: 11, hostHeader: 'admin.example.com' } }),
      publicSpec({ name: 'catalog', route: { pathPattern: '/catalog/*', priority: 12 } }),
      internalSpec({ name: 'billing' }),
    ];

    expect(() => ServiceRoutes.assertUnique(specs)).not.toThrow();
    expect(ServiceRoutes.clashes(specs)).toEqual([]);
  });

  test('names the services that share a priority', () => {
    const specs = [
      publicSpec({ name: 'orders', route: { pathPattern: '/orders/*', priority: 10 } }),
      publicSpec({ name: 'catalog', route: { pathPattern: '/catalog/*', priority: 10 } }),
    ];

    expect(() => ServiceRoutes.assertUnique(specs))
      .toThrow(/^listener rule priorities must be unique across the environment's services; priority 10 is used by 'orders', 'catalog'$/);
  });

  test('names the services that share a path on the same host (host names compare case-insensitively)', () => {
    const specs = [
      publicSpec({ name: 'orders', route: { pathPattern: '/shop/*', priority: 10, hostHeader: 'API.example.com' } }),
      publicSpec({ name: 'catalog', route: { pathPattern: '/shop/*', priority: 11, hostHeader: 'api.example.com' } }),
    ];

    expect(() => ServiceRoutes.assertUnique(specs)).toThrow(/path pattern '\/shop\/\*' on host 'api.example.com' is used by 'orders', 'catalog'/);
  });

  test('names services that share a name, and lists every clash at once', () => {
    const specs = [
      publicSpec({ name: 'orders', route: { pathPattern: '/a/*', priority: 1 } }),
      publicSpec({ name: 'orders', route: { pathPattern: '/a/*', priority: 1 } }),
    ];

    expect(ServiceRoutes.clashes(specs)).toHaveLength(3);
    expect(() => ServiceRoutes.assertUnique(specs)).toThrow(/^3 problems:\n.*name 'orders' is used by 'orders', 'orders'/);
  });

  test('services on different load balancers may share a priority; on the same one they may not', () => {
    const onLoadBalancer = (name: string, loadBalancer: number) =>
      publicSpec({ name, route: { pathPattern: `/${name}/*`, priority: 100, loadBalancer } });

    expect(ServiceRoutes.clashes([onLoadBalancer('orders', 0), onLoadBalancer('catalog', 1)])).toEqual([]);
    expect(() => ServiceRoutes.assertUnique([onLoadBalancer('orders', 1), onLoadBalancer('catalog', 1)]))
      .toThrow(/^listener rule priorities must be unique across the environment's services; priority 100 on load balancer 1 is used by 'orders', 'catalog'$/);
  });

  test('a path belongs to one service on every load balancer', () => {
    const specs = [
      publicSpec({ name: 'orders', route: { pathPattern: '/shop/*', priority: 100 } }),
      publicSpec({ name: 'catalog', route: { pathPattern: '/shop/*', priority: 100, loadBalancer: 1 } }),
    ];
    expect(ServiceRoutes.clashes(specs)).toEqual([expect.stringMatching(/path pattern '\/shop\/\*' on any host is used by 'orders', 'catalog'/)]);
  });

  test('ignores internal services, which have no route', () => {
    expect(ServiceRoutes.clashes([internalSpec({ name: 'a' }), internalSpec({ name: 'b' })])).toEqual([]);
  });
});
