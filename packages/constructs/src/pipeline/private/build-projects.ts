import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from './wildcard-findings';
import { Compliance } from '../../compliance/acknowledgments';
import { IPlatformEnvironment } from '../../environment/environment-contract';
import { ServiceBuildspec } from '../service-buildspec';

/** What the two CodeBuild projects of a service pipeline need. */
export interface BuildProjectsProps {
  readonly environment: IPlatformEnvironment;
  readonly pipelineName: string;
  readonly containerName: string;
  /** Name of the build role: the one the service's repository policy lets push. */
  readonly buildRoleName: string;
  readonly repository: ecr.IRepository;
  readonly imageTagParameter: ssm.IStringParameter;
  readonly artifactsBucket: s3.IBucket;
  readonly buildspec: ServiceBuildspec;
  readonly computeType: codebuild.ComputeType;
  /**
   * Keep the build's cache (the scanner's vulnerability database) in the artifacts bucket. The
   * build runs the pushed commit's code, which can write the cache a later build reads: off where
   * an approval decides what deploys.
   */
  readonly cache: boolean;
}

/** The build project (privileged, Docker) and the project that records the deployed tag, each with its log group. */
export interface BuildProjects {
  readonly buildLogGroup: logs.LogGroup;
  readonly recordImageTagLogGroup: logs.LogGroup;
  readonly build: codebuild.PipelineProject;
  readonly recordImageTag: codebuild.PipelineProject;
}

export function createBuildProjects(scope: Construct, props: BuildProjectsProps): BuildProjects {
  const { environment, pipelineName } = props;
  const buildName = `${pipelineName}-build`;
  const recordName = `${pipelineName}-record-image-tag`;
  const buildLogGroup = projectLogGroup(scope, 'BuildLogs', buildName, environment);
  const recordImageTagLogGroup = projectLogGroup(scope, 'RecordImageTagLogs', recordName, environment);
  const common = {
    encryptionKey: environment.keys.storage,
    timeout: Duration.minutes(30),
    queuedTimeout: Duration.hours(2),
  };

  const buildRole = new iam.Role(scope, 'BuildRole', {
    roleName: props.buildRoleName,
    assumedBy: codeBuildFor(buildName),
    description: `Builds and pushes the ${props.containerName} image (${environment.profile.name})`,
  });
  const cachePrefix = `build-cache/${pipelineName}`;
  const build = new codebuild.PipelineProject(scope, 'Build', {
    ...common,
    // CDK's grants would give the role read-write on the whole artifacts bucket: its policy is written below.
    role: buildRole.withoutPolicyUpdates(),
    projectName: buildName,
    description: `Builds, tests, scans and pushes the ${props.containerName} image for ${environment.profile.name}`,
    buildSpec: props.buildspec.toBuildSpec(),
    environment: {
      buildImage: codebuild.LinuxBuildImage.STANDARD_7_0,
      computeType: props.computeType,
      privileged: true,
    },
    environmentVariables: {
      ...plain({
        AWS_ACCOUNT_ID: Aws.ACCOUNT_ID,
        ECR_REPOSITORY_URL: props.repository.repositoryUri,
        ECR_REPOSITORY_NAME: props.repository.repositoryName,
        ENVIRONMENT: environment.profile.name,
        CONTAINER_NAME: props.containerName,
      }),
      // The image the environment runs (its layers are the build's cache), read when the build starts.
      DEPLOYED_TAG: { type: codebuild.BuildEnvironmentVariableType.PARAMETER_STORE, value: props.imageTagParameter.parameterName },
    },
    cache: props.cache ? codebuild.Cache.bucket(props.artifactsBucket, { prefix: cachePrefix }) : codebuild.Cache.none(),
    logging: { cloudWatch: { logGroup: buildLogGroup } },
  });
  writeBuildPolicy(scope, buildRole, props, buildLogGroup, props.cache ? cachePrefix : undefined);
  const privileged = 'Docker builds (docker build, docker push, trivy image) need the Docker daemon, which CodeBuild '
    + 'runs only in privileged mode. The project builds only this service\'s repository, from the pipeline\'s source.';
  Compliance.acknowledge(build, 'ControlTower-CT.CODEBUILD.PR.4', privileged);

  const recordRole = new iam.Role(scope, 'RecordImageTagRole', {
    assumedBy: codeBuildFor(recordName),
    description: `Releases the approved ${props.containerName} image to the deploy action and records its tag (${environment.profile.name})`,
  });
  const recordImageTag = new codebuild.PipelineProject(scope, 'RecordImageTag', {
    ...common,
    role: recordRole.withoutPolicyUpdates(),
    projectName: recordName,
    description: 'Writes the deploy action\'s image definitions from the build\'s variables and records the image tag deployed to '
      + `${environment.profile.name} in ${props.imageTagParameter.parameterName}`,
    buildSpec: ServiceBuildspec.recordImageTag().toBuildSpec(),
    environment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0, computeType: codebuild.ComputeType.SMALL },
    environmentVariables: plain({ IMAGE_TAG_PARAMETER: props.imageTagParameter.parameterName, CONTAINER_NAME: props.containerName }),
    logging: { cloudWatch: { logGroup: recordImageTagLogGroup } },
  });
  writeRecordPolicy(scope, recordRole, props, recordImageTagLogGroup);

  for (const project of [build, recordImageTag]) {
    for (const pack of ['HIPAA.Security', 'PCI.DSS.321']) {
      Compliance.acknowledge(project, `${pack}-CodeBuildProjectSourceRepoUrl`, PIPELINE_SOURCE);
    }
  }
  return { buildLogGroup, recordImageTagLogGroup, build, recordImageTag };
}

