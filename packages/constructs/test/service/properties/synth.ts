import { ServiceSpec } from '@fargate-platform/service-model';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { EnvironmentContract, EnvironmentProfile, PlatformService, ServiceRepository } from '../../../src';

/** What a property reads from a synthesized runtime stack: its template and the service's attributes, resolved. */
export interface SynthesizedRuntime {
  readonly template: any;
  readonly attributes: { [name: string]: any };
  readonly capacity: { desiredCount: number; minCapacity: number; maxCapacity: number };
}

/** What a property reads from a synthesized delivery stack. */
export interface SynthesizedDelivery {
  readonly template: any;
  readonly repositoryUri: any;
}

/**
 * Templates of this test file, by input: each generated configuration is synthesized once and
 * read by every property of the file (they share one seed).
 */
const memo = new Map<string, any>();

function memoized<T>(key: unknown, build: () => T): T {
  const k = JSON.stringify(key);
  if (!memo.has(k)) {
    memo.set(k, build());
  }
  return memo.get(k);
}

/**
 * The template of a stack. The cyclic-dependency check is left to the unit tests: here it would
 * double the cost of each of the hundreds of syntheses.
 */
function templateOf(stack: Stack): any {
  return Template.fromStack(stack, { skipCyclicalDependenciesCheck: true }).toJSON();
}

/** The account and Region of the environment a spec is for: where its stacks are deployed. */
function envOf(spec: ServiceSpec): { account: string; region: string } {
  return { account: spec.target.account, region: spec.target.region };
}

/** The runtime stack of a service as the fleet deploys it: a `PlatformService` on the imported environment, in the spec's account and Region. */
export function runtimeOf(spec: ServiceSpec, profile: EnvironmentProfile): SynthesizedRuntime {
  return memoized({ stack: 'runtime', spec, profile: profile.name }, () => {
    const stack = new Stack(new App({ treeMetadata: false }), 'Runtime', { env: envOf(spec) });
    const service = new PlatformService(stack, 'Service', { environment: EnvironmentContract.import(stack, 'Env', profile), spec });
    return {
      template: templateOf(stack),
      attributes: {
        serviceArn: stack.resolve(service.serviceArn),
        serviceName: stack.resolve(service.serviceName),
        repositoryUri: stack.resolve(service.repositoryUri),
        taskRoleArn: stack.resolve(service.taskRoleArn),
        securityGroupId: stack.resolve(service.securityGroupId),
      },
      capacity: { desiredCount: service.desiredCount, minCapacity: service.minCapacity, maxCapacity: service.maxCapacity },
    };
  });
}

/** The delivery stack of a service: its `ServiceRepository` on the imported environment, in the spec's account and Region. */
export function deliveryOf(spec: ServiceSpec, profile: EnvironmentProfile): SynthesizedDelivery {
  return memoized({ stack: 'delivery', spec, profile: profile.name }, () => {
    const stack = new Stack(new App({ treeMetadata: false }), 'Delivery', { env: envOf(spec) });
    const repository = new ServiceRepository(stack, 'Repository', {
      environment: EnvironmentContract.import(stack, 'Env', profile), serviceName: spec.name,
    });
    return { template: templateOf(stack), repositoryUri: stack.resolve(repository.repositoryUri) };
  });
}

/** The resources of one type in a template, as [logicalId, resource] pairs. */
export function resources(template: any, type: string): Array<[string, any]> {
  return Object.entries(template.Resources ?? {}).filter(([, r]: [string, any]) => r.Type === type) as Array<[string, any]>;
}

/** The properties of the only resource of a type; fails when there is not exactly one. */
export function only(template: any, type: string): any {
  const found = resources(template, type);
  if (found.length !== 1) {
    throw new Error(`expected exactly one ${type}, found ${found.length}`);
  }
  return found[0][1].Properties;
}

/** The service's container definition. */
export function containerOf(template: any): any {
  return only(template, 'AWS::ECS::TaskDefinition').ContainerDefinitions[0];
}

/** The logical id prefix of the template parameter through which an imported environment reads a contract entry. */
export function contractParameter(environment: string, entry: string): string {
  return `SsmParameterValuefargateplatform${environment}${entry.replace(/[-/]/g, '')}`;
}
