import { CfnResource, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { NagRuleCompliance } from 'cdk-nag';
import { NO_PLAIN_ENVIRONMENT } from '../../../src/compliance/platform-rules/no-plain-environment';

function taskDefinition(configure: (stack: Stack, task: ecs.FargateTaskDefinition) => void): CfnResource {
  const stack = new Stack();
  const task = new ecs.FargateTaskDefinition(stack, 'Task');
  configure(stack, task);
  return task.node.defaultChild as CfnResource;
}

describe('Platform-NoPlainEnvironment', () => {
  test('compliant when configuration arrives through secrets', () => {
    const resource = taskDefinition((stack, task) => task.addContainer('app', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/node:22'),
      secrets: { LOG_LEVEL: ecs.Secret.fromSsmParameter(ssm.StringParameter.fromStringParameterName(stack, 'P', '/orders/LOG_LEVEL')) },
    }));

    expect(NO_PLAIN_ENVIRONMENT.check(resource)).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('names each container with plain environment variables', () => {
    const resource = taskDefinition((_stack, task) => {
      task.addContainer('app', { image: ecs.ContainerImage.fromRegistry('node:22'), environment: { LOG_LEVEL: 'debug' } });
      task.addContainer('sidecar', { image: ecs.ContainerImage.fromRegistry('busybox'), memoryLimitMiB: 64 });
    });

    expect(NO_PLAIN_ENVIRONMENT.check(resource)).toEqual(['app']);
  });

  test('flags environment files too', () => {
    const resource = taskDefinition((_stack, task) => task.addContainer('app', {
      image: ecs.ContainerImage.fromRegistry('node:22'),
      environmentFiles: [ecs.EnvironmentFile.fromBucket({ bucketName: 'config' } as any, 'app.env')],
    }));

    expect(NO_PLAIN_ENVIRONMENT.check(resource)).toEqual(['app']);
  });

  test('does not apply to other resources', () => {
    const stack = new Stack();
    const parameter = new ssm.StringParameter(stack, 'P', { stringValue: 'x' });
    expect(NO_PLAIN_ENVIRONMENT.check(parameter.node.defaultChild as CfnResource)).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});
