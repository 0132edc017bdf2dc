import { FargateSizes } from '@fargate-platform/service-model';
import * as fc from 'fast-check';
import { SEED, serviceInEnvironment } from './generators';
import { FARGATE_TASK_SIZES, fargateRuns, RUNTIME_EXPECTATIONS } from './oracles';
import { containerOf, deliveryOf, only, resources, runtimeOf } from './synth';
import { ServiceFields } from '../../helpers/service-spec';

/** Every secret the description declares, the service's own and the shared ones: variable name to the reference as written. */
function writtenSecrets(service: ServiceFields): { [name: string]: string } {
  return { ...service.secrets, ...service.sharedSecrets };
}

/** The Secrets Manager references a description asks for: variable name to the valueFrom ECS receives. */
function expectedSecretValues(secrets: { [name: string]: string }): Array<[string, string]> {
  return Object.entries(secrets).map(([name, arn]) => [name, arn]);
}

/** The complete ARN part of a spec's secret reference (without JSON key and version). */
function secretArnOf(reference: string): string {
  return reference.split(':').slice(0, 7).join(':');
}

describe('task definition properties', () => {
  // Property 2: Runtime configuration support (expectations written in oracles.ts, not read from RuntimeDefaults)
  test('the container gets its runtime\'s health check, defaults, user and writable paths', () => {
    fc.assert(fc.property(serviceInEnvironment, ({ service, spec, profile }) => {
      const runtime = runtimeOf(spec, profile).template;
      const expected = RUNTIME_EXPECTATIONS[service.runtime];
      const container = containerOf(runtime);
      const [shell, probe] = container.HealthCheck.Command;
      expect(shell).toBe('CMD-SHELL');
      expect(probe).toMatch(expected.probe);
      expect(probe).toContain(`http://localhost:${service.containerPort}${service.healthCheckPath ?? '/health'}`);
      expect(container.User).toBe(expected.user);
      expect(container.ReadonlyRootFilesystem).toBe(true);
      expect(container.MountPoints.map((m: any) => m.ContainerPath)).toEqual(['/tmp']);
      // each runtime default reaches the container as a parameter holding its value (a config entry of the same name wins)
      const parameters = new Map(resources(runtime, 'AWS::SSM::Parameter').map(([, p]) => [p.Properties.Name, p.Properties.Value]));
      for (const [name, value] of Object.entries(expected.variables)) {
        expect(parameters.get(`/fargate-platform/${profile.name}/services/${service.name}/config/${name}`)).toBe(service.config?.[name] ?? value);
        expect(container.Secrets.map((s: any) => s.Name)).toContain(name);
      }
    }), { seed: SEED });
  });

  // Property 22: Task resource limits (the allowed sizes written in oracles.ts from the ECS documentation, not read from FargateSizes)
  test('cpu and memory are the spec\'s, and a pair Fargate runs', () => {
    fc.assert(fc.property(serviceInEnvironment, ({ service, spec, profile }) => {
      const task = only(runtimeOf(spec, profile).template, 'AWS::ECS::TaskDefinition');
      expect([task.Cpu, task.Memory]).toEqual([String(service.cpu), String(service.memoryLimitMiB)]);
      expect(fargateRuns(Number(task.Cpu), Number(task.Memory))).toBe(true);
      expect(task.ContainerDefinitions[0].Memory).toBe(service.memoryLimitMiB);
    }), { seed: SEED });
  });

  // Property 22, the other half: the model accepts exactly the sizes Fargate runs
  test('the service model accepts every size Fargate runs and refuses every other pair of a Fargate CPU and a memory of its range', () => {
    const memories = [...new Set(FARGATE_TASK_SIZES.flatMap((size) => size.memory))];
    for (const { cpu } of FARGATE_TASK_SIZES) {
      for (const memory of memories) {
        expect([cpu, memory, FargateSizes.isValid(cpu, memory)]).toEqual([cpu, memory, fargateRuns(cpu, memory)]);
      }
    }
  });

  // Property 26: Secrets injection
  test('every secret of the spec, its own and the shared ones, is in the container\'s secrets, valueFrom its ARN (with JSON key and version)', () => {
    fc.assert(fc.property(serviceInEnvironment, ({ service, spec, profile }) => {
      const container = containerOf(runtimeOf(spec, profile).template);
      const injected = container.Secrets.filter((s: any) => typeof s.ValueFrom === 'string').map((s: any) => [s.Name, s.ValueFrom]);
      expect(injected).toEqual(expect.arrayContaining(expectedSecretValues(writtenSecrets(service))));
      expect(injected).toHaveLength(Object.keys(writtenSecrets(service)).length);
    }), { seed: SEED });
  });

  // Property 28: awsvpc network mode
  test('every task definition uses awsvpc on Fargate', () => {
    fc.assert(fc.property(serviceInEnvironment, ({ spec, profile }) => {
      const task = only(runtimeOf(spec, profile).template, 'AWS::ECS::TaskDefinition');
      expect(task.NetworkMode).toBe('awsvpc');
      expect(task.RequiresCompatibilities).toEqual(['FARGATE']);
    }), { seed: SEED });
  });

  // Property 29: Service-specific log groups
  test('the container logs to its own group /ecs/{environment}/{service}', () => {
    // The design's /ecs/{service} cannot hold when environments share an account; the name stays unique per
    // service and environment because neither name may contain a slash.
    fc.assert(fc.property(serviceInEnvironment, ({ service, spec, profile }) => {
      const runtime = runtimeOf(spec, profile).template;
      const [[logicalId, logGroup]] = resources(runtime, 'AWS::Logs::LogGroup');
      expect(logGroup.Properties.LogGroupName).toBe(`/ecs/${profile.name}/${service.name}`);
      expect(containerOf(runtime).LogConfiguration).toEqual({
        LogDriver: 'awslogs',
        Options: { 'awslogs-group': { Ref: logicalId }, 'awslogs-stream-prefix': 'ecs', 'awslogs-region': spec.target.region },
      });
    }), { seed: SEED });
  });

  // Property 43: Task role secret access
  test('the task role may GetSecretValue on exactly the spec\'s secrets (its own and the shared ones), and has no policy without them', () => {
    fc.assert(fc.property(serviceInEnvironment, ({ service, spec, profile }) => {
      const runtime = runtimeOf(spec, profile).template;
      const taskRole = resources(runtime, 'AWS::IAM::Role').find(([, r]) => r.Properties.RoleName === `${service.name}-${profile.name}-task`)![0];
      const statements = resources(runtime, 'AWS::IAM::ManagedPolicy')
        .filter(([, p]) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: taskRole }]))
        .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
      resources(runtime, 'AWS::IAM::Policy').forEach(([, p]) => expect(JSON.stringify(p.Properties.Roles)).not.toContain(taskRole));
      const arns = [...new Set(Object.values(writtenSecrets(service)).map(secretArnOf))].sort();
      if (arns.length === 0) {
        expect(statements).toEqual([]);
        return;
      }
      const reads = statements.filter((s: any) => JSON.stringify(s.Action).includes('secretsmanager:'));
      expect(reads.map((s: any) => s.Action)).toEqual(['secretsmanager:GetSecretValue']);
      expect([reads[0].Resource].flat().sort()).toEqual(arns);
    }), { seed: SEED });
  });

  // Property 44: Secrets in task definition
  test('secrets travel in the secrets array with valueFrom, and nothing travels as a plain environment variable', () => {
    fc.assert(fc.property(serviceInEnvironment, ({ service, spec, profile }) => {
      const container = containerOf(runtimeOf(spec, profile).template);
      expect(container.Environment).toBeUndefined();
      expect(container.EnvironmentFiles).toBeUndefined();
      for (const name of [...Object.keys(writtenSecrets(service)), ...Object.keys(service.config ?? {}), 'KAFKA_BROKERS']) {
        expect(container.Secrets).toContainEqual({ Name: name, ValueFrom: expect.anything() });
      }
    }), { seed: SEED });
  });

  // Property 45: Secret rotation configuration
  test('every secret the constructs create rotates; they create none: teams own their secrets and rotation', () => {
    // Services reference team-owned secrets by complete ARN and never a version id unless asked, so a rotated
    // secret's AWSCURRENT value reaches every task started after the rotation.
    fc.assert(fc.property(serviceInEnvironment, ({ spec, profile }) => {
      const [delivery, runtime] = [deliveryOf(spec, profile).template, runtimeOf(spec, profile).template];
      for (const template of [delivery, runtime]) {
        const created = resources(template, 'AWS::SecretsManager::Secret').map(([id]) => id);
        const rotated = resources(template, 'AWS::SecretsManager::RotationSchedule').map(([, r]) => r.Properties.SecretId.Ref);
        expect(created.filter((id) => !rotated.includes(id))).toEqual([]);
        expect(created).toEqual([]);
      }
    }), { seed: SEED });
  });
});
