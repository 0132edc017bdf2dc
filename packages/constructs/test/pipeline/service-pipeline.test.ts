import { ServiceRuntime } from '@fargate-platform/service-model';
import { Annotations, Capture, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CONNECTION_ARN, pipelineFixture, PipelineFixtureOptions } from './pipeline-fixture';
import { EnvironmentProfile, ServicePipeline } from '../../src';

/** The synthesized template of one pipeline, and the properties of its AWS::CodePipeline::Pipeline. */
function synth(options: PipelineFixtureOptions = {}) {
  const fixture = pipelineFixture(options);
  const template = Template.fromStack(fixture.stack);
  const pipelines = Object.values(template.findResources('AWS::CodePipeline::Pipeline'));
  expect(pipelines).toHaveLength(1);
  const props = pipelines[0].Properties;
  const stage = (name: string) => props.Stages.find((s: any) => s.Name === name);
  return { ...fixture, template, props, stage };
}

describe('ServicePipeline', () => {
  test('is a V2 pipeline named {service}-{environment}: Source, Build, Deploy', () => {
    // GIVEN the orders service in develop
    // WHEN its pipeline is synthesized
    const { props, pipeline } = synth({ profile: EnvironmentProfile.DEVELOP });

    // THEN
    expect(props).toEqual(expect.objectContaining({ Name: 'orders-develop', PipelineType: 'V2', RestartExecutionOnUpdate: false }));
    expect(props.Stages.map((s: any) => s.Name)).toEqual(['Source', 'Build', 'Deploy']);
    expect(pipeline.pipelineName).toBe('orders-develop');
  });

  describe('branch rule of each environment', () => {
    test('develop: feature/* started by hand; no trigger, no change detection', () => {
      const { props, stage, pipeline } = synth({ profile: EnvironmentProfile.DEVELOP });

      expect(props.Triggers).toBeUndefined();
      expect(stage('Source').Actions[0].Configuration).toEqual(expect.objectContaining({ DetectChanges: false, BranchName: 'main' }));
      expect(pipeline.branchPattern).toBe('feature/*');
      expect(stage('Approval')).toBeUndefined();
    });

    test.each([
      ['test', EnvironmentProfile.TEST],
      ['qa', EnvironmentProfile.QA],
    ])('%s: release/*.*.* on every push, without approval', (_name, profile) => {
      const { props, stage } = synth({ profile });

      expect(props.Triggers).toEqual([{
        ProviderType: 'CodeStarSourceConnection',
        GitConfiguration: { SourceActionName: 'Source', Push: [{ Branches: { Includes: ['release/*.*.*'] } }] },
      }]);
      expect(stage('Source').Actions[0].Configuration.DetectChanges).toBe(false);
      expect(stage('Approval')).toBeUndefined();
    });

    test('prod: prod/* on every push, then a manual approval before the deployment', () => {
      const { props } = synth({ profile: EnvironmentProfile.PROD });

      expect(props.Triggers).toEqual([{
        ProviderType: 'CodeStarSourceConnection',
        GitConfiguration: { SourceActionName: 'Source', Push: [{ Branches: { Includes: ['prod/*'] } }] },
      }]);
      expect(props.Stages.map((s: any) => s.Name)).toEqual(['Source', 'Build', 'Approval', 'Deploy']);
    });

    test('a custom profile\'s branch pattern becomes the push filter', () => {
      const staging = EnvironmentProfile.custom({ ...profileProps(EnvironmentProfile.TEST), name: 'staging', branchPattern: 'staging/**' });

      const { props } = synth({ profile: staging });

      expect(props.Triggers[0].GitConfiguration.Push).toEqual([{ Branches: { Includes: ['staging/**'] } }]);
    });
  });

  test('the source is the Bitbucket repository, through the caller\'s CodeConnections connection', () => {
    const { stage } = synth({ spec: { sourceRepository: 'acme/payments-api' }, props: () => ({ defaultBranch: 'develop' }) });

    expect(stage('Source').Actions).toEqual([expect.objectContaining({
      ActionTypeId: { Category: 'Source', Owner: 'AWS', Provider: 'CodeStarSourceConnection', Version: '1' },
      Configuration: { ConnectionArn: CONNECTION_ARN, FullRepositoryId: 'acme/payments-api', BranchName: 'develop', DetectChanges: false },
      Namespace: 'SourceVariables',
      OutputArtifacts: [{ Name: 'SourceOutput' }],
    })]);
  });

  test('the source role may use the connection under its codeconnections prefix (CDK grants only codestar-connections)', () => {
    const { template } = synth();

    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^PipelineSourceActionRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Effect: 'Allow', Action: Match.arrayWith(['codeconnections:UseConnection']), Resource: CONNECTION_ARN,
        })]),
      },
    });
  });

  describe('build', () => {
    test('runs on standard 7.0, privileged for Docker, KMS-encrypted, with the image variables', () => {
      const { template } = synth({ profile: EnvironmentProfile.QA });

      template.hasResourceProperties('AWS::CodeBuild::Project', {
        Name: 'orders-qa-build',
        EncryptionKey: { Ref: Match.stringLikeRegexp('storagekeyarn') },
        Environment: {
          Image: 'aws/codebuild/standard:7.0',
          Type: 'LINUX_CONTAINER',
          ComputeType: 'BUILD_GENERAL1_SMALL',
          PrivilegedMode: true,
          EnvironmentVariables: [
            { Name: 'AWS_ACCOUNT_ID', Type: 'PLAINTEXT', Value: { Ref: 'AWS::AccountId' } },
            { Name: 'ECR_REPOSITORY_URL', Type: 'PLAINTEXT', Value: Match.anyValue() },
            { Name: 'ECR_REPOSITORY_NAME', Type: 'PLAINTEXT', Value: { Ref: Match.stringLikeRegexp('^Repository') } },
            { Name: 'ENVIRONMENT', Type: 'PLAINTEXT', Value: 'qa' },
            { Name: 'CONTAINER_NAME', Type: 'PLAINTEXT', Value: 'orders' },
            // the image the environment runs, read from the image-tag parameter when the build starts (the layer cache)
            { Name: 'DEPLOYED_TAG', Type: 'PARAMETER_STORE', Value: { Ref: Match.stringLikeRegexp('^ImageTag') } },
          ],
        },
        Cache: { Type: 'S3', Location: { 'Fn::Join': ['/', [{ Ref: Match.stringLikeRegexp('^PipelineArtifacts') }, 'build-cache/orders-qa']] } },
        TimeoutInMinutes: 30,
      });
    });

    test('runs the generated buildspec of the service\'s runtime', () => {
      const { template, pipeline } = synth({ spec: { runtime: ServiceRuntime.PYTHON } });
      const buildSpec = new Capture();

      template.hasResourceProperties('AWS::CodeBuild::Project', { Name: 'orders-develop-build', Source: { Type: 'CODEPIPELINE', BuildSpec: buildSpec } });

      expect(JSON.parse(buildSpec.asString())).toEqual(pipeline.buildspec.toObject());
      expect(pipeline.buildspec.runtime).toBe(ServiceRuntime.PYTHON);
    });

    test('gets the commit SHA as IMAGE_TAG and exports it with the image digest to later stages, writing no artifact', () => {
      const { stage } = synth();

      const build = stage('Build').Actions[0];
      expect(build).toEqual(expect.objectContaining({
        ActionTypeId: { Category: 'Build', Owner: 'AWS', Provider: 'CodeBuild', Version: '1' },
        Configuration: {
          ProjectName: { Ref: expect.stringMatching(/^PipelineBuild/) },
          EnvironmentVariables: '[{"name":"IMAGE_TAG","type":"PLAINTEXT","value":"#{SourceVariables.CommitId}"}]',
        },
        Namespace: 'BuildVariables',
      }));
      // the build runs the pushed commit's code: nothing it writes reaches a later stage
      expect(build.OutputArtifacts).toBeUndefined();
    });

    test('logs to its own KMS-encrypted log group, kept as long as the profile says', () => {
      const { template } = synth({ profile: EnvironmentProfile.PROD });

      template.hasResourceProperties('AWS::Logs::LogGroup', {
        LogGroupName: '/aws/codebuild/orders-prod-build',
        RetentionInDays: 731,
        KmsKeyId: '{{resolve:ssm:/fargate-platform/prod/logs-key-arn}}',
      });
      template.hasResourceProperties('AWS::CodeBuild::Project', {
        Name: 'orders-prod-build',
        LogsConfig: { CloudWatchLogs: { Status: 'ENABLED', GroupName: { Ref: Match.stringLikeRegexp('^PipelineBuildLogs') } } },
      });
    });

    test('acknowledges privileged mode on the build project only, with the reason', () => {
      const { template } = synth();

      template.hasResource('AWS::CodeBuild::Project', {
        Properties: { Name: 'orders-develop-build' },
        Metadata: {
          'fargate-platform:acknowledgments': Match.arrayWith([
            { ruleId: 'ControlTower-CT.CODEBUILD.PR.4', reason: Match.stringLikeRegexp('^Docker builds .* privileged mode') },
          ]),
        },
      });
      template.hasResourceProperties('AWS::CodeBuild::Project', {
        Name: 'orders-develop-record-image-tag',
        Environment: Match.objectLike({ PrivilegedMode: false }),
      });
    });
  });

  describe('approval', () => {
    test('prod waits up to 7 days for an approval announced on the environment\'s pipeline topic', () => {
      const { stage } = synth({ profile: EnvironmentProfile.PROD });

      expect(stage('Approval').Actions).toEqual([expect.objectContaining({
        ActionTypeId: { Category: 'Approval', Owner: 'AWS', Provider: 'Manual', Version: '1' },
        Configuration: {
          NotificationArn: { Ref: expect.stringMatching(/pipelinetopicarn/) },
          CustomData: expect.stringContaining('Deploy orders to prod'),
        },
        TimeoutInMinutes: 7 * 24 * 60,
      })]);
      expect(ServicePipeline.APPROVAL_TIMEOUT.toDays()).toBe(7);
    });

    test('the approval action may publish to the (KMS-encrypted) topic', () => {
      const { template } = synth({ profile: EnvironmentProfile.PROD });

      template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
        Roles: [{ Ref: Match.stringLikeRegexp('^PipelineApprovalActionRole') }],
        PolicyDocument: {
          Statement: [
            Match.objectLike({ Action: 'sns:Publish', Resource: { Ref: Match.stringLikeRegexp('pipelinetopicarn') } }),
            Match.objectLike({ Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: { Ref: Match.stringLikeRegexp('alertingkeyarn') } }),
          ],
        },
      });
    });
  });

  describe('deploy', () => {
    test('records the first image before the first deployment, rolls the service within 15 minutes, then records the deployed tag', () => {
      const { stage } = synth();

      const recordImage = (name: string, mode: string, runOrder: number) => expect.objectContaining({
        Name: name,
        ActionTypeId: { Category: 'Build', Owner: 'AWS', Provider: 'CodeBuild', Version: '1' },
        Configuration: {
          ProjectName: { Ref: expect.stringMatching(/^PipelineRecordImageTag/) },
          EnvironmentVariables: '[{"name":"IMAGE_TAG","type":"PLAINTEXT","value":"#{BuildVariables.IMAGE_TAG}"},'
            + '{"name":"IMAGE_URI","type":"PLAINTEXT","value":"#{BuildVariables.IMAGE_URI}"},'
            + `{"name":"RECORD_MODE","type":"PLAINTEXT","value":"${mode}"}]`,
        },
        InputArtifacts: [{ Name: 'SourceOutput' }],
        RunOrder: runOrder,
      });
      const actions = stage('Deploy').Actions;
      // what deploys is written after the approval, from the execution's digest variable
      expect(actions[0].OutputArtifacts).toEqual([{ Name: 'Release' }]);
      expect(actions[2].OutputArtifacts).toBeUndefined();
      expect(actions).toEqual([
        // the runtime stack is created with the image the parameter names: before the first deployment, the first image
        recordImage('RecordFirstImage', 'first', 1),
        expect.objectContaining({
          Name: 'Deploy',
          ActionTypeId: { Category: 'Deploy', Owner: 'AWS', Provider: 'ECS', Version: '1' },
          Configuration: {
            ClusterName: { Ref: expect.stringMatching(/clustername/) },
            ServiceName: 'orders',
            FileName: 'imagedefinitions.json',
            DeploymentTimeout: 15,
          },
          InputArtifacts: [{ Name: 'Release' }],
          RunOrder: 2,
        }),
        recordImage('RecordImageTag', 'deployed', 3),
      ]);
    });

    test('the deploy role updates only this service and passes only the service\'s roles to ECS tasks', () => {
      const { template } = synth();
      const statements = new Capture();

      template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
        Roles: [{ Ref: Match.stringLikeRegexp('^PipelineDeployRole') }],
        PolicyDocument: { Statement: statements },
      });

      const bySid = Object.fromEntries(statements.asArray().map((s: any) => [s.Sid, s]));
      expect(JSON.stringify(bySid.UpdateTheService.Resource)).toMatch(/:service\/".*clustername.*"\/orders"/);
      expect(bySid.PassTaskDefinitionRoles.Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } });
      expect(JSON.stringify(bySid.PassTaskDefinitionRoles.Resource)).toContain(':role/orders-develop-*');
      expect(JSON.stringify(bySid.ListTasksOfTheCluster.Condition.ArnEquals['ecs:cluster'])).toMatch(/:cluster\/.*clustername/);
      // CDK's own EcsDeployAction grants ecs:* actions and iam:PassRole on "*": none of that reaches the role.
      template.resourcePropertiesCountIs('AWS::IAM::Policy', { Roles: [{ Ref: Match.stringLikeRegexp('^PipelineDeployRole') }] }, 0);
    });

    test('given roles are the only ones the deploy action may pass', () => {
      const { template } = synth({
        props: (stack) => ({ taskDefinitionRoles: [iam.Role.fromRoleName(stack, 'TaskRole', 'orders-task')] }),
      });

      template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Sid: 'PassTaskDefinitionRoles',
            Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::123456789012:role/orders-task']] },
          })]),
        },
      });
    });

    test('the image-tag parameter is written by the record project (first image, then each deployed tag), and by nothing else', () => {
      const { template } = synth();

      template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
        Roles: [{ Ref: Match.stringLikeRegexp('^PipelineRecordImageTagRole') }],
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
          // it reads the parameter to keep a deployed image when recording the first one
            Action: ['ssm:GetParameter', 'ssm:PutParameter'],
            Resource: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([{ Ref: Match.stringLikeRegexp('^ImageTag') }])]) }),
          })]),
        },
      });
      const putters = [...Object.values(template.findResources('AWS::IAM::Policy')), ...Object.values(template.findResources('AWS::IAM::ManagedPolicy'))]
        .filter((p: any) => JSON.stringify(p.Properties.PolicyDocument).includes('ssm:PutParameter'));
      expect(putters).toHaveLength(1);
      template.hasResourceProperties('AWS::CodeBuild::Project', {
        Name: 'orders-develop-record-image-tag',
        Environment: Match.objectLike({
          EnvironmentVariables: [
            { Name: 'IMAGE_TAG_PARAMETER', Type: 'PLAINTEXT', Value: { Ref: Match.stringLikeRegexp('^ImageTag') } },
            { Name: 'CONTAINER_NAME', Type: 'PLAINTEXT', Value: 'orders' },
          ],
        }),
      });
    });

    test('the build reads the image-tag parameter: the deployed image is its layer cache', () => {
      const { template } = synth();

      template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
        Roles: [{ Ref: Match.stringLikeRegexp('^PipelineBuildRole') }],
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Action: 'ssm:GetParameters',
            Resource: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([{ Ref: Match.stringLikeRegexp('^ImageTag') }])]) }),
          })]),
        },
      });
    });
  });

  test('the artifacts\' server access logs go to the environment\'s log bucket, under the pipeline\'s own prefix', () => {
    const { template } = synth({ profile: EnvironmentProfile.TEST });

    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: {
        DestinationBucketName: '{{resolve:ssm:/fargate-platform/test/access-logs-bucket-name}}',
        LogFilePrefix: 's3-access/pipeline-artifacts/orders-test/',
      },
    });
  });

  describe('roles', () => {
    test('the CodeBuild roles trust CodeBuild on behalf of their own project in this account only', () => {
      const { template } = synth({ profile: EnvironmentProfile.TEST });

      const trusts = Object.values(template.findResources('AWS::IAM::Role')).map((r) => r.Properties.AssumeRolePolicyDocument.Statement)
        .flat().filter((s: any) => s.Principal.Service === 'codebuild.amazonaws.com');
      const arn = (resource: string) => ({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':codebuild:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:${resource}`]],
      });
      expect(trusts.map((s: any) => s.Condition.ArnEquals['aws:SourceArn'])).toEqual(expect.arrayContaining([
        arn('project/orders-test-build'), arn('project/orders-test-record-image-tag'),
      ]));
      expect(trusts).toHaveLength(2);
      expect(trusts.every((s: any) => JSON.stringify(s.Condition.StringEquals) === '{"aws:SourceAccount":{"Ref":"AWS::AccountId"}}')).toBe(true);
    });

    test('the build role, named as the repository policy expects, pushes to this repository only', () => {
      const { template } = synth({ profile: EnvironmentProfile.TEST });

      template.hasResourceProperties('AWS::IAM::Role', {
        RoleName: 'orders-test-build',
        AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'codebuild.amazonaws.com' } })] },
      });
      template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
        Roles: [{ Ref: Match.stringLikeRegexp('^PipelineBuildRole') }],
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Action: Match.arrayWith(['ecr:DescribeImages', 'ecr:PutImage']),
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Repository'), 'Arn'] },
          })]),
        },
      });
    });

    test.each([['develop', EnvironmentProfile.DEVELOP], ['prod', EnvironmentProfile.PROD]] as const)('the build role cannot write, delete or list any execution\'s artifacts (%s)', (_name, profile) => {
      // The build runs the pushed commit's code. An approver approves one execution; a build of a later push must not
      // be able to change what that execution deploys. The only object it may write is its own cache, and none in prod.
      const { template } = synth({ profile });
      const statements = [...Object.values(template.findResources('AWS::IAM::Policy')), ...Object.values(template.findResources('AWS::IAM::ManagedPolicy'))]
        .filter((p: any) => JSON.stringify(p.Properties.Roles ?? []).includes('PipelineBuildRole'))
        .flatMap((p: any) => p.Properties.PolicyDocument.Statement);
      const s3 = statements.flatMap((st: any) => [st.Action].flat().filter((a: string) => a.startsWith('s3:')).map((action: string) => ({ action, resource: JSON.stringify(st.Resource) })));
      const writes = s3.filter((x) => !['s3:GetObject', 's3:GetObjectVersion', 's3:GetBucketAcl', 's3:GetBucketLocation'].includes(x.action));
      if (profile.requireApproval) {
        expect(writes).toEqual([]);
        template.hasResourceProperties('AWS::CodeBuild::Project', { Name: 'orders-prod-build', Cache: { Type: 'NO_CACHE' } });
      } else {
        expect(writes).toEqual([{ action: 's3:PutObject', resource: expect.stringContaining('/build-cache/orders-develop/*') }]);
      }
    });

    test('ecr:GetAuthorizationToken sits alone in a managed policy, acknowledged there', () => {
      const { template } = synth();

      template.hasResource('AWS::IAM::ManagedPolicy', {
        Properties: {
          PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' }] },
          Roles: [{ Ref: Match.stringLikeRegexp('^PipelineBuildRole') }],
        },
        Metadata: {
          'fargate-platform:acknowledgments': [{
            ruleId: 'AwsSolutions-IAM5[Resource::*]',
            reason: Match.stringLikeRegexp('no resource-level permissions'),
          }],
        },
      });
    });

    test.each([['develop', EnvironmentProfile.DEVELOP], ['prod', EnvironmentProfile.PROD]] as const)('every role of the pipeline has written, managed policies: no action wildcard, no delete, no list (%s)', (_name, profile) => {
      // CDK's actions grant their roles Bucket.grantReadWrite on the artifacts (s3:DeleteObject*, s3:List*, kms:ReEncrypt*) in inline policies.
      const { template } = synth({ profile });
      expect(Object.keys(template.findResources('AWS::IAM::Policy'))).toEqual([]);
      const actions = Object.values(template.findResources('AWS::IAM::ManagedPolicy'))
        .flatMap((p: any) => p.Properties.PolicyDocument.Statement.filter((st: any) => st.Effect === 'Allow'))
        .flatMap((st: any) => [st.Action].flat() as string[]);
      expect(actions.filter((a) => a.includes('*'))).toEqual([]);
      expect(actions.filter((a) => /^s3:(Delete|List|Abort)/.test(a))).toEqual([]);
      // ACLs: only the source action's upload, which CodeStar connections send with bucket-owner-full-control
      expect([...new Set(actions.filter((a) => /Acl$/.test(a) && a.startsWith('s3:Put')))]).toEqual(['s3:PutObjectAcl']);
    });

    test('the pipeline\'s role assumes exactly its action roles, and the pipeline waits for its policies, not for its role (its ARN already orders it: cfn-lint W3005)', () => {
      const { template } = synth({ profile: EnvironmentProfile.PROD });
      const [policy] = Object.values(template.findResources('AWS::IAM::ManagedPolicy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^PipelineRole') }] } })) as any[];
      const assume = policy.Properties.PolicyDocument.Statement.find((st: any) => st.Action === 'sts:AssumeRole');
      expect(assume.Resource.map((r: any) => r['Fn::GetAtt'][0].replace(/[0-9A-F]{8}$/, '')).sort())
        .toEqual(['PipelineApprovalActionRole', 'PipelineBuildActionRole', 'PipelineDeployRole', 'PipelineRecordImageTagActionRole', 'PipelineSourceActionRole']);
      const [pipeline] = Object.values(template.findResources('AWS::CodePipeline::Pipeline')) as any[];
      const policies = Object.keys(template.findResources('AWS::IAM::ManagedPolicy')).filter((id) => /^Pipeline(Pipeline|SourceAction|BuildAction|RecordImageTagAction|ApprovalAction)Policy/.test(id));
      expect(policies).toHaveLength(5);
      expect([...pipeline.DependsOn].sort()).toEqual([...policies].sort());
    });

    test('every action role trusts the pipeline\'s role only', () => {
      const { template } = synth({ profile: EnvironmentProfile.PROD });

      for (const role of ['SourceActionRole', 'BuildActionRole', 'ApprovalActionRole', 'DeployRole', 'RecordImageTagActionRole']) {
        template.hasResourceProperties('AWS::IAM::Role', Match.objectLike({
          AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { AWS: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PipelineRole'), 'Arn'] } } })] },
          Description: Match.stringLikeRegexp(`^(${role}|ECS deploy action)`),
        }));
      }
    });
  });

  test('sends started, succeeded, failed and canceled events to the pipeline topic; approvals too in prod', () => {
    const develop = synth({ profile: EnvironmentProfile.DEVELOP }).template;
    const prod = synth({ profile: EnvironmentProfile.PROD }).template;
    const executionEvents = [
      'codepipeline-pipeline-pipeline-execution-started',
      'codepipeline-pipeline-pipeline-execution-succeeded',
      'codepipeline-pipeline-pipeline-execution-failed',
      'codepipeline-pipeline-pipeline-execution-canceled',
    ];

    develop.hasResourceProperties('AWS::CodeStarNotifications::NotificationRule', {
      Name: 'orders-develop-events',
      DetailType: 'FULL',
      EventTypeIds: executionEvents,
      Resource: Match.anyValue(),
      Targets: [{ TargetAddress: { Ref: Match.stringLikeRegexp('pipelinetopicarn') }, TargetType: 'SNS' }],
    });
    prod.hasResourceProperties('AWS::CodeStarNotifications::NotificationRule', {
      EventTypeIds: [...executionEvents, 'codepipeline-pipeline-manual-approval-needed',
        'codepipeline-pipeline-manual-approval-succeeded', 'codepipeline-pipeline-manual-approval-failed'],
    });
  });

  test('pins the logical ids of what must never be replaced', () => {
    const { template } = synth();

    expect(Object.keys(template.findResources('AWS::CodePipeline::Pipeline'))).toEqual(['Pipeline8E4BFAC9']);
    expect(Object.keys(template.findResources('AWS::S3::Bucket')).sort()).toEqual(['PipelineArtifacts12B887A7']);
    expect(Object.keys(template.findResources('AWS::Logs::LogGroup')).sort()).toEqual(['PipelineBuildLogs0FB13851', 'PipelineRecordImageTagLogsE2C237A4']);
  });

  test('adds no warnings of its own', () => {
    const { stack } = synth({ profile: EnvironmentProfile.PROD });

    const own = Annotations.fromStack(stack).findWarning('*', Match.anyValue()).filter((w) => w.id.startsWith('/orders-prod/Pipeline'));
    expect(own.map((w) => w.entry.data)).toEqual([]);
  });
});

/** The props a profile was built from, to derive a custom one. */
function profileProps(profile: EnvironmentProfile) {
  return {
    name: profile.name,
    production: profile.production,
    vpcCidr: '10.60.0.0/16',
    availabilityZones: profile.availabilityZones,
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
  };
}
