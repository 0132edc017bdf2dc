import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { pipelineFixture, PipelineFixtureOptions, serviceSpec } from './pipeline-fixture';
import { EnvironmentProfile, IPlatformEnvironment } from '../../src';
import { PlatformError } from '../../src/errors';

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

/**
 * What the pipeline still checks itself. The spec's values (service name, runtime, Bitbucket
 * repository, connection ARN in the environment's account and Region) are checked by the service
 * model when the description is parsed (packages/service-model/test); the environment's branch
 * rule where its profile is made (test/environment/environment-profile.test.ts).
 */
describe('ServicePipeline validation', () => {
  test('refuses the spec of another environment than the one it deploys to, naming both', () => {
    expect(rejection({ profile: EnvironmentProfile.TEST, props: () => ({ spec: serviceSpec({}, EnvironmentProfile.QA) }) })).toBe(
      'Fixture/Pipeline: spec is the service in \'qa\' but the environment is \'test\': '
      + 'take the spec of that environment (ServiceDefinition.specFor(\'test\'))');
  });

  test('takes the connection of the spec\'s target, in the environment\'s account and Region', () => {
    const connectionArn = 'arn:aws:codestar-connections:us-east-1:210987654321:connection/11111111-2222-4333-8444-555555555555';
    const { stack, spec } = pipelineFixture({ target: { account: '210987654321', region: 'us-east-1', connectionArn } });

    expect(spec.target.connectionArn).toBe(connectionArn);
    expect([stack.account, stack.region]).toEqual(['210987654321', 'us-east-1']);
    Template.fromStack(stack).hasResourceProperties('AWS::CodePipeline::Pipeline', {
      Stages: Match.arrayWith([Match.objectLike({
        Name: 'Source',
        Actions: [Match.objectLike({
          Configuration: Match.objectLike({
            ConnectionArn: connectionArn,
          }),
        })],
      })]),
    });
  });

  test.each([
    ['a glob', 'feature/*'],
    ['empty', ''],
    ['a lock file', 'main.lock'],
  ])('refuses a default branch that is %s', (_what, defaultBranch) => {
    expect(rejection({ props: () => ({ defaultBranch }) })).toContain('defaultBranch must be a git branch name (letters, digits, '
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
      props: () => ({ spec: serviceSpec({}, EnvironmentProfile.PROD), defaultBranch: 'a b', taskDefinitionRoles: [], buildspecOptions: { runtimeVersion: 'lts' } }),
    });

    expect(message).toMatch(/^Fixture\/Pipeline: 4 problems:\n/);
    expect(message.split('\n').slice(1).map((line) => line.replace(/ (must|is) .*/, ''))).toEqual([
      '  - spec', '  - defaultBranch', '  - runtimeVersion', '  - taskDefinitionRoles',
    ]);
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
      minHealthyPercent: 100,
      circuitBreaker: { enable: true, rollback: true },
      deploymentController: { type: ecs.DeploymentControllerType.CODE_DEPLOY },
    }, /must use the ECS deployment controller \(rolling update\).*; got CODE_DEPLOY/],
  ])('refuses at synth a service with %s', (_what, settings, message) => {
    const { stack } = pipelineFixture({ props: (s, environment) => ({ service: service(s, environment, settings as any) }) });

    expect(() => Template.fromStack(stack)).toThrow(message);
  });
});
