import { App, Stack } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import {
  EnvironmentContract, EnvironmentProfile, IPlatformEnvironment, MandatoryTags, ServiceKind, ServicePipeline,
  ServicePipelineProps, ServiceRuntime, ServiceSpec,
} from '../../src';

/** A CodeConnections connection ARN as the console creates them today. */
export const CONNECTION_ARN = 'arn:aws:codeconnections:eu-west-1:123456789012:connection/0a1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d';

/** A service spec with the fields a pipeline reads set, the rest plausible. */
export function serviceSpec(overrides: Partial<ServiceSpec> = {}): ServiceSpec {
  return {
    name: 'orders',
    kind: ServiceKind.INTERNAL,
    runtime: ServiceRuntime.NODEJS,
    containerPort: 8080,
    cpu: 256,
    memoryLimitMiB: 512,
    desiredCount: 2,
    owner: 'orders-team',
    costCenter: 'cc-0042',
    sourceRepository: 'acme/orders-service',
    ...overrides,
  };
}

export interface PipelineFixture {
  readonly app: App;
  readonly stack: Stack;
  readonly environment: IPlatformEnvironment;
  readonly pipeline: ServicePipeline;
}

export interface PipelineFixtureOptions {
  readonly profile?: EnvironmentProfile;
  readonly spec?: Partial<ServiceSpec>;
  readonly app?: App;
  /** @default `{service}-{environment}` */
  readonly stackId?: string;
  /** Props to override, given the environment and the stack. */
  readonly props?: (stack: Stack, environment: IPlatformEnvironment) => Partial<ServicePipelineProps>;
}

/**
 * A stack with an imported environment, plain stand-ins for what `ServiceRepository` and
 * `PlatformService` provide (a repository, the image-tag parameter, an imported service),
 * and one `ServicePipeline`, tagged with the mandatory tags. `props` replaces any input.
 */
export function pipelineFixture(options: PipelineFixtureOptions = {}): PipelineFixture {
  const profile = options.profile ?? EnvironmentProfile.DEVELOP;
  const spec = serviceSpec(options.spec);
  const app = options.app ?? new App();
  const stack = new Stack(app, options.stackId ?? `${spec.name}-${profile.name}`, { env: { account: '123456789012', region: 'eu-west-1' } });
  MandatoryTags.apply(stack, { environment: profile.name, owner: spec.owner, costCenter: spec.costCenter, compliance: 'nist-800-53-r5 soc2' });
  const environment = EnvironmentContract.import(stack, 'Env', profile);
  const overrides = options.props?.(stack, environment) ?? {};
  const pipeline = new ServicePipeline(stack, 'Pipeline', {
    environment,
    spec,
    repository: overrides.repository ?? new ecr.Repository(stack, 'Repository', {
      imageScanOnPush: true,
      imageTagMutability: ecr.TagMutability.IMMUTABLE_WITH_EXCLUSION,
      imageTagMutabilityExclusionFilters: [ecr.ImageTagMutabilityExclusionFilter.wildcard('latest')],
    }),
    imageTagParameter: overrides.imageTagParameter ?? new ssm.StringParameter(stack, 'ImageTag', {
      parameterName: `/fargate-platform/${profile.name}/services/${spec.name}/image-tag`,
      stringValue: 'bootstrap',
    }),
    service: overrides.service ?? ecs.FargateService.fromFargateServiceAttributes(stack, 'Service', {
      cluster: environment.cluster,
      serviceName: spec.name,
    }),
    connectionArn: CONNECTION_ARN,
    ...overrides,
  });
  return { app, stack, environment, pipeline };
}
