/**
 * The wiring every integration scenario shares (not a scenario itself: integ-runner runs only `integ.*.ts`).
 *
 * A scenario deploys its own environment (a develop-like profile on two availability zones,
 * named after the scenario, so that scenarios never share or wait for each other), and what it
 * tests attaches to that environment the way a service app does: through the contract's SSM
 * parameters (`EnvironmentContract.import`), in stacks named like a service app's
 * (`{env}-environment`, `{service}-{env}-delivery`, `{service}-{env}-runtime`).
 *
 * Inputs come from the environment variables the nightly workflow sets, else from CDK context,
 * else from documented placeholders; snapshots always hold the placeholders, so that every
 * scenario synthesizes here (no AWS account) and its committed snapshot is the same on every
 * machine. Real values are never written in this repository.
 *
 * | input | environment variable | context key | placeholder |
 * |---|---|---|---|
 * | ACM certificate of the HTTPS listener (any certificate: calls skip name verification) | `INTEG_CERTIFICATE_ARN` | `integ:certificateArn` | `PLACEHOLDER_CERTIFICATE_ARN` |
 * | CodeConnections connection to Bitbucket (pipeline scenario) | `INTEG_CONNECTION_ARN` | `integ:connectionArn` | `PLACEHOLDER_CONNECTION_ARN` |
 * | The prefix list `com.amazonaws.{region}.s3` of the region (tasks reach S3 only at its addresses) | `INTEG_S3_PREFIX_LIST_ID` | `integ:s3PrefixListId` | `PLACEHOLDER_S3_PREFIX_LIST_ID` |
 *
 * Kafka: a security group can only be referenced from the same VPC (or a peered one), and each
 * scenario creates its VPC, so a scenario creates a stand-in "Kafka brokers" group inside it
 * instead of reading one from the account (see `scenarioEnvironment`).
 */
