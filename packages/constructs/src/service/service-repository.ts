import { AwsRules, ServiceNames } from '@fargate-platform/service-model';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { IPlatformEnvironment } from '../environment/environment-contract';
import { PlatformError } from '../errors';
import { ServiceBuildspec } from '../pipeline/service-buildspec';
import { tagService } from './private/service-tags';

/** Properties of a `ServiceRepository`. */
export interface ServiceRepositoryProps {
  /** The environment the images are built for; its ECR key encrypts them. */
  readonly environment: IPlatformEnvironment;
  /** The name of the service whose images the repository holds: a DNS label of 3-32 characters. */
  readonly serviceName: string;
  /**
   * Name of the IAM role that builds and pushes the images: the only principal allowed to push.
   * @default - `ServiceNames.of(service, environment).buildRoleName`, the pipeline's CodeBuild role
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
 * - Tags are `IMMUTABLE`, every one: the pipeline pushes the commit SHA and
 *   `{environment}-{sha}` and never a moving tag such as `latest` (the design's moving tag is
 *   replaced by the image-tag parameter, which names what the environment runs), so an image
 *   a deployment references can never be overwritten.
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
   * The initial value of the image-tag parameter. The pipeline records its first image in the
   * parameter before it deploys (`ServiceBuildspec.recordImageTag`), so the runtime stack is
   * created with it: see docs/HANDBOOK.md, onboarding a service.
   */
  public static readonly BOOTSTRAP_TAG: string = ServiceBuildspec.BOOTSTRAP_TAG;

  /** The repository. */
  public readonly repository: ecr.IRepository;
  /** The parameter holding the image tag the service runs; the pipeline writes it. */
  public readonly imageTagParameter: ssm.IStringParameter;
  /** The repository URI, `{account}.dkr.ecr.{region}.amazonaws.com/{environment}/{service}`. */
  public readonly repositoryUri: string;

  constructor(scope: Construct, id: string, props: ServiceRepositoryProps) {
    super(scope, id);
    const service = props.serviceName;
    PlatformError.assert(this, AwsRules.isDnsLabel(service, 3, 32),
      `serviceName must be a DNS label of 3-32 lowercase letters, digits and single hyphens, starting with a letter; got '${service}'`);
    const env = props.environment.profile.name;
    const names = ServiceNames.of(service, env);

    const repository = new ecr.Repository(this, 'Resource', {
      repositoryName: names.repositoryName,
      imageScanOnPush: true,
      encryption: ecr.RepositoryEncryption.KMS,
      encryptionKey: props.environment.keys.ecr,
      imageTagMutability: ecr.TagMutability.IMMUTABLE,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        { rulePriority: 1, description: 'Keep images tagged prod-* forever', tagPatternList: ['prod-*'], maxImageCount: 9999 },
        { rulePriority: 2, description: 'Expire untagged images after 7 days', tagStatus: ecr.TagStatus.UNTAGGED, maxImageAge: Duration.days(7) },
        { rulePriority: 3, description: 'Keep the last 10 tagged images', tagPatternList: ['*'], maxImageCount: 10 },
      ],
    });
    const roleArn = (name: string) => Stack.of(this).formatArn({ service: 'iam', region: '', resource: 'role', resourceName: name });
    const account = new iam.AccountRootPrincipal();
    const executionRoleArn = roleArn(names.executionRoleName);
    const buildRoleArn = roleArn(props.buildRoleName ?? names.buildRoleName);
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
      parameterName: names.imageTagParameterName,
      stringValue: ServiceRepository.BOOTSTRAP_TAG,
      description: `Image tag the ${service} service runs in ${env}; written by its pipeline`,
    });

    this.repository = repository;
    this.repositoryUri = repository.repositoryUri;
    tagService(this, service);
  }
}
