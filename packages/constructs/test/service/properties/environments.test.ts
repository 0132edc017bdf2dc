import * as fc from 'fast-check';
import { EnvironmentProfile } from '../../../src';
import { SEED, serviceSpec } from './generators';
import { containerOf, only, resources, runtimeOf } from './synth';

/** Two different standard environments. */
const twoEnvironments = fc.uniqueArray(fc.constantFrom(...EnvironmentProfile.STANDARD), { minLength: 2, maxLength: 2, selector: (p) => p.name });

/** The settings of a runtime template that an environment decides. */
function environmentSettings(template: any) {
  const service = only(template, 'AWS::ECS::Service');
  const target = only(template, 'AWS::ApplicationAutoScaling::ScalableTarget');
  const strategy: any[] = service.CapacityProviderStrategy;
  const weight = (provider: string) => strategy.find((s) => s.CapacityProvider === provider)?.Weight ?? 0;
  return {
    desiredCount: service.DesiredCount,
    minCapacity: target.MinCapacity,
    spotShare: Math.round(100 * weight('FARGATE_SPOT') / (weight('FARGATE') + weight('FARGATE_SPOT'))),
    retentionDays: only(template, 'AWS::Logs::LogGroup').RetentionInDays,
  };
}

/** What a profile says those settings must be for a spec. */
function expectedSettings(desiredCount: number, profile: EnvironmentProfile) {
  return {
    desiredCount: Math.max(desiredCount, profile.minTasks),
    minCapacity: expect.any(Number),
    spotShare: profile.fargateSpotPercent,
    retentionDays: profile.logRetention,
  };
}

describe('environment properties', () => {
  // Property 46: Environment-specific configuration
  test('the same service in two environments: isolated names, and exactly the profile\'s task floor, Spot share and retention', () => {
    // develop, test and qa share their service settings (minTasks 1, 30% Spot, one year); prod raises them (2 tasks, no
    // Spot, two years). So any two environments differ in every environment-scoped name, and in limits, capacity and
    // retention exactly where their profiles do.
    fc.assert(fc.property(serviceSpec, twoEnvironments, (spec, [a, b]) => {
      const [templateA, templateB] = [runtimeOf(spec, a).template, runtimeOf(spec, b).template];
      const [settingsA, settingsB] = [environmentSettings(templateA), environmentSettings(templateB)];
      expect(settingsA).toEqual(expectedSettings(spec.desiredCount, a));
      expect(settingsB).toEqual(expectedSettings(spec.desiredCount, b));
      expect(settingsA.minCapacity).toBeGreaterThanOrEqual(a.minTasks);
      expect(settingsB.minCapacity).toBeGreaterThanOrEqual(b.minTasks);
      if (a.production !== b.production) {
        const [prod, other] = a.production ? [settingsA, settingsB] : [settingsB, settingsA];
        expect(prod.spotShare).toBe(0);
        expect(prod.desiredCount).toBeGreaterThanOrEqual(other.desiredCount);
        expect(prod.retentionDays).toBeGreaterThan(other.retentionDays);
      }
      // every environment-scoped name differs
      const names = (template: any, profile: EnvironmentProfile) => [
        only(template, 'AWS::ECS::TaskDefinition').Family,
        only(template, 'AWS::Logs::LogGroup').LogGroupName,
        ...resources(template, 'AWS::IAM::Role').map(([, r]) => r.Properties.RoleName).filter(Boolean),
        ...resources(template, 'AWS::CloudWatch::Alarm').map(([, r]) => r.Properties.AlarmName),
        ...resources(template, 'AWS::SSM::Parameter').map(([, r]) => r.Properties.Name),
      ].map((name) => { expect(name).toContain(profile.name); return name; });
      const namesB = new Set(names(templateB, b));
      expect(names(templateA, a).filter((n) => namesB.has(n))).toEqual([]);
      // and the image comes from the environment's own repository
      expect(JSON.stringify(containerOf(templateA).Image)).toContain(`/${a.name}/${spec.name}:`);
    }), { seed: SEED });
  });
});
