import { ServiceSpec } from '@fargate-platform/service-model';
import { CfnResource, Duration } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as notifications from 'aws-cdk-lib/aws-codestarnotifications';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { EnvironmentContract, IPlatformEnvironment } from '../environment/environment-contract';
import { PipelineTrigger } from '../environment/environment-profile';
import { PlatformError } from '../errors';
import { ArtifactsBucket } from './artifacts-bucket';
import { createBuildProjects } from './private/build-projects';
import { createDeployRole } from './private/deploy-role';
import { writePipelinePolicies } from './private/pipeline-policies';
import { repositoryParts } from './private/source';
import {
  buildspecOptionProblems, defaultBranchProblems, taskDefinitionRolesProblems, zeroDowntimeProblems,
} from './private/validation';
import { ServiceBuildspec, ServiceBuildspecOptions } from './service-buildspec';

/** Properties of a `ServicePipeline`. */
export interface ServicePipelineProps {
  /** The environment deployed to: its profile sets the branch rule, the trigger, approval and log retention. */
  readonly environment: IPlatformEnvironment;
  /**
   * The service built, in this environment (parsed by `ServiceDefinition`): its name, runtime,
   * Bitbucket repository and the environment's CodeConnections connection.
   */
  readonly spec: ServiceSpec;
  /** The service's ECR repository, the only one the build may push to. */
  readonly repository: ecr.IRepository;
  /**
   * The SSM parameter the service's task definition reads its image tag from. The pipeline
   * writes the deployed commit SHA to it after each successful deployment.
   */
  readonly imageTagParameter: ssm.IStringParameter;
  /** The ECS service deployed to, by a rolling update that its own deployment settings govern. */
  readonly service: ecs.IBaseService;
  /**
   * The task role and execution role of the service's task definition: the only roles the
   * deploy action may pass to ECS when it registers the new revision.
   * @default - read from `service` when it is a service construct of this app; for an imported
   * service, the roles named `{service}-{environment}-*` (the platform's role names)
   */
  readonly taskDefinitionRoles?: iam.IRole[];
  /**
   * The branch the source action names: what a manual start without a source revision
   * builds, and what the run CodePipeline starts when it creates the pipeline builds. Push
   * triggers ignore it and build the pushed branch.
   * @default 'main'
   */
  readonly defaultBranch?: string;
  /**
   * Where the artifacts bucket's server access logs go (its policy must admit `logging.s3.amazonaws.com`).
   * @default - the environment's access-log bucket, under `s3-access/pipeline-artifacts/{service}-{environment}/`
   */
  readonly serverAccessLogsBucket?: s3.IBucket;
  /**
   * Compute of the build project.
   * @default codebuild.ComputeType.SMALL
   */
  readonly buildComputeType?: codebuild.ComputeType;
  /**
   * Test runtime version and scanner pin of the generated buildspec.
   * @default - the runtime's default version and ServiceBuildspec.TRIVY_VERSION
   */
  readonly buildspecOptions?: ServiceBuildspecOptions;
}

/**
 * The CI/CD pipeline of one service in one environment (CodePipeline V2), named
 * `{service}-{environment}`:
 *
 * 1. **Source**: Bitbucket through CodeConnections. Environments that build on push start on
 *    a V2 push trigger filtered on the environment's branch pattern (`release/*.*.*`, `prod/*`);
 *    develop has no trigger and is started by hand.
 * 2. **Build**: CodeBuild (standard 7.0, privileged for Docker) with a generated buildspec:
 *    unit tests, `docker build`, Trivy (fails on HIGH/CRITICAL), push of the SHA and
 *    `{environment}-{sha}` tags (immutable; no moving tag). It exports the commit and the image
 *    digest as variables of the execution and writes no artifact; its role (written out, not
 *    generated) cannot write, delete or list the artifacts of any execution.
 * 3. **Approval** (when the profile requires it, i.e. prod): a manual approval announced on the
 *    environment's pipeline topic, naming the commit and the image digest that will deploy;
 *    it expires after 7 days.
 * 4. **Deploy**: `RecordFirstImage` writes the deploy action's `imagedefinitions.json` from the
 *    execution's digest variable (so what deploys is what the approver saw, whatever a later
 *    build does), and before the first deployment records the image in the image-tag parameter
 *    (the runtime stack is created with it); the ECS deploy action (15-minute timeout) rolls the
 *    service with its own deployment settings (minimum healthy 100%, circuit breaker); then the
 *    deployed tag is written to the image-tag parameter, so infrastructure deploys keep that image.
 *
 * Pipeline events (started, succeeded, failed, approval needed) go to the environment's
 * pipeline topic. Every role of the pipeline (CodePipeline's, each action's, each project's) has a
 * policy written here, not CDK's grants: none may delete or list artifacts, none has an inline policy.
 *
 * @example
 * declare const environment: platform.IPlatformEnvironment;
 * declare const spec: model.ServiceSpec;
 * declare const registry: platform.ServiceRepository;
 * declare const service: ecs.IBaseService;
 * new platform.ServicePipeline(this, 'Pipeline', {
 *   environment,
 *   spec,
 *   service,
 *   repository: registry.repository,
 *   imageTagParameter: registry.imageTagParameter,
 * });
 */
