/**
 * A deployment that fails its health checks is rolled back by the circuit breaker, and the
 * previous task definition keeps serving (Properties 16 and 25, live).
 *
 * How it works. The probe runs as a public service on `integ-rollback` (revision G, the one
 * CloudFormation deployed). The runtime stack also registers a second revision B of the same
 * family `probe-integ-rollback`: the same image, port, roles and log group, but a container
 * health check that always fails (`exit 1`). CloudFormation never deploys B; the assertions do,
 * the way the pipeline's ECS deploy action would, by calling `UpdateService` with B. Then ECS
 * starts B's tasks next to G's (minimum healthy 100%, maximum 200%), each B task turns unhealthy
 * and is stopped, and after the circuit breaker's threshold of failed tasks (or the task-failure
 * deployment alarm, whichever is first) the deployment is marked FAILED and rolled back to G.
 * Because the stack's own task definition stays G, the destroy at the end finds the service as
 * CloudFormation left it.
 *
 * Deployed assertions (nightly), in this order:
 * 1. `GET https://{load balancer}/probe/health` answers 200 from a task of revision G (the probe
 *    reports the family:revision that serves it);
 * 2. ECS `UpdateService` to revision B is accepted;
 * 3. ECS emits `SERVICE_DEPLOYMENT_FAILED` for the service ("ECS Deployment State Change", the
 *    event of a deployment whose rolloutState becomes FAILED), captured by an EventBridge rule
 *    into an SQS queue of the runtime stack; the waiter reads the queue (DescribeServices lists a
 *    failed deployment only until the rollback completes, and at no fixed position);
 * 4. ECS `DescribeServices`: the service's task definition (its primary deployment's) is G again,
 *    and that deployment completes;
 * 5. the health path still answers 200, from revision G.
 */
import { ExpectedResult, Match } from '@aws-cdk/integ-tests-alpha';
import { PlatformCluster } from '@fargate-platform/constructs';
import { ServiceExposure } from '@fargate-platform/service-model';
import { App, Duration, Fn } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { answers, exactly, rolloutCompleted, scenarioTest, UNTIL_HEALTHY } from './assertions';
import { PROBE, scenarioEnvironment, scenarioService } from './scenario';

const app = new App();
const scenario = scenarioEnvironment(app, 'integ-rollback');
const probe = scenarioService(app, scenario, ServiceExposure.PUBLIC);
const cluster = PlatformCluster.clusterName(scenario.profile);
const good = probe.service;
const stack = probe.runtimeStack;

// Revision B: revision G with a container health check that can never pass.
const broken = new ecs.FargateTaskDefinition(stack, 'BrokenTaskDefinition', {
  family: good.taskDefinition.family,
  cpu: probe.spec.cpu,
  memoryLimitMiB: probe.spec.memoryLimitMiB,
  executionRole: good.executionRole,
  taskRole: good.taskRole,
  runtimePlatform: { operatingSystemFamily: ecs.OperatingSystemFamily.LINUX, cpuArchitecture: ecs.CpuArchitecture.X86_64 },
});
broken.addContainer('Container', {
  containerName: PROBE,
  image: ecs.ContainerImage.fromRegistry(good.container.imageName),
  essential: true,
  portMappings: [{ containerPort: probe.spec.containerPort, protocol: ecs.Protocol.TCP }],
  user: '1000:1000',
  readonlyRootFilesystem: true,
  healthCheck: {
    command: ['CMD-SHELL', 'exit 1'],
    interval: Duration.seconds(5),
    timeout: Duration.seconds(2),
    retries: 1,
    startPeriod: Duration.seconds(0),
  },
  logging: ecs.LogDrivers.awsLogs({ logGroup: good.logGroup, streamPrefix: 'ecs' }),
});

// Where the failed deployment is recorded: ECS publishes deployment state changes to EventBridge.
const failures = new sqs.Queue(stack, 'DeploymentFailures', {
  encryption: sqs.QueueEncryption.SQS_MANAGED,
  enforceSSL: true,
  retentionPeriod: Duration.hours(4),
});
new events.Rule(stack, 'DeploymentFailed', {
  description: `Failed deployments of ${PROBE} in ${scenario.profile.name} (integration scenario)`,
  eventPattern: {
    source: ['aws.ecs'],
    detailType: ['ECS Deployment State Change'],
    resources: [good.serviceArn],
    detail: { eventName: ['SERVICE_DEPLOYMENT_FAILED'] },
  },
  targets: [new targets.SqsQueue(failures)],
});

const integ = scenarioTest(app, 'integ-rollback', 'CircuitBreakerRollback',
  [scenario.stack, probe.deliveryStack, probe.runtimeStack], { callsLoadBalancer: true });

// `arn:...:task-definition/probe-integ-rollback:N` -> `probe-integ-rollback:N`, what the probe reports.
const revisionG = Fn.select(1, Fn.split('/', good.taskDefinition.taskDefinitionArn));
const host = scenario.environment.loadBalancerDnsName;
const healthPath = `/${PROBE}/health`;

const deployBroken = integ.assertions
  .awsApiCall('ECS', 'updateService', { cluster, service: PROBE, taskDefinition: broken.taskDefinitionArn }, ['service.taskDefinition'])
  .assertAtPath('service.taskDefinition', exactly(broken.taskDefinitionArn));
// ECS checks that the caller may pass the task definition's roles.
deployBroken.provider.addToRolePolicy({
  Effect: 'Allow',
  Action: ['iam:PassRole'],
  Resource: [good.executionRole.roleArn, good.taskRoleArn],
  Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
});

const UNTIL_ROLLED_BACK = { totalTimeout: Duration.minutes(45), interval: Duration.seconds(30) };

answers(integ, host, healthPath, { taskDefinition: revisionG })
  .next(deployBroken)
  .next(integ.assertions
    .awsApiCall('SQS', 'receiveMessage', { QueueUrl: failures.queueUrl, MaxNumberOfMessages: 1, WaitTimeSeconds: 10 })
    .expect(ExpectedResult.objectLike({
      Messages: [Match.objectLike({
        Body: Match.serializedJson(Match.objectLike({
          'detail-type': 'ECS Deployment State Change',
          'detail': Match.objectLike({ eventName: 'SERVICE_DEPLOYMENT_FAILED' }),
        })),
      })],
    }))
    .waitForAssertions(UNTIL_ROLLED_BACK))
  .next(integ.assertions
    .awsApiCall('ECS', 'describeServices', { cluster, services: [PROBE] })
    .assertAtPath('services.0.taskDefinition', exactly(good.taskDefinition.taskDefinitionArn))
    .waitForAssertions(UNTIL_HEALTHY))
  .next(rolloutCompleted(integ, cluster, PROBE))
  .next(answers(integ, host, healthPath, { taskDefinition: revisionG }));
