import * as fs from 'fs';
import * as path from 'path';
import { discoverServices } from '@fargate-platform/fleet';
import { RoutePlanner, ServiceDefinition, ServiceExposure } from '@fargate-platform/service-model';

/** One size of fleet the benchmark synthesizes, with the platform and with the baseline. */
export interface Scenario {
  /** `12x4`, `50x1`, ... */
  readonly name: string;
  /** The services' descriptions (service.json), as the platform's service apps read them (the baseline reads the same). */
  readonly descriptions: any[];
  /** The environments whose own stacks are synthesized too. */
  readonly environments: string[];
  /** Load balancers of each environment (the fleet's route assignment). */
  readonly loadBalancers: number;
}

/** The real fleet: the services of services/, in every environment of deployments.json, as `npx projen fleet` runs them. */
export function realFleet(root: string): Scenario {
  const descriptions = discoverServices(root)
    .map((name) => ServiceDefinition.fromFile(path.join(root, 'services', name, 'service.json')).toJson());
  const assignment = JSON.parse(fs.readFileSync(path.join(root, 'packages', 'environments', 'load-balancers.json'), 'utf-8'));
  const environments: string[] = descriptions[0].targets.map((t: { environment: string }) => t.environment);
  return { name: `${descriptions.length}x${environments.length}`, descriptions, environments, loadBalancers: assignment.loadBalancers };
}

/**
 * A fleet of `count` services in one environment, generated from the real fleet: service i is
 * a copy of real service i mod 12 (same kind, runtime, size, scaling, configuration), named
 * `svc-NNN`, and a public one is routed on `/svc-NNN/*`; it calls the copies of its model's callees. Routes come from the fleet's own
 * assignment (`RoutePlanner.plan`): load balancer and priority, 80 public services per load balancer.
 */
export function generatedFleet(root: string, count: number, environment = 'develop'): Scenario {
  const real = realFleet(root).descriptions;
  const generated = Array.from({ length: count }, (_, i) => {
    const model = real[i % real.length];
    const name = `svc-${String(i + 1).padStart(3, '0')}`;
    return { model, name, isPublic: model.spec.exposure === ServiceExposure.PUBLIC };
  });
  const plan = RoutePlanner.plan(generated.map((g) => ({ name: g.name, isPublic: g.isPublic, pathPattern: g.isPublic ? `/${g.name}/*` : undefined })));
  const realNames: string[] = real.map((d) => d.spec.name);
  const descriptions = generated.map(({ model, name, isPublic }, i) => {
    const route = plan.routes[name];
    // A copy calls the copies of its model's callees in the same block of 12 (those that exist at this count).
    const block = i - (i % real.length);
    const calls = (model.spec.calls ?? []).map((callee: string) => block + realNames.indexOf(callee))
      .filter((index: number) => index < count).map((index: number) => generated[index].name);
    return {
      ...model,
      spec: {
        ...model.spec,
        name,
        sourceRepository: `fargate-platform/${name}`,
        calls: calls.length > 0 ? calls : undefined,
        route: isPublic ? { pathPattern: `/${name}/*`, priority: route.priority, loadBalancer: route.loadBalancer || undefined } : undefined,
      },
      targets: model.targets.filter((t: { environment: string }) => t.environment === environment)
        .map((t: object) => ({ ...t, loadBalancers: plan.loadBalancers })),
    };
  });
  return { name: `${count}x1`, descriptions, environments: [environment], loadBalancers: plan.loadBalancers };
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
