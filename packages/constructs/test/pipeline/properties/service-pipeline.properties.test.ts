import { execFileSync } from 'child_process';
import { ServiceRuntime } from '@fargate-platform/service-model';
import { App } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import { EnvironmentProfile } from '../../../src';
import { pipelineFixture } from '../pipeline-fixture';

// ---------------------------------------------------------------------------------------
// Generators: a fleet of 1-3 services (DNS-safe names of 3-32 characters, both runtimes,
// Bitbucket repositories) deployed to one of the four standard environments through a valid
// CodeConnections connection ARN (both service prefixes) of the environment's account and
// Region, where its stacks are. Each service is parsed by the service model. One seed for the
// whole file: every property sees the same 100 fleets, and each fleet is synthesized once.
// ---------------------------------------------------------------------------------------
const SEED = 20261205;

const serviceName = fc.stringMatching(/^[a-z][a-z0-9-]{1,30}[a-z0-9]$/).filter((name) => !name.includes('--'));
const runtime = fc.constantFrom(ServiceRuntime.NODEJS, ServiceRuntime.PYTHON);
const environment = fc.constantFrom(...EnvironmentProfile.STANDARD.map((p) => p.name));
const sourceRepository = fc.tuple(fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,20}$/), fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,30}$/))
  .map(([workspace, repo]) => `${workspace}/${repo}`)
  .filter((r) => !r.endsWith('.git'));
const connectionArn = fc.record({
  service: fc.constantFrom('codeconnections', 'codestar-connections'),
  region: fc.constantFrom('eu-west-1', 'eu-central-1', 'us-east-1', 'ap-southeast-2'),
  account: fc.stringMatching(/^\d{12}$/),
  id: fc.uuid(),
}).map((c) => `arn:aws:${c.service}:${c.region}:${c.account}:connection/${c.id}`);

const fleet = fc.record({
  environment,
  connectionArn,
  services: fc.uniqueArray(fc.record({ name: serviceName, runtime, sourceRepository }), { minLength: 1, maxLength: 3, selector: (s) => s.name }),
});
type Fleet = typeof fleet extends fc.Arbitrary<infer T> ? T : never;

// ---------------------------------------------------------------------------------------
// Synthesis, memoized by the generated input: one app per fleet, one stack per service.
// ---------------------------------------------------------------------------------------
interface Synthesized {
  readonly name: string;
  readonly template: any;
  /** Properties of the stack's only AWS::CodePipeline::Pipeline. */
  readonly pipeline: any;
  readonly pipelines: number;
  readonly stage: (name: string) => any;
}

const synthesized = new Map<string, Synthesized[]>();

function synthesize(input: Fleet): Synthesized[] {
  const key = JSON.stringify(input);
  const cached = synthesized.get(key);
  if (cached) {
    return cached;
  }
  const app = new App();
  const profile = EnvironmentProfile.of(input.environment);
  const stacks = input.services.map((s) => pipelineFixture({
    app,
    profile,
    spec: { name: s.name, runtime: s.runtime, sourceRepository: s.sourceRepository },
    // the environment's account and Region are the connection's
    target: { account: input.connectionArn.split(':')[4], region: input.connectionArn.split(':')[3], connectionArn: input.connectionArn },
  }).stack);
  const assembly = app.synth();
  const result = stacks.map((stack, i) => {
    const template = assembly.getStackArtifact(stack.artifactId).template;
    const pipelines = Object.values<any>(template.Resources).filter((r) => r.Type === 'AWS::CodePipeline::Pipeline');
    const pipeline = pipelines[0]?.Properties;
    return {
      name: input.services[i].name,
      template,
      pipeline,
      pipelines: pipelines.length,
      stage: (name: string) => pipeline.Stages.find((st: any) => st.Name === name),
    };
  });
  synthesized.set(key, result);
  return result;
}

/** Check a property of every pipeline of every generated fleet. */
function forEveryPipeline(check: (input: Fleet, service: Fleet['services'][number], synth: Synthesized) => void): void {
  fc.assert(fc.property(fleet, (input) => {
    synthesize(input).forEach((synth, i) => check(input, input.services[i], synth));
  }), { seed: SEED });
}

