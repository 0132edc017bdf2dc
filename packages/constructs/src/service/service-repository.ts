import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { Compliance } from '../compliance/acknowledgments';
import { IPlatformEnvironment } from '../environment/environment-contract';
import { PlatformError } from '../errors';
import { serviceParameterPrefix } from './private/naming';
import { tagService } from './private/service-tags';
import { specProblems } from './private/spec-validation';
import { ServiceSpec } from './service-spec';

/** Properties of a `ServiceRepository`. */
export interface ServiceRepositoryProps {
  /** The environment the images are built for; its ECR key encrypts them. */
  readonly environment: IPlatformEnvironment;
  /** The service whose images the repository holds. */
  readonly spec: ServiceSpec;
  /**
   * Whether the `latest` tag may move. Every other tag is immutable either way. Set it to
   * `false` (fully `IMMUTABLE`) when the pipeline pushes no `latest` tag.
   * @default true
   */
  readonly movingLatestTag?: boolean;
  /**
   * Name of the IAM role that builds and pushes the images: the only principal allowed to push.
   * @default - `ServiceRepository.buildRoleName(environment, service)`, the pipeline's CodeBuild role
   */
  readonly buildRoleName?: string;
}

/** Image pull actions: what the task execution role needs. */
const PULL_ACTIONS = ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'];
/** Image push actions: only the build role may use them. */
const PUSH_ACTIONS = ['ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage'];

/**
 * A service's container registry in one environment, and the parameter that says which
 * image the service runs. It lives in the service's delivery stack (with the pipeline),
 * deployed before the runtime stack that holds the `PlatformService`.
 *
 * - Named `{environment}/{service}`, encrypted with the environment's ECR key, scanned on push
 *   (basic scanning, Control Tower CT.ECR.PR.2). Where the environment turns on enhanced scanning
 *   of the account's registry (`PlatformEnvironmentProps.imageScanning`, production by default),
 *   Amazon Inspector scans the repository's images continuously instead: the registry's rules
 *   then take precedence over this repository-level setting, which stays for the guard rule and
 *   for registries with basic scanning.
 * - Lifecycle: images tagged `prod-*` are kept (rule 1 claims them and expires only beyond
 *   9999 of them; no lower-priority rule may expire an image a higher one matched), untagged
 *   images expire after 7 days (rule 2), and of the other tagged images the newest 10 are
 *   kept (rule 3). ECR rules can only expire, so "keep forever" is a claiming rule.
 * - Tag immutability: the design asks for immutable tags *and* a moving `latest` tag. The
 *   repository is `IMMUTABLE_WITH_EXCLUSION` with one exclusion filter, `latest`: every
 *   commit and environment tag (what deployments use) can never be overwritten, only
 *   `latest` moves. The Control Tower guard rule CT.ECR.PR.3 accepts only `IMMUTABLE`,
 *   which predates exclusions; its finding is acknowledged on the repository with that
 *   reason. With `movingLatestTag: false` the repository is fully `IMMUTABLE`.
 * - Repository policy: the runtime stack's roles do not exist when the repository is
 *   created, so statements name the account and match deterministic role names with
 *   `ArnEquals aws:PrincipalArn`: the service's task execution role may pull, the build
 *   role may push, and a deny statement refuses pushes from any other principal.
 * - The image-tag parameter `/fargate-platform/{env}/services/{service}/image-tag` starts
 *   as `bootstrap`; the pipeline writes each deployed tag into it, and the task definition
 *   reads it at deploy time, so an infrastructure deploy never reverts the image. Leave its
 *   properties unchanged: CloudFormation rewrites the value whenever they change.
 */
export class ServiceRepository extends Construct {
  /**
   * The initial value of the image-tag parameter when the moving tag is off (with it on, the
   * parameter starts at `latest`, which the pipeline's first build pushes, so the runtime stack
   * can be created right after that build: see docs/HANDBOOK.md, onboarding a service).
   */
  public static readonly BOOTSTRAP_TAG = 'bootstrap';

  /** The tag that may move when `movingLatestTag` is on. */
  public static readonly MOVING_TAG = 'latest';

  /**
   * Name of the repository of a service in an environment: `{environment}/{service}`.
   *
   * @param environment the environment name
   * @param service the service name
   */
  public static repositoryName(environment: string, service: string): string {
    return `${environment}/${service}`;
  }

