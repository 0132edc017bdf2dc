/**
 * An internal service: the probe as an internal `PlatformService` (no load balancer), registered
 * in the environment's Cloud Map namespace `integ-internal.internal`, attached through the
 * contract like a service app (`probe-integ-internal-runtime`).
 *
 * Deployed assertions (nightly):
 * - Cloud Map: `DiscoverInstances` of `probe` in `integ-internal.internal` finds the service's
 *   one task, healthy (ECS reports the task's health to Cloud Map);
 * - ECS: the primary deployment has completed (rolloutState COMPLETED, ECS's steady state) and
 *   `ListTasks` returns exactly the desired count of running tasks.
 */
import { ExpectedResult, Match } from '@aws-cdk/integ-tests-alpha';
import { PlatformCluster, PlatformDiscovery } from '@fargate-platform/constructs';
import { ServiceExposure } from '@fargate-platform/service-model';
import { App } from 'aws-cdk-lib';
import { rolloutCompleted, runningTasks, scenarioTest, UNTIL_HEALTHY } from './assertions';
import { PROBE, scenarioEnvironment, scenarioService } from './scenario';

const app = new App();
const scenario = scenarioEnvironment(app, 'integ-internal');
const probe = scenarioService(app, scenario, ServiceExposure.INTERNAL);
const cluster = PlatformCluster.clusterName(scenario.profile);
const namespace = PlatformDiscovery.namespaceName(scenario.profile);

const integ = scenarioTest(app, 'integ-internal', 'InternalService', [scenario.stack, probe.deliveryStack, probe.runtimeStack]);

rolloutCompleted(integ, cluster, PROBE)
  .next(runningTasks(integ, cluster, PROBE, probe.service.desiredCount))
  .next(integ.assertions
    .awsApiCall('ServiceDiscovery', 'discoverInstances', { NamespaceName: namespace, ServiceName: PROBE, HealthStatus: 'HEALTHY' })
    .expect(ExpectedResult.objectLike({
      Instances: Array.from({ length: probe.service.desiredCount }, () => Match.objectLike({
        NamespaceName: namespace,
        ServiceName: PROBE,
        HealthStatus: 'HEALTHY',
      })),
    }))
    .waitForAssertions(UNTIL_HEALTHY));
