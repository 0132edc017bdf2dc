/**
 * A service's pipeline as configured for develop and for prod, read back from CodePipeline.
 *
 * The scenario deploys one environment (`integ-pipeline`) and, like a service app's delivery
 * stacks, a `ServiceRepository` and a `ServicePipeline` on its contract, twice: once with a copy
 * of the develop profile (`probe-integ-develop-delivery`, pipeline `probe-integ-develop`) and once
 * with a copy of the prod profile (`probe-integ-prod-delivery`, pipeline `probe-integ-prod`). A
 * pipeline takes its branch rule, trigger, approval and names from the profile; the copies carry
 * develop's and prod's settings under names of their own, so nothing here can touch a real
 * develop or prod pipeline, and no prod environment (deletion protection, three NAT gateways) is
 * needed to check a prod pipeline.
 *
 * Deployed assertions (nightly), `GetPipeline` leaf by leaf (a whole pipeline is too large for
 * one assertion, see assertions.ts):
 * - develop: V2; stages Source (CodeConnections, the connection and the Bitbucket repository),
 *   Build, Deploy: no approval;
 * - prod: V2; a push trigger on the Source action filtered on `prod/*`; stages Source, Build,
 *   Approval (manual, announced on the environment's pipeline topic), Deploy.
 *
 * What a leaf cannot show is left to the synth-time tests (packages/constructs/test/pipeline):
 * that develop has no trigger at all (an absent field), `DetectChanges: false` (a boolean) and the
 * approval's `TimeoutInMinutes: 10080` (a number).
 */
import {
  EnvironmentContract, EnvironmentProfile, IPlatformEnvironment, MandatoryTags, ServicePipeline, ServiceRepository,
} from '@fargate-platform/constructs';
import { ServiceExposure } from '@fargate-platform/service-model';
import { App, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { expectLeaves, scenarioTest } from './assertions';
import {
  PLACEHOLDER_CONNECTION_ARN, PROBE, probeSpec, renamedProfile, SCENARIO_TAGS, scenarioEnvironment, scenarioInput, testStack, withProfile,
} from './scenario';

const app = new App();
const scenario = scenarioEnvironment(app, 'integ-pipeline');
const connectionArn = scenarioInput(app, 'INTEG_CONNECTION_ARN', 'integ:connectionArn', PLACEHOLDER_CONNECTION_ARN);

/** The delivery stack of the probe for one profile, on the scenario's environment. */
function delivery(profile: EnvironmentProfile): { stack: Stack; pipeline: ServicePipeline } {
  const spec = probeSpec(ServiceExposure.INTERNAL, profile.name, connectionArn);
  const stack = testStack(app, `${PROBE}-${profile.name}-delivery`, `Integration scenario: the pipeline of ${PROBE} as in ${profile.name}`);
  MandatoryTags.apply(stack, { environment: profile.name, ...SCENARIO_TAGS });
  stack.addDependency(scenario.stack);
  // The scenario environment's contract, with the pipeline settings of the profile under test.
  const environment: IPlatformEnvironment = withProfile(EnvironmentContract.import(stack, 'Environment', scenario.profile), profile);
  const registry = new ServiceRepository(stack, 'Repository', { environment, serviceName: spec.name });
  const pipeline = new ServicePipeline(stack, 'Pipeline', {
    environment,
    spec,
    repository: registry.repository,
    imageTagParameter: registry.imageTagParameter,
    service: ecs.FargateService.fromFargateServiceAttributes(stack, 'Service', { cluster: environment.cluster, serviceName: spec.name }),
  });
  return { stack, pipeline };
}

const develop = delivery(renamedProfile(EnvironmentProfile.DEVELOP, 'integ-develop'));
const prod = delivery(renamedProfile(EnvironmentProfile.PROD, 'integ-prod'));

const integ = scenarioTest(app, 'integ-pipeline', 'ServicePipeline', [scenario.stack, develop.stack, prod.stack]);

expectLeaves(integ, 'CodePipeline', 'getPipeline', { name: develop.pipeline.pipelineName }, {
  'pipeline.pipelineType': 'V2',
  'pipeline.stages.0.name': 'Source',
  'pipeline.stages.0.actions.0.actionTypeId.provider': 'CodeStarSourceConnection',
  'pipeline.stages.0.actions.0.configuration.FullRepositoryId': `fargate-platform/${PROBE}`,
  'pipeline.stages.0.actions.0.configuration.ConnectionArn': connectionArn,
  'pipeline.stages.1.name': 'Build',
  'pipeline.stages.2.name': 'Deploy',
  'pipeline.stages.2.actions.0.actionTypeId.provider': 'ECS',
});

expectLeaves(integ, 'CodePipeline', 'getPipeline', { name: prod.pipeline.pipelineName }, {
  'pipeline.pipelineType': 'V2',
  'pipeline.triggers.0.providerType': 'CodeStarSourceConnection',
  'pipeline.triggers.0.gitConfiguration.sourceActionName': 'Source',
  'pipeline.triggers.0.gitConfiguration.push.0.branches.includes.0': prod.pipeline.branchPattern,
  'pipeline.stages.1.name': 'Build',
  'pipeline.stages.2.name': 'Approval',
  'pipeline.stages.2.actions.0.actionTypeId.provider': 'Manual',
  'pipeline.stages.2.actions.0.configuration.NotificationArn': scenario.environment.pipelineTopic.topicArn,
  'pipeline.stages.3.name': 'Deploy',
});
