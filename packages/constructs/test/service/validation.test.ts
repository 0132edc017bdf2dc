import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { EnvironmentContract, EnvironmentProfile, PlatformService, ServiceKind, ServiceRepository, ServiceRuntime, ServiceSpec } from '../../src';
import { internalSpec, publicSpec, SECRET_ARN, TEST_ENV } from './fixtures';

/** Build the service in a fresh runtime stack and return what it throws. */
function rejection(spec: ServiceSpec): string {
  const stack = new Stack(new App(), 'Runtime', { env: TEST_ENV });
  const environment = EnvironmentContract.import(stack, 'Env', EnvironmentProfile.DEVELOP);
  try {
    new PlatformService(stack, 'Service', { environment, spec });
  } catch (e) {
    expect((e as Error).name).toBe('PlatformError');
    return (e as Error).message;
  }
  throw new Error('the spec was accepted');
}

/** Each rejected input: the spec, and what the message must say (field, value received, what is allowed). */
const REJECTED: Array<[string, ServiceSpec, RegExp[]]> = [
  ['a name shorter than 3 characters', publicSpec({ name: 'ab' }), [/name must be a DNS label of 3-32/, /got 'ab'/]],
  ['a name longer than 32 characters', publicSpec({ name: 'a'.repeat(33) }), [/name must be a DNS label of 3-32/, /got 'a{33}'/]],
  ['a name that is not a DNS label', publicSpec({ name: 'Orders_Svc' }), [/name must be a DNS label .*lowercase letters, digits and single hyphens/, /got 'Orders_Svc'/]],
  ['a name with consecutive hyphens (refused by ECR)', publicSpec({ name: 'order--svc' }), [/name must be a DNS label .*single hyphens/, /got 'order--svc'/]],
  ['an unknown kind', publicSpec({ kind: 'external' as ServiceKind }), [/kind must be one of public, internal/, /got 'external'/]],
  ['an unknown runtime', publicSpec({ runtime: 'java' as ServiceRuntime }), [/runtime must be one of nodejs, python/, /got 'java'/]],
  ['a CPU value Fargate does not offer', publicSpec({ cpu: 300 }), [/cpu must be one of 256, 512, 1024, 2048, 4096, 8192, 16384/, /got 300/]],
  ['a memory value that does not pair with the CPU', publicSpec({ cpu: 256, memoryLimitMiB: 4096 }),
    [/memoryLimitMiB must be a valid Fargate pair with cpu 256: 512, 1024, 2048/, /got 4096/]],
  ['a memory value off the CPU\'s step', publicSpec({ cpu: 8192, memoryLimitMiB: 20000 }),
    [/memoryLimitMiB must be a valid Fargate pair with cpu 8192: 16384-61440 in steps of 4096/, /got 20000/]],
  ['a port below 1024', publicSpec({ containerPort: 80 }), [/containerPort must be an integer from 1024 to 65535/, /got 80/]],
  ['a port above 65535', publicSpec({ containerPort: 70000 }), [/containerPort must be an integer from 1024 to 65535/, /got 70000/]],
  ['a desired count of 0', publicSpec({ desiredCount: 0 }), [/desiredCount must be an integer from 1 to 10/, /got 0/]],
  ['a desired count above 10', publicSpec({ desiredCount: 11 }), [/desiredCount must be an integer from 1 to 10/, /got 11/]],
  ['a minimum above the maximum', publicSpec({ desiredCount: 3, minCapacity: 4, maxCapacity: 2 }),
    [/minCapacity must not exceed maxCapacity/, /got minCapacity 4 and maxCapacity 2/]],
  ['a desired count below the minimum', publicSpec({ desiredCount: 1, minCapacity: 2, maxCapacity: 4 }),
    [/desiredCount must be within minCapacity..maxCapacity \(2..4\)/, /got 1/]],
  ['a desired count above the maximum', publicSpec({ desiredCount: 5, maxCapacity: 4 }),
    [/desiredCount must be within minCapacity..maxCapacity \(5..4\)/, /got 5/]],
  ['a public service without a route', publicSpec({ route: undefined }), [/route is required for a public service \(kind 'public'\)/, /got none/]],
  ['an internal service with a route', internalSpec({ route: { pathPattern: '/billing/*', priority: 7 } }),
    [/route must be omitted for an internal service \(kind 'internal'\)/, /got path pattern '\/billing\/\*'/]],
  ['a route priority of 0', publicSpec({ route: { pathPattern: '/orders/*', priority: 0 } }), [/route.priority must be an integer from 1 to 50000/, /got 0/]],
  ['a route priority above 50000', publicSpec({ route: { pathPattern: '/orders/*', priority: 50001 } }),
    [/route.priority must be an integer from 1 to 50000/, /got 50001/]],
  ['a negative load balancer', publicSpec({ route: { pathPattern: '/orders/*', priority: 10, loadBalancer: -1 } }),
    [/route.loadBalancer must be an integer from 0 to 39 \(the environment's load balancers, counted from 0\)/, /got -1/]],
  ['a load balancer beyond the 40 an environment may have', publicSpec({ route: { pathPattern: '/orders/*', priority: 10, loadBalancer: 40 } }),
    [/route.loadBalancer must be an integer from 0 to 39/, /got 40/]],
  ['a path pattern without a leading slash', publicSpec({ route: { pathPattern: 'orders/*', priority: 1 } }),
    [/route.pathPattern must start with '\/' and be at most 128 characters/, /got 'orders\/\*'/]],
  ['a path pattern longer than 128 characters', publicSpec({ route: { pathPattern: `/${'a'.repeat(128)}`, priority: 1 } }),
    [/route.pathPattern must start with '\/' and be at most 128 characters/, /got '\/a{128}'/]],
  ['a host header that is not a host name', publicSpec({ route: { pathPattern: '/orders/*', priority: 1, hostHeader: 'api example.com' } }),
    [/route.hostHeader must be a host name/, /got 'api example.com'/]],
  ['a malformed secret ARN', publicSpec({ secrets: { DB_PASSWORD: 'arn:aws:s3:::bucket/key' } }),
    [/secrets.DB_PASSWORD must be the complete ARN of a Secrets Manager secret/, /got 'arn:aws:s3:::bucket\/key'/]],
  ['a partial secret ARN (no six-character suffix)', publicSpec({ secrets: { DB_PASSWORD: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:db' } }),
    [/secrets.DB_PASSWORD must be the complete ARN .*\{name\}-\{6 characters\}/, /got 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:db'/]],
  ['a secret with both a version stage and a version id', publicSpec({ secrets: { DB_PASSWORD: `${SECRET_ARN}:password:AWSCURRENT:0c7c0e0a-1111-2222-3333-444455556666` } }),
    [/secrets.DB_PASSWORD .*with a stage or an id, not both/]],
  ['a lower-case secret variable name', publicSpec({ secrets: { dbPassword: SECRET_ARN } }),
    [/secrets variable names must match \[A-Z_\]\[A-Z0-9_\]\*/, /got 'dbPassword'/]],
  ['a config variable name with a hyphen', publicSpec({ config: { 'LOG-LEVEL': 'info' } }),
    [/config variable names must match \[A-Z_\]\[A-Z0-9_\]\*/, /got 'LOG-LEVEL'/]],
  ['a config variable the platform sets', publicSpec({ config: { KAFKA_BROKERS: 'localhost:9092' } }),
    [/config variable names must not be KAFKA_BROKERS .* or start with AWS_ or ECS_/, /got 'KAFKA_BROKERS'/]],
  ['an empty config value', publicSpec({ config: { LOG_LEVEL: '' } }),
    [/config.LOG_LEVEL must be a non-empty string of at most 4096 characters/, /got ''/]],
  ['a variable in both config and secrets', publicSpec({ config: { DB_PASSWORD: 'x' }, secrets: { DB_PASSWORD: SECRET_ARN } }),
    [/a variable must be either config or secrets, not both/, /got 'DB_PASSWORD' in both/]],
  ['a health check path without a leading slash', publicSpec({ healthCheckPath: 'health' }),
    [/healthCheckPath must start with '\/' and hold only letters, digits and \. _ ~ \/ -/, /got 'health'/]],
  ['a health check path with shell characters', publicSpec({ healthCheckPath: '/health;reboot' }),
    [/healthCheckPath must start with '\/'/, /got '\/health;reboot'/]],
];

describe('PlatformService validation', () => {
  test.each(REJECTED)('rejects %s at synth time, naming field, value and what is allowed', (_case, spec, expected) => {
    // WHEN the service is built
    const message = rejection(spec);

    // THEN the message names the construct, the field, the value received and the allowed values
    expect(message).toMatch(/^Runtime\/Service: /);
    for (const pattern of expected) {
      expect(message).toMatch(pattern);
    }
  });

  test('collects every problem of a spec and throws once, listing all of them', () => {
    const message = rejection(publicSpec({ name: 'X', cpu: 300, containerPort: 22, route: undefined }));

    expect(message).toMatch(/^Runtime\/Service: 4 problems:/);
    expect(message).toMatch(/- name must be a DNS label/);
    expect(message).toMatch(/- cpu must be one of/);
    expect(message).toMatch(/- containerPort must be an integer/);
    expect(message).toMatch(/- route is required for a public service/);
  });

  test('skips values that are unresolved tokens', () => {
    // GIVEN a port and a priority known only at deploy time
    const stack = new Stack(new App(), 'Runtime', { env: TEST_ENV });
    const environment = EnvironmentContract.import(stack, 'Env', EnvironmentProfile.DEVELOP);
    const port = new CfnParameter(stack, 'Port', { type: 'Number' }).valueAsNumber;
    const priority = new CfnParameter(stack, 'Priority', { type: 'Number' }).valueAsNumber;

    // THEN they are not checked at synth time
    expect(() => new PlatformService(stack, 'Service', {
      environment,
      spec: publicSpec({ containerPort: port, route: { pathPattern: '/orders/*', priority } }),
    })).not.toThrow();
  });

  test('the repository of the delivery stack refuses the same specs', () => {
    const stack = new Stack(new App(), 'Delivery', { env: TEST_ENV });
    const environment = EnvironmentContract.import(stack, 'Env', EnvironmentProfile.DEVELOP);

    expect(() => new ServiceRepository(stack, 'Repository', { environment, spec: publicSpec({ name: 'Orders' }) }))
      .toThrow(/^Delivery\/Repository: name must be a DNS label of 3-32 .*got 'Orders'$/);
  });
});
