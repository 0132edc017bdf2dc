import { App, Stack } from 'aws-cdk-lib';
import { internalService, ordersSecretArn, publicService, TEST_ENV } from './fixtures';
import { ComplianceGate, EnvironmentContract, EnvironmentProfile, MandatoryTags, PlatformService, ServiceRepository } from '../../src';
import { specOf } from '../helpers/service-spec';

describe('services on the compliance gate', () => {
  test('a public and an internal service in each standard environment have zero open findings', () => {
    // GIVEN, for each environment, the fleet's two stacks per service app on the imported environment:
    // a delivery stack (repositories) and a runtime stack (services), tagged as every stack is
    const app = new App();
    for (const profile of EnvironmentProfile.STANDARD) {
      const specs = [
        publicService({ secrets: { DB_PASSWORD: `${ordersSecretArn(profile)}:password::` }, config: { LOG_LEVEL: 'info' }, desiredCount: 2, maxCapacity: 4 }),
        internalService({ config: { TOPIC: 'billing-events' } }),
      ].map((fields) => specOf(fields, profile));
      const delivery = new Stack(app, `Delivery-${profile.name}`, { env: TEST_ENV });
      const runtime = new Stack(app, `Runtime-${profile.name}`, { env: TEST_ENV });
      for (const stack of [delivery, runtime]) {
        MandatoryTags.apply(stack, { environment: profile.name, owner: 'platform-team', costCenter: 'cc-0001', compliance: 'nist-800-53-r5 soc2' });
      }
      const deliveryEnvironment = EnvironmentContract.import(delivery, 'Env', profile);
      const runtimeEnvironment = EnvironmentContract.import(runtime, 'Env', profile);
      for (const spec of specs) {
        new ServiceRepository(delivery, `${spec.name}-repository`, { environment: deliveryEnvironment, serviceName: spec.name });
        new PlatformService(runtime, spec.name, { environment: runtimeEnvironment, spec });
      }
    }

    // WHEN every pack runs
    const report = ComplianceGate.check(app);

    // THEN nothing is open and every acknowledgment matched a finding
    expect(report.openFindings).toEqual([]);
    expect(report.unusedAcknowledgments).toEqual([]);
    expect(report.passed).toBe(true);
    // AND only the finding that cannot be fixed is acknowledged, on the exact resources: the repositories are fully
    // IMMUTABLE (no moving latest tag), so Control Tower's tag-immutability rule needs no acknowledgment any more
    const acknowledged = new Set(report.acknowledgedFindings.map((f) => `${f.ruleId} on ${f.resourcePath.split('/').slice(1).join('/')}`));
    expect([...acknowledged].sort()).toEqual([
      'AwsSolutions-IAM5[Resource::*] on billing/RegistryLoginPolicy/Resource',
      'AwsSolutions-IAM5[Resource::*] on orders/RegistryLoginPolicy/Resource',
    ]);
    // (one per service and environment: 2 services x 4 environments)
    expect(report.acknowledgedFindings).toHaveLength(8);
  });
});
