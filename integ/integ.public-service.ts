/**
 * A public service, end to end: an environment (`integ-public-environment`), the probe's
 * image tag (`probe-integ-public-delivery`) and the probe as a public `PlatformService`
 * attached through the contract (`probe-integ-public-runtime`), on the route `/probe/*`.
 *
 * Deployed assertions (nightly):
 * - HTTPS through the load balancer: `GET https://{load balancer}/probe/health` answers 200,
 *   from a task of the service's own task definition (the probe reports its family:revision);
 * - ECS: the primary deployment has completed (rolloutState COMPLETED, ECS's steady state) and
 *   `ListTasks` returns exactly the desired count of running tasks;
 * - ELBv2: the target group's one target is `healthy`.
 */
import { ExpectedResult, Match } from '@aws-cdk/integ-tests-alpha';
import { PlatformCluster } from '@fargate-platform/constructs';
import { ServiceExposure } from '@fargate-platform/service-model';
import { App, Fn } from 'aws-cdk-lib';
import { answers, rolloutCompleted, runningTasks, scenarioTest, UNTIL_HEALTHY } from './assertions';
import { PROBE, scenarioEnvironment, scenarioService } from './scenario';

const app = new App();
const scenario = scenarioEnvironment(app, 'integ-public');
const probe = scenarioService(app, scenario, ServiceExposure.PUBLIC);
const cluster = PlatformCluster.clusterName(scenario.profile);

const integ = scenarioTest(app, 'integ-public', 'PublicService',
  [scenario.stack, probe.deliveryStack, probe.runtimeStack], { callsLoadBalancer: true });

// `arn:...:task-definition/probe-integ-public:N` -> `probe-integ-public:N`, what the probe reports.
const taskDefinition = Fn.select(1, Fn.split('/', probe.service.taskDefinition.taskDefinitionArn));

answers(integ, scenario.environment.loadBalancerDnsName, `/${PROBE}/health`, { taskDefinition })
  .next(rolloutCompleted(integ, cluster, PROBE))
  .next(runningTasks(integ, cluster, PROBE, probe.service.desiredCount))
  .next(integ.assertions
    .awsApiCall('ELBv2', 'describeTargetHealth', { TargetGroupArn: probe.service.targetGroup!.targetGroupArn })
    .expect(ExpectedResult.objectLike({
      TargetHealthDescriptions: [Match.objectLike({ TargetHealth: Match.objectLike({ State: 'healthy' }) })],
    }))
    .waitForAssertions(UNTIL_HEALTHY));
