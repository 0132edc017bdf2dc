import * as fs from 'fs';
import * as path from 'path';
import { ServiceApplicationConfig, ServiceKind } from '@fargate-platform/constructs';
import { discoverServices, planRoutes } from '@fargate-platform/fleet';

/** One size of fleet the benchmark synthesizes, with the platform and with the baseline. */
export interface Scenario {
  /** `12x4`, `50x1`, ... */
  readonly name: string;
  /** The services, as the platform's service apps take them (the baseline reads the same specs). */
  readonly configs: ServiceApplicationConfig[];
  /** The environments whose own stacks are synthesized too. */
  readonly environments: string[];
  /** Load balancers of each environment (the fleet's route assignment). */
  readonly loadBalancers: number;
}

/** The real fleet: the services of services/, in every environment of deployments.json, as `npx projen fleet` runs them. */
export function realFleet(root: string): Scenario {
  const configs: ServiceApplicationConfig[] = discoverServices(root)
    .map((name) => JSON.parse(fs.readFileSync(path.join(root, 'services', name, 'service.json'), 'utf-8')));
  const assignment = JSON.parse(fs.readFileSync(path.join(root, 'packages', 'environments', 'load-balancers.json'), 'utf-8'));
  const environments = configs[0].targets.map((t) => t.environment);
  return { name: `${configs.length}x${environments.length}`, configs, environments, loadBalancers: assignment.loadBalancers };
}

/**
 * A fleet of `count` services in one environment, generated from the real fleet: service i is
 * a copy of real service i mod 12 (same kind, runtime, size, scaling, configuration), named
 * `svc-NNN`, and a public one is routed on `/svc-NNN/*`. Routes come from the fleet's own
 * assignment (`planRoutes`): load balancer and priority, 80 public services per load balancer.
 */
export function generatedFleet(root: string, count: number, environment = 'develop'): Scenario {
  const real = realFleet(root).configs;
  const configs = Array.from({ length: count }, (_, i) => {
    const model = real[i % real.length];
    const name = `svc-${String(i + 1).padStart(3, '0')}`;
    const isPublic = model.spec.kind === ServiceKind.PUBLIC;
    return {
      ...model,
      spec: {
        ...model.spec,
        name,
        sourceRepository: `fargate-platform/${name}`,
        route: isPublic ? { pathPattern: `/${name}/*`, priority: 0 } : undefined,
      },
      targets: model.targets.filter((t) => t.environment === environment),
    };
  });
  const plan = planRoutes(configs.map((c) => ({ name: c.spec.name, isPublic: c.spec.route !== undefined, routePath: c.spec.route?.pathPattern })));
  const routed = configs.map((c) => {
    const route = plan.routes.get(c.spec.name);
    return route === undefined ? c : {
      ...c,
      spec: { ...c.spec, route: { pathPattern: c.spec.route!.pathPattern, priority: route.priority, loadBalancer: route.loadBalancer || undefined } },
    };
  });
  return { name: `${count}x1`, configs: routed, environments: [environment], loadBalancers: plan.loadBalancers };
}

/** The scenario of a name: the real fleet (`12x4`) or a generated one (`{count}x1`). */
export function scenario(root: string, name: string): Scenario {
  const real = realFleet(root);
  if (name === real.name) {
    return real;
  }
  const generated = /^(\d+)x1$/.exec(name);
  if (!generated) {
    throw new Error(`scenario must be '${real.name}' (the real fleet) or '{count}x1' (generated services in develop); got '${name}'`);
  }
  return generatedFleet(root, Number(generated[1]));
}
