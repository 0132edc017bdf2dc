import { ServiceNames } from '@fargate-platform/service-model';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { Construct } from 'constructs';
import { EnvironmentProfile } from '../environment-profile';

/**
 * Enhanced scanning of the account's registry by Amazon Inspector (ECR turns Inspector's ECR
 * scanning on for the account when the configuration is applied): the environment's repositories
 * (`{environment}/*`) continuously, so that an image already deployed is re-evaluated when a new
 * vulnerability is published; every other repository of the registry on push, which it would
 * otherwise lose (an enhanced registry scans only what its rules name). There is one registry
 * scanning configuration per account and region.
 */
export function enhancedRegistryScanning(scope: Construct, profile: EnvironmentProfile): ecr.CfnRegistryScanningConfiguration {
  return new ecr.CfnRegistryScanningConfiguration(scope, 'RegistryScanning', {
    scanType: 'ENHANCED',
    rules: [
      {
        scanFrequency: 'CONTINUOUS_SCAN',
        repositoryFilters: [{ filter: ServiceNames.of('*', profile.name).repositoryName, filterType: 'WILDCARD' }],
      },
      { scanFrequency: 'SCAN_ON_PUSH', repositoryFilters: [{ filter: '*', filterType: 'WILDCARD' }] },
    ],
  });
}
