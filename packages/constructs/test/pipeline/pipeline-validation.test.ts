import { CfnParameter, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { EnvironmentProfile, EnvironmentProfileProps, IPlatformEnvironment, PipelineTrigger } from '../../src';
import { PlatformError } from '../../src/errors';
import { pipelineFixture, PipelineFixtureOptions, serviceSpec } from './pipeline-fixture';

/** The message of the PlatformError the fixture throws with these options. */
function rejection(options: PipelineFixtureOptions): string {
  try {
    pipelineFixture({ stackId: 'Fixture', ...options });
  } catch (e) {
    expect(e).toBeInstanceOf(PlatformError);
    return (e as Error).message;
  }
  throw new Error('expected the pipeline to be rejected');
}

const TEST_PROFILE: EnvironmentProfileProps = {
  name: 'test',
  vpcCidr: '10.20.0.0/16',
  natGateways: 1,
  logRetention: EnvironmentProfile.TEST.logRetention,
  fargateSpotPercent: 30,
  deletionProtection: false,
  terminationProtection: false,
  requireApproval: false,
  requireRecentMfa: false,
  minTasks: 1,
  branchPattern: 'release/*.*.*',
  pipelineTrigger: PipelineTrigger.ON_PUSH,
};

describe('ServicePipeline validation', () => {
  test.each([
    ['not an ARN', 'bitbucket-connection'],
    ['another service', 'arn:aws:codecommit:eu-west-1:123456789012:orders'],
    ['a truncated id', 'arn:aws:codeconnections:eu-west-1:123456789012:connection/0a1b2c3d'],
  ])('refuses a connection ARN that is %s', (_what, connectionArn) => {
    expect(rejection({ props: () => ({ connectionArn }) })).toBe(
      `Fixture/Pipeline: connectionArn must be a CodeConnections connection ARN, arn:<partition>:codeconnections|`
      + `codestar-connections:<region>:<account>:connection/<uuid>; got '${connectionArn}'`);
  });

  test.each([
    ['empty', ''],
    ['without a workspace', 'orders-service'],
    ['with a third segment', 'acme/orders/api'],
    ['a URL', 'https://bitbucket.org/acme/orders'],
    ['ending in .git', 'acme/orders.git'],
  ])('refuses a source repository that is %s', (_what, sourceRepository) => {
    expect(rejection({ spec: { sourceRepository } })).toMatch(new RegExp(
      `spec\\.sourceRepository must be a Bitbucket repository as workspace/repository \\(letters, digits, '\\.', '_' and '-', `
      + `without '\\.git'\\), e\\.g\\. 'acme/orders-service'; got '${sourceRepository.replace(/[./]/g, '\\$&')}'$`));
  });

  test.each([
    ['an empty segment', 'release//*'],
    ['a trailing slash', 'feature/*/'],
    ['a parent reference', 'release/..'],
  ])('refuses a branch pattern with %s (an unknown branch rule)', (_what, branchPattern) => {
    const profile = EnvironmentProfile.custom({ ...TEST_PROFILE, branchPattern });

    expect(rejection({ profile })).toContain(`branchPattern of environment 'test' must be a branch glob of letters, digits, `
      + `'.', '_', '-', '/', '*' and '?' without empty segments, e.g. 'release/*.*.*'; got '${branchPattern}'`);
  });

  test('refuses a trigger that is neither manual nor on push', () => {
    const profile = EnvironmentProfile.custom({ ...TEST_PROFILE, pipelineTrigger: 'nightly' as PipelineTrigger });

    expect(rejection({ profile })).toContain("pipelineTrigger of environment 'test' must be one of manual, on-push; got 'nightly'");
  });

  test.each([
    ['too short', 'ab'],
    ['too long', 'a'.repeat(33)],
    ['uppercase', 'Orders'],
    ['an underscore', 'order_service'],
    ['a leading digit', '1orders'],
    ['a trailing hyphen', 'orders-'],
  ])('refuses a service name that is %s (not DNS-safe)', (_what, name) => {
    expect(rejection({ spec: { name } })).toContain('spec.name must be a DNS label of 3-32 characters (lowercase letters, digits '
      + `and hyphens, starting with a letter, not ending with a hyphen); got '${name}'`);
  });

  test.each([
    ['a glob', 'feature/*'],
    ['empty', ''],
    ['a lock file', 'main.lock'],
  ])('refuses a default branch that is %s', (_what, defaultBranch) => {
    expect(rejection({ props: () => ({ defaultBranch }) })).toContain(`defaultBranch must be a git branch name (letters, digits, `
      + `'.', '_', '-' and '/', no glob characters, no empty or dot-led segments), e.g. 'main'; got '${defaultBranch}'`);
  });

  test('refuses an empty list of task definition roles', () => {
    expect(rejection({ props: () => ({ taskDefinitionRoles: [] }) })).toContain(
      'taskDefinitionRoles must list the task role and execution role of the service\'s task definition');
  });

  test('refuses buildspec options, naming the field', () => {
    expect(rejection({ props: () => ({ buildspecOptions: { trivyVersion: 'latest', trivySha256: 'x' } }) })).toMatch(
      /trivyVersion must be a release version such as 0\.74\.0; got 'latest'\n.*trivySha256 must be 64 lowercase hexadecimal characters; got 'x'/);
  });

  test('lists every problem at once', () => {
    const message = rejection({
      spec: { name: 'Orders', sourceRepository: '' },
      props: () => ({ connectionArn: 'nope', defaultBranch: 'a b' }),
    });

    expect(message).toMatch(/^Fixture\/Pipeline: 4 problems:\n/);
    expect(message.split('\n').slice(1).map((line) => line.replace(/ must .*/, ''))).toEqual([
      '  - spec.name', '  - spec.sourceRepository', '  - connectionArn', '  - defaultBranch',
    ]);
  });

  test('skips values that are resolved at deploy time', () => {
    const { stack } = pipelineFixture({
      props: (s) => ({
        connectionArn: new CfnParameter(s, 'ConnectionArn').valueAsString,
        spec: serviceSpec({ sourceRepository: new CfnParameter(s, 'SourceRepository').valueAsString }),
      }),
    });

    Template.fromStack(stack).hasResourceProperties('AWS::CodePipeline::Pipeline', {
      Stages: Match.arrayWith([Match.objectLike({ Name: 'Source', Actions: [Match.objectLike({ Configuration: Match.objectLike({
        ConnectionArn: { Ref: 'ConnectionArn' },
        FullRepositoryId: { 'Fn::Join': ['', [
          { 'Fn::Select': [0, { 'Fn::Split': ['/', { Ref: 'SourceRepository' }] }] }, '/',
          { 'Fn::Select': [1, { 'Fn::Split': ['/', { Ref: 'SourceRepository' }] }] },
        ]] },
      }) })] })]),
    });
  });
});

describe('ServicePipeline with a service construct of this app (Property 16 guard)', () => {
  /** A Fargate service in the environment's cluster, deployed with the given settings. */
  function service(stack: Stack, environment: IPlatformEnvironment, props: Partial<ecs.FargateServiceProps>): ecs.FargateService {
    const taskDefinition = new ecs.FargateTaskDefinition(stack, 'Task');
    taskDefinition.addContainer('orders', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27') });
    taskDefinition.obtainExecutionRole();
    return new ecs.FargateService(stack, 'Service', { cluster: environment.cluster, taskDefinition, ...props });
  }

  test('deploys a service that keeps 100% healthy with the circuit breaker, passing only its task definition\'s roles', () => {
    const { stack } = pipelineFixture({
      props: (s, environment) => ({
        service: service(s, environment, { minHealthyPercent: 100, maxHealthyPercent: 200, circuitBreaker: { enable: true, rollback: true } }),
      }),
    });

    const passRole = Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy', {
      Properties: { PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'PassTaskDefinitionRoles' })]) } },
    });
    const statement = Object.values(passRole)[0].Properties.PolicyDocument.Statement.find((s: any) => s.Sid === 'PassTaskDefinitionRoles');
    expect(statement.Resource).toEqual([
      { 'Fn::GetAtt': [expect.stringMatching(/^TaskTaskRole/), 'Arn'] },
      { 'Fn::GetAtt': [expect.stringMatching(/^TaskExecutionRole/), 'Arn'] },
    ]);
  });

  test.each([
    ['minHealthyPercent below 100', { minHealthyPercent: 50, circuitBreaker: { enable: true, rollback: true } },
      /must keep minHealthyPercent at 100 or more.*; got 50/],
    ['minHealthyPercent left to CDK\'s default (50)', { circuitBreaker: { enable: true, rollback: true } },
      /must keep minHealthyPercent at 100 or more.*; got 50/],
    ['no room for the new tasks', { minHealthyPercent: 100, maxHealthyPercent: 150, circuitBreaker: { enable: true, rollback: true } },
      /must allow maxHealthyPercent of 200 or more.*; got 150/],
    ['no circuit breaker', { minHealthyPercent: 100 }, /must enable the deployment circuit breaker with rollback.*; got none/],
    ['a circuit breaker that does not roll back', { minHealthyPercent: 100, circuitBreaker: { enable: true, rollback: false } },
      /must enable the deployment circuit breaker with rollback.*; got enable true, rollback false/],
    ['blue/green through CodeDeploy', {
      minHealthyPercent: 100, circuitBreaker: { enable: true, rollback: true },
      deploymentController: { type: ecs.DeploymentControllerType.CODE_DEPLOY },
    }, /must use the ECS deployment controller \(rolling update\).*; got CODE_DEPLOY/],
  ])('refuses at synth a service with %s', (_what, settings, message) => {
    const { stack } = pipelineFixture({ props: (s, environment) => ({ service: service(s, environment, settings as any) }) });

    expect(() => Template.fromStack(stack)).toThrow(message);
  });
});
