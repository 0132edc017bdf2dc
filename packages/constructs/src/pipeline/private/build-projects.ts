import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
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

  const build = new codebuild.PipelineProject(scope, 'Build', {
    ...common,
    role: new iam.Role(scope, 'BuildRole', {
      roleName: props.buildRoleName,
      assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com'),
      description: `Builds and pushes the ${props.containerName} image (${environment.profile.name})`,
    }),
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
    cache: codebuild.Cache.bucket(props.artifactsBucket, { prefix: `build-cache/${pipelineName}` }),
    logging: { cloudWatch: { logGroup: buildLogGroup } },
  });
  grantPush(build, props.repository);
  const privileged = 'Docker builds (docker build, docker push, trivy image) need the Docker daemon, which CodeBuild '
    + 'runs only in privileged mode. The project builds only this service\'s repository, from the pipeline\'s source.';
  Compliance.acknowledge(build, 'ControlTower-CT.CODEBUILD.PR.4', privileged);

  const recordImageTag = new codebuild.PipelineProject(scope, 'RecordImageTag', {
    ...common,
    projectName: recordName,
    description: `Records the image tag deployed to ${environment.profile.name} in ${props.imageTagParameter.parameterName}`,
    buildSpec: ServiceBuildspec.recordImageTag().toBuildSpec(),
    environment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0, computeType: codebuild.ComputeType.SMALL },
    environmentVariables: plain({ IMAGE_TAG_PARAMETER: props.imageTagParameter.parameterName }),
    logging: { cloudWatch: { logGroup: recordImageTagLogGroup } },
  });
  recordImageTag.addToRolePolicy(new iam.PolicyStatement({
    actions: ['ssm:GetParameter', 'ssm:PutParameter'],
    resources: [props.imageTagParameter.parameterArn],
  }));

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
 * Push and pull of this one repository, and the tag lookup that keeps pushes idempotent. The
 * registry login (`ecr:GetAuthorizationToken`, which cannot be scoped) is a policy of its own.
 */
function grantPush(project: codebuild.PipelineProject, repository: ecr.IRepository): void {
  project.addToRolePolicy(new iam.PolicyStatement({
    actions: [
      'ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:DescribeImages',
      'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage',
    ],
    resources: [repository.repositoryArn],
  }));
  const login = new iam.ManagedPolicy(project, 'RegistryLogin', {
    description: 'ECR registry login (ecr:GetAuthorizationToken) of a service build project',
    statements: [new iam.PolicyStatement({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] })],
    roles: [project.role!],
  });
  Compliance.acknowledge(login, 'AwsSolutions-IAM5[Resource::*]',
    'ecr:GetAuthorizationToken has no resource-level permissions in IAM: AWS requires Resource "*". The token only '
    + 'authenticates to the registry; pushes are limited to this service\'s repository by the build role\'s other policy.');
}

function plain(variables: { [name: string]: string }): { [name: string]: codebuild.BuildEnvironmentVariable } {
  const out: { [name: string]: codebuild.BuildEnvironmentVariable } = {};
  for (const [name, value] of Object.entries(variables)) {
    out[name] = { type: codebuild.BuildEnvironmentVariableType.PLAINTEXT, value };
  }
  return out;
}
