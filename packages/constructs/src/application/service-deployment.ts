import { Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import { EnvironmentContract, IPlatformEnvironment } from '../environment/environment-contract';
import { EnvironmentProfile } from '../environment/environment-profile';
import { ServicePipeline } from '../pipeline/service-pipeline';
import { PlatformService } from '../service/platform-service';
import { ServiceRepository } from '../service/service-repository';
import { ServiceSpec } from '../service/service-spec';
import { MandatoryTags } from '../tagging/mandatory-tags';

/** Properties of one service in one environment. */
export interface ServiceDeploymentProps {
  readonly spec: ServiceSpec;
  /** The environment the service runs in. */
  readonly profile: EnvironmentProfile;
  /** AWS account of the environment. */
  readonly account: string;
  /** Region of the environment. */
  readonly region: string;
  /** The CodeConnections (Bitbucket) connection the pipeline pulls from. */
  readonly connectionArn: string;
  /**
   * `Compliance` tag of the service's resources.
   * @default 'nist-800-53-r5 soc2'
   */
  readonly compliance?: string;
  /**
   * The platform (construct library) version the service is built with, recorded as the
   * `PlatformVersion` tag of its stacks.
   * @default - not recorded
   */
  readonly platformVersion?: string;
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
  /** `{service}-{environment}`: the prefix of the two stack names. */
  public static stackPrefix(service: string, environment: string): string {
    return `${service}-${environment}`;
  }

  public readonly deliveryStack: Stack;
  public readonly runtimeStack: Stack;
  public readonly repository: ServiceRepository;
  public readonly service: PlatformService;
  public readonly pipeline: ServicePipeline;

  constructor(scope: Construct, id: string, props: ServiceDeploymentProps) {
    super(scope, id);
    const { spec, profile } = props;
    const prefix = ServiceDeployment.stackPrefix(spec.name, profile.name);
    const stackProps = { env: { account: props.account, region: props.region }, terminationProtection: profile.terminationProtection };
    const tag = (stack: Stack): void => {
      MandatoryTags.apply(stack, {
        environment: profile.name, owner: spec.owner, costCenter: spec.costCenter, compliance: props.compliance ?? 'nist-800-53-r5 soc2',
      });
      if (props.platformVersion) {
        stack.tags.setTag('PlatformVersion', props.platformVersion);
      }
    };

    this.runtimeStack = new Stack(this, 'Runtime', {
      ...stackProps,
      stackName: `${prefix}-runtime`,
      description: `${spec.name} in ${profile.name}: the Fargate service`,
    });
    tag(this.runtimeStack);
    const runtimeEnvironment = EnvironmentContract.import(this.runtimeStack, 'Environment', profile);
    this.service = new PlatformService(this.runtimeStack, 'Service', { environment: runtimeEnvironment, spec });

    this.deliveryStack = new Stack(this, 'Delivery', {
      ...stackProps,
      stackName: `${prefix}-delivery`,
      description: `${spec.name} in ${profile.name}: image repository and pipeline`,
    });
    tag(this.deliveryStack);
    const deliveryEnvironment: IPlatformEnvironment = EnvironmentContract.import(this.deliveryStack, 'Environment', profile);
    this.repository = new ServiceRepository(this.deliveryStack, 'Repository', { environment: deliveryEnvironment, spec });
    this.pipeline = new ServicePipeline(this.deliveryStack, 'Pipeline', {
      environment: deliveryEnvironment,
      spec,
      repository: this.repository.repository,
      imageTagParameter: this.repository.imageTagParameter,
      service: ecs.FargateService.fromFargateServiceAttributes(this.deliveryStack, 'Service', {
        cluster: deliveryEnvironment.cluster,
        serviceName: spec.name,
      }),
      connectionArn: props.connectionArn,
    });
    // The task definition reads the image-tag parameter the delivery stack creates: `cdk deploy --all` deploys delivery first.
    this.runtimeStack.addDependency(this.deliveryStack, 'the runtime stack reads the image-tag parameter of the delivery stack');
  }
}
