import { ServiceSpec } from '@fargate-platform/service-model';
import { Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import { EnvironmentContract, IPlatformEnvironment } from '../environment/environment-contract';
import { EnvironmentProfile } from '../environment/environment-profile';
import { ServicePipeline } from '../pipeline/service-pipeline';
import { PlatformService } from '../service/platform-service';
import { ServiceRepository } from '../service/service-repository';

import { MandatoryTags } from '../tagging/mandatory-tags';

/** Properties of one service in one environment. */
export interface ServiceDeploymentProps {
  /**
   * The service in this environment (`ServiceDefinition.specFor`): its account, Region and
   * connection, its Compliance tag and platform version come with it.
   */
  readonly spec: ServiceSpec;
}

/**
 * One service in one environment, as two stacks that attach to the environment through
 * its published contract (no AWS access at synth time):
 *
 * - `{service}-{environment}-delivery`: the ECR repository, the image-tag parameter and the
 *   pipeline. Deployed first.
 * - `{service}-{environment}-runtime`: the Fargate service. Its task definition reads the
 *   image tag the pipeline last wrote, which CloudFormation resolves when the runtime stack's
 *   operation starts, so the parameter has to exist in another stack, and an infrastructure
 *   deploy never reverts the image a pipeline deployed.
 *
 * The two stacks refer to each other only by the deterministic names of the repository,
 * the roles and the service (no outputs), and the runtime stack depends on the delivery stack,
 * whose image-tag parameter it reads when it deploys.
 */
export class ServiceDeployment extends Construct {
  public readonly deliveryStack: Stack;
  public readonly runtimeStack: Stack;
  public readonly repository: ServiceRepository;
  public readonly service: PlatformService;
  public readonly pipeline: ServicePipeline;

  constructor(scope: Construct, id: string, props: ServiceDeploymentProps) {
    super(scope, id);
    const { spec } = props;
    const profile = EnvironmentProfile.of(spec.environment);
    const names = spec.names;
    const stackProps = { env: { account: spec.target.account, region: spec.target.region }, terminationProtection: profile.terminationProtection };
    const tag = (stack: Stack): void => {
      MandatoryTags.apply(stack, { environment: profile.name, owner: spec.owner, costCenter: spec.costCenter, compliance: spec.compliance });
      stack.tags.setTag('PlatformVersion', spec.platformVersion);
    };

    this.runtimeStack = new Stack(this, 'Runtime', {
      ...stackProps,
      stackName: names.runtimeStackName,
      description: `${spec.name} in ${profile.name}: the Fargate service`,
    });
    tag(this.runtimeStack);
    const runtimeEnvironment = EnvironmentContract.import(this.runtimeStack, 'Environment', profile);
    this.service = new PlatformService(this.runtimeStack, 'Service', { environment: runtimeEnvironment, spec });

    this.deliveryStack = new Stack(this, 'Delivery', {
      ...stackProps,
      stackName: names.deliveryStackName,
      description: `${spec.name} in ${profile.name}: image repository and pipeline`,
    });
    tag(this.deliveryStack);
    const deliveryEnvironment: IPlatformEnvironment = EnvironmentContract.import(this.deliveryStack, 'Environment', profile);
    this.repository = new ServiceRepository(this.deliveryStack, 'Repository', { environment: deliveryEnvironment, serviceName: spec.name });
    this.pipeline = new ServicePipeline(this.deliveryStack, 'Pipeline', {
      environment: deliveryEnvironment,
      spec,
      repository: this.repository.repository,
      imageTagParameter: this.repository.imageTagParameter,
      service: ecs.FargateService.fromFargateServiceAttributes(this.deliveryStack, 'Service', {
        cluster: deliveryEnvironment.cluster,
        serviceName: spec.name,
      }),
    });
    // The task definition reads the image-tag parameter the delivery stack creates: `cdk deploy --all` deploys delivery first.
    this.runtimeStack.addDependency(this.deliveryStack, 'the runtime stack reads the image-tag parameter of the delivery stack');
  }
}