const PIPELINE_SOURCE = 'The project has no repository source and holds no repository credentials: its source type is '
  + 'CODEPIPELINE, the artifact that the pipeline fetched from Bitbucket through its CodeConnections connection (an '
  + 'OAuth app installation). The rule only checks that Source.Auth is OAUTH, which applies to GitHub/Bitbucket sources.';

/**
 * A project's log group, named as CodeBuild names it (`/aws/codebuild/<project>`) so that the
 * log permissions CDK grants every project point at it; KMS-encrypted, with the profile's retention.
 */
function projectLogGroup(scope: Construct, id: string, projectName: string, environment: IPlatformEnvironment): logs.LogGroup {
  const logGroup = new logs.LogGroup(scope, id, {
    logGroupName: `/aws/codebuild/${projectName}`,
    encryptionKey: environment.keys.logs,
    retention: environment.profile.logRetention,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  return logGroup;
}

/**
 * The build role's policy, written out: the build runs the pushed commit's tests in privileged
 * Docker, so its role must not reach anything a later stage trusts. It reads the source artifacts,
 * writes only its own cache prefix (if any), pushes to this service's repository and reads the
 * deployed tag. It cannot write, delete or list the artifacts of any execution: what the deploy
 * action deploys is written after the approval, by the record project, from the execution's variables.
 */
function writeBuildPolicy(scope: Construct, role: iam.Role, props: BuildProjectsProps, logGroup: logs.LogGroup, cachePrefix?: string): void {
  const bucket = props.artifactsBucket;
  const key = props.environment.keys.storage;
  const policy = new iam.ManagedPolicy(scope, 'BuildPolicy', {
    description: `Build of ${props.pipelineName}: its logs, the source artifacts (read), its cache, its repository`,
    roles: [role],
    statements: [
      ...logStatements(logGroup),
      new iam.PolicyStatement({ sid: 'ReadSourceArtifacts', actions: ['s3:GetObject', 's3:GetObjectVersion'], resources: [bucket.arnForObjects('*')] }),
      new iam.PolicyStatement({ sid: 'LocateBucket', actions: ['s3:GetBucketAcl', 's3:GetBucketLocation'], resources: [bucket.bucketArn] }),
      ...(cachePrefix ? [new iam.PolicyStatement({ sid: 'WriteOwnCache', actions: ['s3:PutObject'], resources: [bucket.arnForObjects(`${cachePrefix}/*`)] })] : []),
      new iam.PolicyStatement({
        sid: 'UseArtifactsKey',
        actions: cachePrefix ? ['kms:Decrypt', 'kms:GenerateDataKey'] : ['kms:Decrypt'],
        resources: [key.keyArn],
      }),
      new iam.PolicyStatement({ sid: 'ReadDeployedTag', actions: ['ssm:GetParameters'], resources: [props.imageTagParameter.parameterArn] }),
      new iam.PolicyStatement({
        sid: 'PushToOwnRepository',
        actions: [
          'ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:DescribeImages',
          'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage',
        ],
        resources: [props.repository.repositoryArn],
      }),
    ],
  });
  acknowledgeWildcardResource(policy, bucket.arnForObjects('*'), 'Read-only access to this pipeline\'s own artifacts bucket: the source '
    + 'artifact\'s key is chosen by CodePipeline per execution. The build cannot write, delete or list objects.');
  if (cachePrefix) {
    acknowledgeWildcardResource(policy, bucket.arnForObjects(`${cachePrefix}/*`), 'Writes only under this pipeline\'s cache prefix, whose '
      + 'object names CodeBuild chooses; environments with an approval build without a cache.');
  }
  const login = new iam.ManagedPolicy(scope, 'RegistryLogin', {
    description: 'ECR registry login (ecr:GetAuthorizationToken) of a service build project',
    statements: [new iam.PolicyStatement({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] })],
    roles: [role],
  });
  Compliance.acknowledge(login, 'AwsSolutions-IAM5[Resource::*]',
    'ecr:GetAuthorizationToken has no resource-level permissions in IAM: AWS requires Resource "*". The token only '
    + 'authenticates to the registry; pushes are limited to this service\'s repository by the build role\'s other policy.');
}

/**
 * The record project's policy, written out: it runs no code of the service. Before the deployment it
 * writes the deploy action's input artifact (a key CodePipeline chooses per execution); after it, the
 * tag into the image-tag parameter.
 */
function writeRecordPolicy(scope: Construct, role: iam.Role, props: BuildProjectsProps, logGroup: logs.LogGroup): void {
  const bucket = props.artifactsBucket;
  const policy = new iam.ManagedPolicy(scope, 'RecordImageTagPolicy', {
    description: `Release and record steps of ${props.pipelineName}: image definitions of the approved image, the image-tag parameter`,
    roles: [role],
    statements: [
      ...logStatements(logGroup),
      new iam.PolicyStatement({ sid: 'ReadInputArtifacts', actions: ['s3:GetObject', 's3:GetObjectVersion'], resources: [bucket.arnForObjects('*')] }),
      new iam.PolicyStatement({ sid: 'WriteImageDefinitions', actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')] }),
      new iam.PolicyStatement({ sid: 'LocateBucket', actions: ['s3:GetBucketAcl', 's3:GetBucketLocation'], resources: [bucket.bucketArn] }),
      new iam.PolicyStatement({ sid: 'UseArtifactsKey', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [props.environment.keys.storage.keyArn] }),
      new iam.PolicyStatement({
        sid: 'RecordImageTag',
        actions: ['ssm:GetParameter', 'ssm:PutParameter'],
        resources: [props.imageTagParameter.parameterArn],
      }),
    ],
  });
  acknowledgeWildcardResource(policy, bucket.arnForObjects('*'), 'Objects of this pipeline\'s own artifacts bucket: the release step '
    + 'reads its input and writes the image definitions under keys CodePipeline chooses per execution. The role runs only '
    + 'the platform\'s buildspec (no code of the service); it cannot delete or list objects.');
}

function logStatements(logGroup: logs.LogGroup): iam.PolicyStatement[] {
  return [new iam.PolicyStatement({ sid: 'WriteOwnLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] })];
}


function plain(variables: { [name: string]: string }): { [name: string]: codebuild.BuildEnvironmentVariable } {
  const out: { [name: string]: codebuild.BuildEnvironmentVariable } = {};
  for (const [name, value] of Object.entries(variables)) {
    out[name] = { type: codebuild.BuildEnvironmentVariableType.PLAINTEXT, value };
  }
  return out;
}

/**
 * CodeBuild, on behalf of the named project of this account only (`aws:SourceArn`,
 * `aws:SourceAccount`): no other project, in this account or another, can have the service
 * assume the role (the confused deputy).
 */
function codeBuildFor(projectName: string): iam.IPrincipal {
  return new iam.ServicePrincipal('codebuild.amazonaws.com').withConditions({
    StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
    ArnEquals: { 'aws:SourceArn': `arn:${Aws.PARTITION}:codebuild:${Aws.REGION}:${Aws.ACCOUNT_ID}:project/${projectName}` },
  });
}
