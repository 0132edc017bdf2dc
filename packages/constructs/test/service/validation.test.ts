import { App, Stack } from 'aws-cdk-lib';
import { internalService, publicService, TEST_ENV } from './fixtures';
import { EnvironmentContract, EnvironmentProfile, PlatformService, ServiceRepository } from '../../src';
import { definitionOf } from '../helpers/service-spec';

/**
 * What the constructs still check themselves. A spec's own values (name, size, counts, route,
 * variables, secrets, ...) are checked once, by the service model, when the description is
 * parsed: packages/service-model/test.
 */
describe('PlatformService validation', () => {
  test.each([
    ['a public', publicService()],
    ['an internal', internalService()],
  ])('refuses %s service\'s spec of another environment than the one it is built on, naming both', (_kind, fields) => {
    // GIVEN the service in develop and in qa
    const definition = definitionOf(fields, [EnvironmentProfile.DEVELOP, EnvironmentProfile.QA]);
    const stack = new Stack(new App(), 'Runtime', { env: TEST_ENV });
    const environment = EnvironmentContract.import(stack, 'Env', EnvironmentProfile.QA);

    // WHEN the develop spec is built on qa
    let error: Error | undefined;
    try {
      new PlatformService(stack, 'Service', { environment, spec: definition.specFor('develop') });
    } catch (e) {
      error = e as Error;
    }

    // THEN it is refused, naming the construct, both environments and the spec to take
    expect(error?.name).toBe('PlatformError');
    expect(error?.message).toBe('Runtime/Service: spec is the service in \'develop\' but the environment is \'qa\': '
      + 'take the spec of that environment (ServiceDefinition.specFor(\'qa\'))');
    // AND the spec of qa is accepted
    expect(() => new PlatformService(stack, 'QaService', { environment, spec: definition.specFor('qa') })).not.toThrow();
  });

  test.each([
    ['uppercase', 'Orders'],
    ['shorter than 3 characters', 'ab'],
    ['longer than 32 characters', 'a'.repeat(33)],
    ['with consecutive hyphens (refused by ECR)', 'order--svc'],
    ['with a trailing hyphen', 'orders-'],
  ])('the repository of the delivery stack refuses a service name that is %s', (_what, serviceName) => {
    const stack = new Stack(new App(), 'Delivery', { env: TEST_ENV });
    const environment = EnvironmentContract.import(stack, 'Env', EnvironmentProfile.DEVELOP);

    expect(() => new ServiceRepository(stack, 'Repository', { environment, serviceName }))
      .toThrow(new RegExp(`^Delivery/Repository: serviceName must be a DNS label of 3-32 .*got '${serviceName}'$`));
  });
});