// Template helpers
const resourceOf = (template: any, ref: any): any => template.Resources[ref?.Ref ?? ref?.['Fn::GetAtt']?.[0]];
const ofType = (template: any, type: string): any[] => Object.values<any>(template.Resources).filter((r) => r.Type === type);
const buildProject = (synth: Synthesized): any => resourceOf(synth.template, synth.stage('Build').Actions[0].Configuration.ProjectName);
const buildspecOf = (synth: Synthesized): any => JSON.parse(buildProject(synth).Properties.Source.BuildSpec);
const variablesOf = (project: any): Record<string, string> =>
  Object.fromEntries(project.Properties.Environment.EnvironmentVariables.map((v: any) => [v.Name, v.Value]));

const COMMIT_SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

describe('ServicePipeline properties', () => {
  // Property 12: CodeConnections authentication
  test('every source stage uses the CodeConnections provider with the Bitbucket connection ARN', () => {
    forEveryPipeline((input, service, synth) => {
      const actions = synth.stage('Source').Actions;
      expect(actions).toHaveLength(1);
      expect(actions[0].ActionTypeId).toEqual({ Category: 'Source', Owner: 'AWS', Provider: 'CodeStarSourceConnection', Version: '1' });
      expect(actions[0].Configuration).toEqual(expect.objectContaining({
        ConnectionArn: input.connectionArn,
        FullRepositoryId: service.sourceRepository,
      }));
      // The source role may use exactly that connection, under the ARN's own service prefix.
      const prefix = input.connectionArn.split(':')[2];
      const policy = ofType(synth.template, 'AWS::IAM::ManagedPolicy')
        .find((p) => p.Properties.Roles[0].Ref === actions[0].RoleArn['Fn::GetAtt'][0]);
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(expect.objectContaining({
        Action: expect.arrayContaining([`${prefix}:UseConnection`]), Resource: input.connectionArn,
      }));
    });
  });

  // Property 13: CodeBuild integration
  test('every build stage uses the CodeBuild provider with a valid project of the pipeline', () => {
    forEveryPipeline((input, service, synth) => {
      const actions = synth.stage('Build').Actions;
      expect(actions).toHaveLength(1);
      expect(actions[0].ActionTypeId).toEqual({ Category: 'Build', Owner: 'AWS', Provider: 'CodeBuild', Version: '1' });
      const project = buildProject(synth);
      expect(project.Type).toBe('AWS::CodeBuild::Project');
      expect(project.Properties.Name).toBe(`${service.name}-${input.environment}-build`);
      expect(project.Properties.Name).toMatch(/^[A-Za-z0-9][A-Za-z0-9\-_]{1,254}$/);
      expect(project.Properties.Source.Type).toBe('CODEPIPELINE');
      expect(project.Properties.Environment).toEqual(expect.objectContaining({ Image: 'aws/codebuild/standard:7.0', PrivilegedMode: true }));
    });
  });

  // Property 14: Multi-tag image pushing
  test('every buildspec tags and pushes the commit SHA and environment tags in post_build, and no moving tag', () => {
    forEveryPipeline((_input, _service, synth) => {
      const postBuild: string[] = buildspecOf(synth).phases.post_build.commands;
      for (const tag of ['$IMAGE_TAG', '$ENVIRONMENT_TAG']) {
        expect(postBuild).toContain(`docker tag "$CONTAINER_NAME:$IMAGE_TAG" "$ECR_REPOSITORY_URL:${tag}"`);
      }
      expect(postBuild.filter((c) => c.startsWith('docker tag '))).toHaveLength(2);
      expect(postBuild).toContain('push_once "$IMAGE_TAG"');
      expect(postBuild).toContain('push_once "$ENVIRONMENT_TAG"');
      expect(postBuild.find((c) => c.startsWith('push_once()'))).toMatch(/docker push "\$ECR_REPOSITORY_URL:\$1"/);
      // the repository's tags are immutable: `latest` is neither tagged nor pushed
      expect(postBuild.join('\n')).not.toMatch(/latest/);
      expect(postBuild.filter((c) => /docker push/.test(c))).toEqual([postBuild.find((c) => c.startsWith('push_once()'))]);
    });
  });

  // Property 15: Pipeline per service
  test('every service of a fleet has exactly one pipeline, each with a distinct name', () => {
    fc.assert(fc.property(fleet, (input) => {
      const synths = synthesize(input);
      synths.forEach((synth) => expect(synth.pipelines).toBe(1));
      const names = synths.map((synth) => synth.pipeline.Name);
      expect(names).toEqual(input.services.map((s) => `${s.name}-${input.environment}`));
      expect(new Set(names).size).toBe(input.services.length);
    }), { seed: SEED });
  });

  // Property 16: Zero-downtime deployment configuration
  // The service is imported (its runtime stack owns the deployment settings: minimum healthy
  // 100%, maximum 200%, circuit breaker with rollback; a service construct passed in is checked
  // for them at synth, see pipeline-validation.test.ts). What the pipeline controls is asserted
  // here: the ECS standard (rolling) deploy action targets that service in the environment's
  // cluster with the 15-minute timeout, the deployed tag is recorded only after it succeeds (the
  // first image, which the runtime stack is created with, before the first deployment),
  // and the pipeline stack declares no service, task definition or CodeDeploy deployment that
  // could override the service's own rolling-update settings.
  test('every deploy stage rolls the service with its own deployment settings, within 15 minutes', () => {
    forEveryPipeline((_input, service, synth) => {
      const actions: any[] = synth.stage('Deploy').Actions;
      expect(actions.map((a) => a.Name)).toEqual(['RecordFirstImage', 'Deploy', 'RecordImageTag']);
      const [first, deploy, record] = actions;
      expect(deploy.ActionTypeId).toEqual({ Category: 'Deploy', Owner: 'AWS', Provider: 'ECS', Version: '1' });
      expect(deploy.Configuration).toEqual({
        ClusterName: { Ref: expect.stringMatching(/clustername/) },
        ServiceName: service.name,
        FileName: 'imagedefinitions.json',
        DeploymentTimeout: 15,
      });
      // the first image is recorded before the deployment (only while the parameter holds bootstrap), the deployed tag after it
      expect(first.RunOrder).toBeLessThan(deploy.RunOrder);
      expect(record.RunOrder).toBeGreaterThan(deploy.RunOrder);
      expect(JSON.parse(first.Configuration.EnvironmentVariables)).toContainEqual({ name: 'RECORD_MODE', type: 'PLAINTEXT', value: 'first' });
      expect(JSON.parse(record.Configuration.EnvironmentVariables)).toContainEqual({ name: 'RECORD_MODE', type: 'PLAINTEXT', value: 'deployed' });
      for (const type of ['AWS::ECS::Service', 'AWS::ECS::TaskDefinition', 'AWS::CodeDeploy::DeploymentGroup', 'AWS::CodeDeploy::Application']) {
        expect(ofType(synth.template, type)).toEqual([]);
      }
    });
  });

  // Property 32: Pipeline notifications
  test('every pipeline sends its events to the environment\'s pipeline topic', () => {
    forEveryPipeline((input, _service, synth) => {
      const rules = ofType(synth.template, 'AWS::CodeStarNotifications::NotificationRule');
      expect(rules).toHaveLength(1);
      const rule = rules[0].Properties;
      const pipelineId = Object.entries<any>(synth.template.Resources).find(([, r]) => r.Type === 'AWS::CodePipeline::Pipeline')![0];
      expect(JSON.stringify(rule.Resource)).toContain(pipelineId);
      expect(rule.Targets).toEqual([{ TargetType: 'SNS', TargetAddress: { Ref: expect.stringMatching(new RegExp(`${input.environment}pipelinetopicarn`)) } }]);
      expect(rule.EventTypeIds).toEqual(expect.arrayContaining([
        'codepipeline-pipeline-pipeline-execution-started',
        'codepipeline-pipeline-pipeline-execution-succeeded',
        'codepipeline-pipeline-pipeline-execution-failed',
      ]));
      expect(rule.EventTypeIds.includes('codepipeline-pipeline-manual-approval-needed')).toBe(EnvironmentProfile.of(input.environment).requireApproval);
    });
  });

  // Property 48: Environment-tagged images
  test('every buildspec tags the image with the environment\'s name', () => {
    forEveryPipeline((input, _service, synth) => {
      const project = buildProject(synth);
      expect(variablesOf(project).ENVIRONMENT).toBe(input.environment);
      // Evaluate the tag the way CodeBuild does, with the project's ENVIRONMENT and a commit SHA.
      const definition = buildspecOf(synth).phases.pre_build.commands.find((c: string) => c.startsWith('ENVIRONMENT_TAG='));
      const tag = execFileSync('bash', ['--noprofile', '--norc', '-c', `${definition}; printf %s "$ENVIRONMENT_TAG"`], {
        env: { PATH: process.env.PATH, ENVIRONMENT: variablesOf(project).ENVIRONMENT, IMAGE_TAG: COMMIT_SHA },
        stdio: ['ignore', 'pipe', 'pipe'],
      }).toString();
      expect(tag).toBe(`${input.environment}-${COMMIT_SHA}`);
    });
  });
});
