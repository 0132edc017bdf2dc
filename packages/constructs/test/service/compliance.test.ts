import { App, Stack } from 'aws-cdk-lib';
import { ComplianceGate, EnvironmentContract, EnvironmentProfile, MandatoryTags, PlatformService, ServiceRepository } from '../../src';
import { internalSpec, publicSpec, SECRET_ARN, TEST_ENV } from './fixtures';

describe('services on the compliance gate', () => {
  test('a public and an internal service in each standard environment have zero open findings', () => {
    // GIVEN, for each environment, the fleet's two stacks per service app on the imported environment:
    // a delivery stack (repositories) and a runtime stack (services), tagged as every stack is
    const app = new App();
    const specs = [
      publicSpec({ secrets: { DB_PASSWORD: `${SECRET_ARN}:password::` }, config: { LOG_LEVEL: 'info' }, desiredCount: 2, maxCapacity: 4 }),
      internalSpec({ route: undefined, config: { TOPIC: 'billing-events' } }),
    ];
    for (const profile of EnvironmentProfile.STANDARD) {
      const delivery = new Stack(app, `Delivery-${profile.name}`, { env: TEST_ENV });
      const runtime = new Stack(app, `Runtime-${profile.name}`, { env: TEST_ENV });
      for (const stack of [delivery, runtime]) {
        MandatoryTags.apply(stack, { environment: profile.name, owner: 'platform-team', costCenter: 'cc-0001', compliance: 'nist-800-53-r5 soc2' });
      }
      const deliveryEnvironment = EnvironmentContract.import(delivery, 'Env', profile);
      const runtimeEnvironment = EnvironmentContract.import(runtime, 'Env', profile);
      for (const spec of specs) {
        new ServiceRepository(delivery, `${spec.name}-repository`, { environment: deliveryEnvironment, spec });
        new PlatformService(runtime, spec.name, { environment: runtimeEnvironment, spec });
      }
    }

    // WHEN every pack runs
    const report = ComplianceGate.check(app);

    // THEN nothing is open and every acknowledgment matched a finding
    expect(report.openFindings).toEqual([]);
    expect(report.unusedAcknowledgments).toEqual([]);
    expect(report.passed).toBe(true);
    // AND only the two findings that cannot be fixed are acknowledged, on the exact resources
    const acknowledged = new Set(report.acknowledgedFindings.map((f) => `${f.ruleId} on ${f.resourcePath.split('/').slice(1).join('/')}`));
    expect([...acknowledged].sort()).toEqual([
      'AwsSolutions-IAM5[Resource::*] on billing/RegistryLoginPolicy/Resource',
      'AwsSolutions-IAM5[Resource::*] on orders/RegistryLoginPolicy/Resource',
      'ControlTower-CT.ECR.PR.3 on billing-repository/Resource/Resource',
      'ControlTower-CT.ECR.PR.3 on orders-repository/Resource/Resource',
    ]);
    expect(report.acknowledgedFindings).toHaveLength(16);
  });
});