export class ServicePipeline extends Construct {
  /** Names of the stages, in order (Approval only where the profile requires it). */
  public static readonly STAGES: string[] = ['Source', 'Build', 'Approval', 'Deploy'];
  /** How long a production approval waits before the execution fails: the design's 7 days. */
  public static readonly APPROVAL_TIMEOUT: Duration = Duration.days(7);
  /** How long the ECS deploy action waits for the service to become stable. */
  public static readonly DEPLOYMENT_TIMEOUT: Duration = Duration.minutes(15);

  /** The pipeline. */
  public readonly pipeline: codepipeline.Pipeline;
  /**
   * The environment's branch rule (e.g. `release/*.*.*`): the push filter of the trigger where
   * the environment builds on push. A manual start (develop) is not filtered by CodePipeline:
   * start it with a source revision (a commit of a matching branch) or it builds `defaultBranch`.
   */
  public readonly branchPattern: string;
  /** The branch the source action names (manual starts without a source revision, the run at creation). */
  public readonly defaultBranch: string;
  /** `{service}-{environment}`. */
  public readonly pipelineName: string;
  /** The CodeBuild project that tests, builds, scans and pushes the image. */
  public readonly buildProject: codebuild.PipelineProject;
  /** The CodeBuild project that records the deployed image tag in the image-tag parameter. */
  public readonly recordImageTagProject: codebuild.PipelineProject;
  /** The buildspec the build project runs. */
  public readonly buildspec: ServiceBuildspec;
  /** The artifact store and its access logs. */
  public readonly artifacts: ArtifactsBucket;
  /** Log group of the build project, `/aws/codebuild/{pipeline}-build` (KMS-encrypted, the profile's retention). */
  public readonly buildLogGroup: logs.ILogGroup;
  /** Log group of the project that records the image tag, `/aws/codebuild/{pipeline}-record-image-tag`. */
  public readonly recordImageTagLogGroup: logs.ILogGroup;
  /** The rule sending pipeline events to the environment's pipeline topic. */
  public readonly notificationRule: notifications.NotificationRule;

