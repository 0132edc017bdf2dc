import * as os from 'os';
import * as path from 'path';
import { PlatformNetwork } from '@fargate-platform/constructs';
import { loadDeployments } from '@fargate-platform/environments';
import { ServiceCalls, ServiceDefinition, ServiceExposure } from '@fargate-platform/service-model';
import { App } from 'aws-cdk-lib';
import { buildBaseline } from '../src/baseline';
import { measureAssemblies } from '../src/measure';
import { generatedFleet, realFleet } from '../src/scenarios';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('the benchmark\'s fleets', () => {
  test('the real fleet is the twelve services in the four environments, on one load balancer', () => {
    const fleet = realFleet(ROOT);
    expect(fleet.name).toBe('12x4');
    expect(fleet.loadBalancers).toBe(1);
  });

  test('200 generated services in develop: copies of the twelve, routed on two load balancers (80 public services each at most)', () => {
    const fleet = generatedFleet(ROOT, 200);
    const routes = fleet.descriptions.map((d) => d.spec.route).filter((r) => r !== undefined);

    expect(fleet.name).toBe('200x1');
    expect(fleet.descriptions.every((d) => d.targets.length === 1 && d.targets[0].environment === 'develop')).toBe(true);
    expect(fleet.loadBalancers).toBe(2);
    expect(routes.filter((r) => (r!.loadBalancer ?? 0) === 0)).toHaveLength(80);
    expect(routes.filter((r) => r!.loadBalancer === 1).length).toBeGreaterThan(0);
  });

  test('a generated copy calls the copies of its model\'s callees that exist, so the fleet\'s call check passes at every size', () => {
    for (const count of [5, 12, 50]) {
      const fleet = generatedFleet(ROOT, count);
      const definitions = fleet.descriptions.map((d) => ServiceDefinition.parse(d));
      const problems = ServiceCalls.problems(definitions.map((d) => ({
        name: d.name, isPublic: d.exposure === ServiceExposure.PUBLIC, calls: d.specs[0].calls, environments: ['develop'],
      })));
      expect(problems).toEqual([]);
    }
    const fifty = generatedFleet(ROOT, 50).descriptions;
    expect(fifty.filter((d) => (d.spec.calls ?? []).length > 0).length).toBeGreaterThan(0);
  });

  test('the baseline puts every public service\'s rule on its one listener, and the measure counts them across stacks', () => {
    const fleet = generatedFleet(ROOT, 12);
    const outdir = path.join(os.tmpdir(), `bench-test-${process.pid}`);
    const app = new App({ outdir });
    const deployments = loadDeployments(path.join(ROOT, 'packages', 'environments', 'deployments.json')).filter((d) => d.profile.name === 'develop');
    deployments.forEach((d) => PlatformNetwork.provideAvailabilityZones(app, d.account, d.region, d.availabilityZones));
    buildBaseline(app, fleet.descriptions.map((d) => ServiceDefinition.parse(d)), deployments);
    app.synth();

    const measure = measureAssemblies([outdir]);
    const publicServices = fleet.descriptions.filter((d) => d.spec.route !== undefined).length;
    expect(measure.stacks).toBe(13);
    expect(measure.maxRulesPerListener).toBe(publicServices);
    // CDK opens the load balancer's group to each public service: one egress rule each.
    expect(measure.maxRulesPerSecurityGroup).toBe(publicServices);
  });
});
