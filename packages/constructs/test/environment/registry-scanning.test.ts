import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { EnvironmentProfile, ImageScanning } from '../../src';
import { environmentFixture, resourcesOf, synthesizeEnvironment } from '../helpers/environment-fixture';

describe('registry scanning (finding 9)', () => {
  test('prod turns on enhanced (Inspector) scanning: continuously for its repositories, on push for any other', () => {
    const [[, scanning]] = resourcesOf(synthesizeEnvironment(EnvironmentProfile.PROD).json, 'AWS::ECR::RegistryScanningConfiguration');
    expect(scanning.Properties).toEqual({
      ScanType: 'ENHANCED',
      Rules: [
        { ScanFrequency: 'CONTINUOUS_SCAN', RepositoryFilters: [{ Filter: 'prod/*', FilterType: 'WILDCARD' }] },
        { ScanFrequency: 'SCAN_ON_PUSH', RepositoryFilters: [{ Filter: '*', FilterType: 'WILDCARD' }] },
      ],
    });
  });

  test('outside prod the registry keeps basic scan on push, set on each repository', () => {
    expect(resourcesOf(synthesizeEnvironment(EnvironmentProfile.DEVELOP).json, 'AWS::ECR::RegistryScanningConfiguration')).toEqual([]);
  });

  test('any environment that owns the account may ask for enhanced scanning', () => {
    const { stack } = environmentFixture(EnvironmentProfile.QA, { imageScanning: ImageScanning.ENHANCED });
    Template.fromStack(stack).hasResourceProperties('AWS::ECR::RegistryScanningConfiguration', {
      ScanType: 'ENHANCED', Rules: Match.arrayWith([Match.objectLike({ RepositoryFilters: [{ Filter: 'qa/*', FilterType: 'WILDCARD' }] })]),
    });
  });

  test('an environment that does not own the account\'s settings is refused enhanced scanning, with where it belongs', () => {
    expect(() => environmentFixture(EnvironmentProfile.QA, { accountAudit: false, imageScanning: ImageScanning.ENHANCED }))
      .toThrow(/imageScanning ENHANCED is a setting of the account's registry: set it on the environment with accountAudit true/);
  });

  test('a production environment without the account audit is warned that enhanced scanning is not on', () => {
    const { stack } = environmentFixture(EnvironmentProfile.PROD, { accountAudit: false });
    Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp('enhanced.*scanning'));
    Template.fromStack(stack).resourceCountIs('AWS::ECR::RegistryScanningConfiguration', 0);
  });
});
