/**
 * The account-level audit of an environment, and the alarms of a service on it. This is the
 * ONLY scenario with `accountAudit: true`: an account and region hold one AWS Config recorder
 * (the test account must have none of its own in the region), and one trail is enough.
 *
 * The environment `integ-audit` creates the CloudTrail trail `integ-audit-audit`, the Config
 * recorder `integ-audit-recorder` with its delivery channel, and the operator role; the probe
 * runs on it as an internal service (`probe-integ-audit-runtime`), which brings its alarms.
 *
 * Deployed assertions (nightly):
 * - CloudTrail `GetTrailStatus`: the trail is logging (Property 52's trail, live);
 * - Config `DescribeConfigurationRecorderStatus`: the recorder is recording (Property 56);
 * - CloudWatch `DescribeAlarms`, one alarm at a time: `probe-integ-audit-task-failures` notifies the
 *   critical topic, `-cpu` and `-memory` the warning topic, on ALARM and on OK, with actions
 *   enabled (Property 30).
 */
import { ExpectedResult, Match } from '@aws-cdk/integ-tests-alpha';
import { ServiceExposure } from '@fargate-platform/service-model';
import { App } from 'aws-cdk-lib';
import { scenarioTest, UNTIL_HEALTHY } from './assertions';
import { PROBE, scenarioEnvironment, scenarioService } from './scenario';

const app = new App();
const scenario = scenarioEnvironment(app, 'integ-audit', { accountAudit: true });
const probe = scenarioService(app, scenario, ServiceExposure.INTERNAL);
const audit = scenario.environment.audit!;
const env = scenario.profile.name;

const integ = scenarioTest(app, env, 'EnvironmentAudit', [scenario.stack, probe.deliveryStack, probe.runtimeStack]);

integ.assertions
  .awsApiCall('CloudTrail', 'getTrailStatus', { Name: audit.trail.trailArn })
  .expect(ExpectedResult.objectLike({ IsLogging: true }))
  .waitForAssertions(UNTIL_HEALTHY);

integ.assertions
  .awsApiCall('ConfigService', 'describeConfigurationRecorderStatus', { ConfigurationRecorderNames: [audit.recorder.ref] })
  .expect(ExpectedResult.objectLike({
    ConfigurationRecordersStatus: [Match.objectLike({ name: audit.recorder.ref, recording: true })],
  }))
  .waitForAssertions(UNTIL_HEALTHY);

const alarms: Array<[string, string]> = [
  [`${PROBE}-${env}-task-failures`, scenario.environment.criticalTopic.topicArn],
  [`${PROBE}-${env}-cpu`, scenario.environment.warningTopic.topicArn],
  [`${PROBE}-${env}-memory`, scenario.environment.warningTopic.topicArn],
];
for (const [alarmName, topicArn] of alarms) {
  integ.assertions
    .awsApiCall('CloudWatch', 'describeAlarms', { AlarmNames: [alarmName] })
    .expect(ExpectedResult.objectLike({
      MetricAlarms: [Match.objectLike({ AlarmName: alarmName, ActionsEnabled: true, AlarmActions: [topicArn], OKActions: [topicArn] })],
    }));
}