import * as path from 'path';
import {
  EnvironmentContract, EnvironmentProfile, IPlatformEnvironment, MandatoryTags, PlatformEnvironment, PlatformService,
} from '@fargate-platform/constructs';
import { ServiceDefinition, ServiceExposure, ServiceNames, ServiceRuntime, ServiceSpec } from '@fargate-platform/service-model';
import { App, Aspects, AspectPriority, CfnResource, Fn, IAspect, Lazy, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { DockerImageAsset, Platform } from 'aws-cdk-lib/aws-ecr-assets';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { IConstruct } from 'constructs';

/** Placeholder of `INTEG_CERTIFICATE_ARN` (well-formed, never deployable). */
export const PLACEHOLDER_CERTIFICATE_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-4000-8000-000000000000';
/** Placeholder of `INTEG_CONNECTION_ARN` (well-formed, never deployable). */
export const PLACEHOLDER_CONNECTION_ARN = 'arn:aws:codeconnections:us-east-1:123456789012:connection/00000000-0000-4000-8000-000000000000';

/** Placeholder of `INTEG_S3_PREFIX_LIST_ID`: well-formed; the id of com.amazonaws.us-east-1.s3 (other regions have their own). */
export const PLACEHOLDER_S3_PREFIX_LIST_ID = 'pl-63a5400a';

/** Tags of the scenarios' own stacks (the environment's stack is tagged by `PlatformEnvironment`). */
export const SCENARIO_TAGS = { owner: 'platform-team', costCenter: 'cc-platform-1000', compliance: 'nist-800-53-r5 soc2' };

/** The service every scenario runs: a tiny Node.js server (integ/service-image) that answers every path with 200. */
export const PROBE = 'probe';

/**
 * Whether this is integ-runner synthesizing a snapshot: it sets `CDK_INTEG_REGION` (a fake
 * `test-region`) then, and only then. A snapshot always holds the placeholders.
 */
const SNAPSHOT_SYNTH = process.env.CDK_INTEG_REGION !== undefined;

/**
 * The region the scenario's stacks are synthesized for: the one integ-runner deploys to
 * (`CDK_DEFAULT_REGION`), `us-east-1` in a snapshot (the runner's `--parallel-regions`). The
 * environment needs a concrete region (load balancer access logs).
 */
export const REGION = (SNAPSHOT_SYNTH ? undefined : process.env.CDK_DEFAULT_REGION) ?? 'us-east-1';

/**
 * A scenario input: the environment variable, else the context key, else the placeholder. A
 * snapshot always gets the placeholder, so that it is the same on every machine.
 */
export function scenarioInput(app: App, variable: string, contextKey: string, placeholder: string): string {
  if (SNAPSHOT_SYNTH) {
    return placeholder;
  }
  return process.env[variable] || app.node.tryGetContext(contextKey) || placeholder;
}

/**
 * A stack of a scenario: tagged `Testing: true` (on the stack, which the 24-hour cleanup
 * looks for, and on every resource), and every resource deleted with it, except S3 buckets,
 * which the platform retains by design (docs/HANDBOOK.md, "Integration tests").
 */
export function testStack(app: App, stackName: string, description: string): Stack {
  const stack = new Stack(app, stackName, { stackName, description, env: { region: REGION }, tags: { Testing: 'true' } });
  Tags.of(stack).add('Testing', 'true');
  Aspects.of(stack).add(new DestroyWithStack(), { priority: AspectPriority.MUTATING });
  return stack;
}

/**
 * Deletes what the platform would retain, so that a scenario leaves nothing behind that could
 * collide with the next night's run (named log groups, repositories, key aliases). Buckets keep
 * RETAIN: their objects (and the audit bucket's Object Lock) would make the stack deletion fail.
 */
class DestroyWithStack implements IAspect {
  public visit(node: IConstruct): void {
    if (!CfnResource.isCfnResource(node) || node.cfnResourceType === 'AWS::S3::Bucket') {
      return;
    }
    node.applyRemovalPolicy(RemovalPolicy.DESTROY);
    if (node instanceof ecr.CfnRepository) {
      node.emptyOnDelete = true;
    }
  }
}

/**
 * The profile of a scenario's environment: develop's settings (Spot share, no approval, no
 * deletion or termination protection) on two availability zones, named after the scenario.
 */
export function scenarioProfile(name: string): EnvironmentProfile {
  return renamedProfile(EnvironmentProfile.DEVELOP, name, { availabilityZones: 2 });
}

/** A copy of a standard profile under another name (the copy meets the same floors). */
export function renamedProfile(profile: EnvironmentProfile, name: string, overrides: { availabilityZones?: number } = {}): EnvironmentProfile {
  return EnvironmentProfile.custom({
    name,
    production: profile.production,
    vpcCidr: profile.vpcCidr,
    availabilityZones: overrides.availabilityZones ?? profile.availabilityZones,
    natGateways: profile.natGateways,
    logRetention: profile.logRetention,
    fargateSpotPercent: profile.fargateSpotPercent,
    deletionProtection: profile.deletionProtection,
    terminationProtection: profile.terminationProtection,
    requireApproval: profile.requireApproval,
    requireRecentMfa: profile.requireRecentMfa,
    minTasks: profile.minTasks,
    branchPattern: profile.branchPattern,
    pipelineTrigger: profile.pipelineTrigger,
  });
}

/** A scenario's own environment. */
export interface ScenarioEnvironment {
  readonly profile: EnvironmentProfile;
  /** `{env}-environment`. */
  readonly stack: Stack;
  readonly environment: PlatformEnvironment;
  /** Stands in for the Kafka brokers' security group, inside the environment's VPC. */
  readonly kafkaSecurityGroup: ec2.SecurityGroup;
}

/** Options of a scenario's environment. */
export interface ScenarioEnvironmentOptions {
  /**
   * Whether this environment creates the account-level audit (CloudTrail trail, Config
   * recorder). An account and region hold one Config recorder: exactly one scenario sets it.
   * @default false
   */
  readonly accountAudit?: boolean;
}

/**
 * Deploy an environment for one scenario, as `packages/environments` does for a real one, with
 * the availability zones of whatever region the scenario is deployed to (`Fn::GetAZs`), so
 * that the snapshot does not depend on the region.
 */
export function scenarioEnvironment(app: App, name: string, options: ScenarioEnvironmentOptions = {}): ScenarioEnvironment {
  const profile = scenarioProfile(name);
  const stack = testStack(app, `${name}-environment`, `Integration scenario: shared infrastructure of ${name}`);
  const certificateArn = scenarioInput(app, 'INTEG_CERTIFICATE_ARN', 'integ:certificateArn', PLACEHOLDER_CERTIFICATE_ARN);
  let kafkaSecurityGroup: ec2.SecurityGroup | undefined;
  const environment = new PlatformEnvironment(stack, 'Environment', {
    profile,
    certificate: acm.Certificate.fromCertificateArn(stack, 'Certificate', certificateArn),
    // No broker answers: the probe never connects to Kafka, it only receives the KAFKA_BROKERS parameter.
    kafka: {
      brokers: [`b-1.kafka.${name}.internal:9094`],
      securityGroupId: Lazy.string({ produce: () => kafkaSecurityGroup!.securityGroupId }),
    },
    tags: SCENARIO_TAGS,
    s3PrefixListId: scenarioInput(app, 'INTEG_S3_PREFIX_LIST_ID', 'integ:s3PrefixListId', PLACEHOLDER_S3_PREFIX_LIST_ID),
    accountAudit: options.accountAudit ?? false,
    availabilityZones: Array.from({ length: profile.availabilityZones }, (_, i) => Fn.select(i, Fn.getAzs())),
  });
  kafkaSecurityGroup = new ec2.SecurityGroup(stack, 'KafkaBrokers', {
    vpc: environment.vpc,
    description: `Stands in for the Kafka brokers of ${name} (integration scenario)`,
    allowAllOutbound: false,
  });
  return { profile, stack, environment, kafkaSecurityGroup };
}

/**
 * The probe in one environment: public (route `/probe/*`, health `/probe/health`) or internal, parsed
 * by the service model like any service's description. Its target is where the connection is
 * (the placeholder's account in a snapshot, the test account's in the nightly run).
 */
export function probeSpec(exposure: ServiceExposure, environment: string, connectionArn: string = PLACEHOLDER_CONNECTION_ARN): ServiceSpec {
  const [, , , region, account] = connectionArn.split(':');
  return ServiceDefinition.parse({
    platformVersion: '0.1.0',
    compliance: SCENARIO_TAGS.compliance,
    spec: {
      name: PROBE,
      exposure,
      runtime: ServiceRuntime.NODEJS,
      containerPort: 8080,
      cpu: 256,
      memoryLimitMiB: 512,
      desiredCount: 1,
      healthCheckPath: `/${PROBE}/health`,
      route: exposure === ServiceExposure.PUBLIC ? { pathPattern: `/${PROBE}/*`, priority: 100 } : undefined,
      owner: SCENARIO_TAGS.owner,
      costCenter: SCENARIO_TAGS.costCenter,
      sourceRepository: `fargate-platform/${PROBE}`,
    },
    targets: [{ environment, account, region, connectionArn }],
  }, `the ${PROBE} of ${environment}`).specFor(environment);
}

/** The probe running on a scenario's environment. */
export interface ScenarioService {
  readonly spec: ServiceSpec;
  /** `probe-{env}-delivery`: stands in for the pipeline's first build (it holds the image-tag parameter). */
  readonly deliveryStack: Stack;
  /** `probe-{env}-runtime`: the `PlatformService`, attached through the contract. */
  readonly runtimeStack: Stack;
  readonly service: PlatformService;
  /** The contract as the runtime stack imported it. */
  readonly contract: IPlatformEnvironment;
}

/**
 * Run the probe on a scenario's environment, in the order a service is bootstrapped
 * (docs/HANDBOOK.md, "Onboarding a service"), with one difference: no pipeline builds the image.
 * The image is a CDK Docker asset (built and pushed to the CDK bootstrap repository by the
 * deployment), and the delivery stack writes its tag into the image-tag parameter, as the
 * pipeline's RecordImageTag step would. The runtime stack is what a service app deploys:
 * `EnvironmentContract.import` and a `PlatformService`, pulling from that repository.
 */
export function scenarioService(app: App, scenario: ScenarioEnvironment, exposure: ServiceExposure): ScenarioService {
  const env = scenario.profile.name;
  const spec = probeSpec(exposure, env);
  const tag = (stack: Stack) => MandatoryTags.apply(stack, { environment: env, ...SCENARIO_TAGS });

  const runtimeStack = testStack(app, `${PROBE}-${env}-runtime`, `Integration scenario: the ${PROBE} service in ${env}`);
  tag(runtimeStack);
  const image = new DockerImageAsset(runtimeStack, 'Image', {
    directory: path.join(__dirname, 'service-image'),
    platform: Platform.LINUX_AMD64,
  });

  const deliveryStack = testStack(app, `${PROBE}-${env}-delivery`, `Integration scenario: the image tag of ${PROBE} in ${env}`);
  tag(deliveryStack);
  new ssm.StringParameter(deliveryStack, 'ImageTag', {
    parameterName: ServiceNames.of(PROBE, env).imageTagParameterName,
    stringValue: image.imageTag,
    description: `Image tag the ${PROBE} service runs in ${env} (written by the scenario, as a pipeline would)`,
  });

  const contract = EnvironmentContract.import(runtimeStack, 'Environment', scenario.profile);
  const service = new PlatformService(runtimeStack, 'Service', { environment: contract, spec, repository: image.repository });

  // The contract and the image tag are read by name at deploy time: nothing makes CDK order the stacks but this.
  deliveryStack.addDependency(scenario.stack);
  runtimeStack.addDependency(scenario.stack);
  runtimeStack.addDependency(deliveryStack);
  return { spec, deliveryStack, runtimeStack, service, contract };
}

/**
 * An environment as `environment`, with another profile: every other member is read from
 * `environment` when used (a copy with `{ ...environment }` would read them all, and import
 * contract values the stack never uses).
 */
export function withProfile(environment: IPlatformEnvironment, profile: EnvironmentProfile): IPlatformEnvironment {
  return new Proxy(environment, { get: (target, member) => (member === 'profile' ? profile : Reflect.get(target, member)) });
}
