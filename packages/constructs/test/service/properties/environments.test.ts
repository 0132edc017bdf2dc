import * as fc from 'fast-check';
import { SEED, serviceInEnvironments } from './generators';
import { containerOf, only, resources, runtimeOf } from './synth';
import { EnvironmentProfile } from '../../../src';

/** The same service in two different standard environments, each in its own account and Region. */
const inTwoEnvironments = serviceInEnvironments(2);

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
    fc.assert(fc.property(inTwoEnvironments, ({ service, profiles: [a, b], definition }) => {
      const [templateA, templateB] = [runtimeOf(definition.specFor(a.name), a).template, runtimeOf(definition.specFor(b.name), b).template];
      const [settingsA, settingsB] = [environmentSettings(templateA), environmentSettings(templateB)];
      expect(settingsA).toEqual(expectedSettings(service.desiredCount, a));
      expect(settingsB).toEqual(expectedSettings(service.desiredCount, b));
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
      expect(JSON.stringify(containerOf(templateA).Image)).toContain(`/${a.name}/${service.name}:`);
      // and each environment's secrets are its own, in its own account and Region
      for (const [profile, template] of [[a, templateA], [b, templateB]] as const) {
        const target = definition.specFor(profile.name).target;
        const injected = containerOf(template).Secrets.filter((s: any) => typeof s.ValueFrom === 'string').map((s: any) => s.ValueFrom);
        const written = service.environments![profile.name];
        expect(injected.sort()).toEqual([...Object.values(written.secrets ?? {}), ...Object.values(written.sharedSecrets ?? {})].sort());
        for (const arn of injected) {
          expect(arn).toMatch(new RegExp(`^arn:aws:secretsmanager:${target.region}:${target.account}:secret:${profile.name}/(${service.name}|shared)/`));
        }
      }
    }), { seed: SEED });
  });
});