  constructor(scope: Construct, id: string, props: ServicePipelineProps) {
    super(scope, id);
    const { environment, spec } = props;
    const profile = environment.profile;
    const defaultBranch = props.defaultBranch ?? 'main';
    PlatformError.throwAll(this, [
      ...(spec.environment === profile.name ? [] : [`spec is the service in '${spec.environment}' but the environment is `
        + `'${profile.name}': take the spec of that environment (ServiceDefinition.specFor('${profile.name}'))`]),
      ...defaultBranchProblems(defaultBranch),
      ...buildspecOptionProblems(props.buildspecOptions ?? {}),
      ...taskDefinitionRolesProblems(props.taskDefinitionRoles),
    ]);
    if (props.service instanceof ecs.BaseService) {
      const service = props.service;
      this.node.addValidation({ validate: () => zeroDowntimeProblems(service) });
    }

    this.pipelineName = spec.names.pipelineName;
    this.branchPattern = profile.branchPattern;
    this.defaultBranch = defaultBranch;
    this.buildspec = ServiceBuildspec.forRuntime(spec.runtime, props.buildspecOptions);
    this.artifacts = new ArtifactsBucket(this, 'Artifacts', {
      encryptionKey: environment.keys.storage,
      serverAccessLogsBucket: props.serverAccessLogsBucket ?? environment.accessLogsBucket,
      serverAccessLogsPrefix: `${EnvironmentContract.SERVICE_ACCESS_LOGS_PREFIX}pipeline-artifacts/${this.pipelineName}/`,
      accessLogRetention: Duration.days(Math.max(365, profile.logRetention)),
    });
    // Every role of the pipeline is handed to CDK without policy updates: their policies are written (writePipelinePolicies).
    const pipelineRole = new iam.Role(this, 'Role', {
      // No source condition: CodePipeline's documentation gives none for its service role, and a condition the service
      // does not satisfy would fail the pipeline's creation, which only an account shows. The CodeBuild roles have them.
      assumedBy: new iam.ServicePrincipal('codepipeline.amazonaws.com'),
      description: `CodePipeline ${this.pipelineName}: assumes its action roles, moves its artifacts`,
    });
    this.pipeline = new codepipeline.Pipeline(this, 'Resource', {
      pipelineName: this.pipelineName,
      pipelineType: codepipeline.PipelineType.V2,
      artifactBucket: this.artifacts.bucket,
      crossAccountKeys: false,
      restartExecutionOnUpdate: false,
      role: pipelineRole.withoutPolicyUpdates(),
    });
    const actionRole = (roleId: string): iam.Role => new iam.Role(this, roleId, {
      assumedBy: new iam.ArnPrincipal(pipelineRole.roleArn),
      description: `${roleId} of pipeline ${this.pipelineName}`,
    });

    // Source
    const sourceOutput = new codepipeline.Artifact('SourceOutput');
    const sourceRole = actionRole('SourceActionRole');
    const onPush = profile.pipelineTrigger === PipelineTrigger.ON_PUSH;
    const source = new actions.CodeStarConnectionsSourceAction({
      actionName: 'Source',
      connectionArn: spec.target.connectionArn,
      ...repositoryParts(spec.sourceRepository),
      branch: defaultBranch,
      output: sourceOutput,
      // Never the webhook on the default branch: a filtered V2 trigger starts on-push environments.
      triggerOnPush: false,
      variablesNamespace: 'SourceVariables',
      role: sourceRole.withoutPolicyUpdates(),
    });
    this.pipeline.addStage({ stageName: 'Source', actions: [source] });
    if (onPush) {
      this.pipeline.addTrigger({
        providerType: codepipeline.ProviderType.CODE_STAR_SOURCE_CONNECTION,
        gitConfiguration: { sourceAction: source, pushFilter: [{ branchesIncludes: [profile.branchPattern] }] },
      });
    }

    // Build
    const projects = createBuildProjects(this, {
      environment,
      pipelineName: this.pipelineName,
      containerName: spec.name,
      buildRoleName: spec.names.buildRoleName,
      repository: props.repository,
      imageTagParameter: props.imageTagParameter,
      artifactsBucket: this.artifacts.bucket,
      buildspec: this.buildspec,
      computeType: props.buildComputeType ?? codebuild.ComputeType.SMALL,
      cache: !profile.requireApproval,
    });
    this.buildProject = projects.build;
    this.recordImageTagProject = projects.recordImageTag;
    this.buildLogGroup = projects.buildLogGroup;
    this.recordImageTagLogGroup = projects.recordImageTagLogGroup;
    // The build has no output artifact: it exports the image's digest as a variable of the execution.
    const buildRole = actionRole('BuildActionRole');
    const build = new actions.CodeBuildAction({
      actionName: 'Build',
      project: this.buildProject,
      input: sourceOutput,
      environmentVariables: { [ServiceBuildspec.IMAGE_TAG_VARIABLE]: { value: source.variables.commitId } },
      variablesNamespace: 'BuildVariables',
      role: buildRole.withoutPolicyUpdates(),
    });
    this.pipeline.addStage({ stageName: 'Build', actions: [build] });

    // Approval
    const approvalRole = profile.requireApproval ? actionRole('ApprovalActionRole') : undefined;
    if (approvalRole) {
      this.pipeline.addStage({
        stageName: 'Approval',
        actions: [new actions.ManualApprovalAction({
          actionName: 'Approve',
          notificationTopic: environment.pipelineTopic,
          additionalInformation: `Deploy ${spec.name} to ${profile.name}: commit ${source.variables.commitId}, image `
            + `${build.variable(ServiceBuildspec.IMAGE_URI_VARIABLE)} (the digest that deploys); its unit tests and image scan passed. `
            + `The request expires after ${ServicePipeline.APPROVAL_TIMEOUT.toDays()} days.`,
          timeout: ServicePipeline.APPROVAL_TIMEOUT,
          role: approvalRole.withoutPolicyUpdates(),
        })],
      });
    }

    // Deploy, then record the deployed tag
    const deployRole = createDeployRole(this, {
      pipelineRole,
      service: props.service,
      taskDefinitionRoles: props.taskDefinitionRoles,
      servicePrefix: spec.names.prefix,
      artifactsBucket: this.artifacts.bucket,
      storageKey: environment.keys.storage,
    });
    const image = {
      [ServiceBuildspec.IMAGE_TAG_VARIABLE]: { value: build.variable(ServiceBuildspec.IMAGE_TAG_VARIABLE) },
      [ServiceBuildspec.IMAGE_URI_VARIABLE]: { value: build.variable(ServiceBuildspec.IMAGE_URI_VARIABLE) },
    };
    const recordRole = actionRole('RecordImageTagActionRole');
    // What deploys is written here, after the approval, from the execution's variables (the digest the approver saw).
    const released = new codepipeline.Artifact('Release');
    const record = (actionName: string, mode: 'first' | 'deployed', runOrder: number, output?: codepipeline.Artifact) => new actions.CodeBuildAction({
      actionName,
      project: this.recordImageTagProject,
      input: sourceOutput,
      outputs: output ? [output] : undefined,
      environmentVariables: { ...image, RECORD_MODE: { value: mode } },
      role: recordRole.withoutPolicyUpdates(),
      runOrder,
    });
    this.pipeline.addStage({
      stageName: 'Deploy',
      actions: [
        // Before the service's first deployment (its runtime stack does not exist yet), the image it will be created with.
        record('RecordFirstImage', 'first', 1, released),
        new actions.EcsDeployAction({
          actionName: 'Deploy',
          service: props.service,
          imageFile: released.atPath(ServiceBuildspec.IMAGE_DEFINITIONS_FILE),
          deploymentTimeout: ServicePipeline.DEPLOYMENT_TIMEOUT,
          role: deployRole.withoutPolicyUpdates(),
          runOrder: 2,
        }),
        record('RecordImageTag', 'deployed', 3),
      ],
    });

    this.notificationRule = new notifications.NotificationRule(this, 'Notifications', {
      notificationRuleName: `${this.pipelineName}-events`,
      source: this.pipeline,
      targets: [environment.pipelineTopic],
      detailType: notifications.DetailType.FULL,
      events: [
        codepipeline.PipelineNotificationEvents.PIPELINE_EXECUTION_STARTED,
        codepipeline.PipelineNotificationEvents.PIPELINE_EXECUTION_SUCCEEDED,
        codepipeline.PipelineNotificationEvents.PIPELINE_EXECUTION_FAILED,
        codepipeline.PipelineNotificationEvents.PIPELINE_EXECUTION_CANCELED,
        ...(profile.requireApproval ? [
          codepipeline.PipelineNotificationEvents.MANUAL_APPROVAL_NEEDED,
          codepipeline.PipelineNotificationEvents.MANUAL_APPROVAL_SUCCEEDED,
          codepipeline.PipelineNotificationEvents.MANUAL_APPROVAL_FAILED,
        ] : []),
      ],
    });

    const policies = writePipelinePolicies(this, {
      pipelineName: this.pipelineName,
      roles: { pipeline: pipelineRole, source: sourceRole, build: buildRole, record: recordRole, deploy: deployRole, approval: approvalRole },
      artifactsBucket: this.artifacts.bucket,
      storageKey: environment.keys.storage,
      connectionArn: spec.target.connectionArn,
      buildProject: this.buildProject,
      recordProject: this.recordImageTagProject,
      approvalTopic: approvalRole ? environment.pipelineTopic : undefined,
      approvalTopicKey: approvalRole ? environment.keys.alerting : undefined,
    });
    // The first execution starts when the pipeline is created: with every permission in place. CDK's Pipeline also
    // waits for its role, which the GetAtt of its ARN already implies (cfn-lint W3005): the pipeline waits for the
    // written policies only.
    (this.pipeline.node.defaultChild as CfnResource).addOverride('DependsOn',
      policies.map((policy) => (policy.node.defaultChild as CfnResource).logicalId));
  }
}
