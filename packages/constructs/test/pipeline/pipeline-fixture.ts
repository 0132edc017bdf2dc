import { ServiceExposure, ServiceRuntime, ServiceSpec } from '@fargate-platform/service-model';
import { App, Stack } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import {
  EnvironmentContract, EnvironmentProfile, IPlatformEnvironment, MandatoryTags, ServicePipeline, ServicePipelineProps,
} from '../../src';
import { ServiceFields, specOf, TargetOptions } from '../helpers/service-spec';

/** The account and Region the pipeline tests deploy to. */
export const PIPELINE_ENV = { account: '123456789012', region: 'eu-west-1' };

/** A CodeConnections connection ARN as the console creates them today, in the pipelines' account and Region. */
export const CONNECTION_ARN = 'arn:aws:codeconnections:eu-west-1:123456789012:connection/0a1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d';

/** A service with the fields a pipeline reads set, the rest plausible, as its service.json describes it. */
export function serviceFields(overrides: Partial<ServiceFields> = {}): ServiceFields {
  return {
    name: 'orders',
    exposure: ServiceExposure.INTERNAL,
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

/** The spec of such a service in an environment: in the pipelines' account and Region, through CONNECTION_ARN, unless `target` says otherwise. */
export function serviceSpec(overrides: Partial<ServiceFields> = {}, profile: EnvironmentProfile = EnvironmentProfile.DEVELOP,
  target: TargetOptions = {}): ServiceSpec {
  return specOf(serviceFields(overrides), profile, { ...PIPELINE_ENV, connectionArn: CONNECTION_ARN, ...target });
}

export interface PipelineFixture {
  readonly app: App;
  readonly stack: Stack;
  readonly environment: IPlatformEnvironment;
  readonly spec: ServiceSpec;
  readonly pipeline: ServicePipeline;
}

export interface PipelineFixtureOptions {
  readonly profile?: EnvironmentProfile;
  /** The service's fields, over `serviceFields()`. */
  readonly spec?: Partial<ServiceFields>;
  /**
   * Where the environment runs: the spec's target, and the stack's account and Region.
   * @default - PIPELINE_ENV, through CONNECTION_ARN
   */
  readonly target?: TargetOptions;
  readonly app?: App;
  /** @default `{service}-{environment}` */
  readonly stackId?: string;
  /** Props to override, given the environment and the stack. */
  readonly props?: (stack: Stack, environment: IPlatformEnvironment) => Partial<ServicePipelineProps>;
}

/**
 * A stack in the spec's account and Region with an imported environment, plain stand-ins for
 * what `ServiceRepository` and `PlatformService` provide (an immutable repository, the image-tag
 * parameter, an imported service), and one `ServicePipeline` of the service's spec in that
 * environment (parsed by the model), tagged with the mandatory tags. `props` replaces any input.
 */
export function pipelineFixture(options: PipelineFixtureOptions = {}): PipelineFixture {
  const profile = options.profile ?? EnvironmentProfile.DEVELOP;
  const spec = serviceSpec(options.spec, profile, options.target);
  const app = options.app ?? new App();
  const stack = new Stack(app, options.stackId ?? spec.names.prefix, { env: { account: spec.target.account, region: spec.target.region } });
  MandatoryTags.apply(stack, { environment: profile.name, owner: spec.owner, costCenter: spec.costCenter, compliance: spec.compliance });
  const environment = EnvironmentContract.import(stack, 'Env', profile);
  const overrides = options.props?.(stack, environment) ?? {};
  const pipeline = new ServicePipeline(stack, 'Pipeline', {
    environment,
    spec,
    repository: overrides.repository ?? new ecr.Repository(stack, 'Repository', {
      imageScanOnPush: true,
      imageTagMutability: ecr.TagMutability.IMMUTABLE,
    }),
    imageTagParameter: overrides.imageTagParameter ?? new ssm.StringParameter(stack, 'ImageTag', {
      parameterName: spec.names.imageTagParameterName,
      stringValue: 'bootstrap',
    }),
    service: overrides.service ?? ecs.FargateService.fromFargateServiceAttributes(stack, 'Service', {
      cluster: environment.cluster,
      serviceName: spec.name,
    }),
    ...overrides,
  });
  return { app, stack, environment, spec: overrides.spec ?? spec, pipeline };
}