  /**
   * Name of the SSM parameter holding the image tag a service runs: `/fargate-platform/{environment}/services/{service}/image-tag`.
   *
   * @param environment the environment name
   * @param service the service name
   */
  public static imageTagParameterName(environment: string, service: string): string {
    return `${serviceParameterPrefix(environment, service)}/image-tag`;
  }

  /**
   * Name of the service's task execution role, `{service}-{environment}-execution`: the only role that pulls.
   *
   * @param environment the environment name
   * @param service the service name
   */
  public static executionRoleName(environment: string, service: string): string {
    return `${service}-${environment}-execution`;
  }

  /**
   * Name of the role the service's pipeline builds and pushes images with, `{service}-{environment}-build`.
   *
   * @param environment the environment name
   * @param service the service name
   */
  public static buildRoleName(environment: string, service: string): string {
    return `${service}-${environment}-build`;
  }

  /** The repository. */
  public readonly repository: ecr.IRepository;
  /** The parameter holding the image tag the service runs; the pipeline writes it. */
  public readonly imageTagParameter: ssm.IStringParameter;
  /** The repository URI, `{account}.dkr.ecr.{region}.amazonaws.com/{environment}/{service}`. */
  public readonly repositoryUri: string;

  constructor(scope: Construct, id: string, props: ServiceRepositoryProps) {
    super(scope, id);
    PlatformError.throwAll(this, specProblems(props.spec));
    const env = props.environment.profile.name;
    const service = props.spec.name;
    const movingLatest = props.movingLatestTag ?? true;

    const repository = new ecr.Repository(this, 'Resource', {
      repositoryName: ServiceRepository.repositoryName(env, service),
      imageScanOnPush: true,
      encryption: ecr.RepositoryEncryption.KMS,
      encryptionKey: props.environment.keys.ecr,
      imageTagMutability: movingLatest ? ecr.TagMutability.IMMUTABLE_WITH_EXCLUSION : ecr.TagMutability.IMMUTABLE,
      imageTagMutabilityExclusionFilters: movingLatest
        ? [ecr.ImageTagMutabilityExclusionFilter.wildcard(ServiceRepository.MOVING_TAG)]
        : undefined,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        { rulePriority: 1, description: 'Keep images tagged prod-* forever', tagPatternList: ['prod-*'], maxImageCount: 9999 },
        { rulePriority: 2, description: 'Expire untagged images after 7 days', tagStatus: ecr.TagStatus.UNTAGGED, maxImageAge: Duration.days(7) },
        { rulePriority: 3, description: 'Keep the last 10 tagged images', tagPatternList: ['*'], maxImageCount: 10 },
      ],
    });
    if (movingLatest) {
      Compliance.acknowledge(repository, 'ControlTower-CT.ECR.PR.3',
        'IMMUTABLE_WITH_EXCLUSION: only the moving `latest` tag is mutable; every commit and environment tag that a '
        + 'deployment references is immutable. The guard rule predates exclusion filters and accepts only IMMUTABLE.');
    }

    const roleArn = (name: string) => Stack.of(this).formatArn({ service: 'iam', region: '', resource: 'role', resourceName: name });
    const account = new iam.AccountRootPrincipal();
    const executionRoleArn = roleArn(ServiceRepository.executionRoleName(env, service));
    const buildRoleArn = roleArn(props.buildRoleName ?? ServiceRepository.buildRoleName(env, service));
    repository.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'TaskExecutionRolePulls',
      principals: [account],
      actions: PULL_ACTIONS,
      conditions: { ArnEquals: { 'aws:PrincipalArn': executionRoleArn } },
    }));
    repository.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'BuildRolePushes',
      principals: [account],
      actions: [...PULL_ACTIONS, ...PUSH_ACTIONS],
      conditions: { ArnEquals: { 'aws:PrincipalArn': buildRoleArn } },
    }));
    repository.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'OnlyTheBuildRolePushes',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: PUSH_ACTIONS,
      conditions: { ArnNotEquals: { 'aws:PrincipalArn': buildRoleArn } },
    }));

    this.imageTagParameter = new ssm.StringParameter(this, 'ImageTag', {
      parameterName: ServiceRepository.imageTagParameterName(env, service),
      stringValue: movingLatest ? ServiceRepository.MOVING_TAG : ServiceRepository.BOOTSTRAP_TAG,
      description: `Image tag the ${service} service runs in ${env}; written by its pipeline`,
    });

    this.repository = repository;
    this.repositoryUri = repository.repositoryUri;
    tagService(this, props.spec);
  }
}
