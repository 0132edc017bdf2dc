import { javascript } from 'projen';
import { PlatformApp } from './platform-app';
import { PlatformLibrary } from './platform-library';
import { PlatformMonorepo } from './platform-monorepo';
import { VERSIONS } from './versions';

/**
 * `packages/environments`: the CDK app that synthesizes the shared infrastructure of
 * develop, test, qa and prod, one stack each, with every compliance gate applied.
 */
export class EnvironmentsApp extends PlatformApp {
  constructor(root: PlatformMonorepo, library: PlatformLibrary, serviceModel: javascript.NodeProject) {
    super(root, {
      outdir: 'packages/environments',
      name: '@fargate-platform/environments',
      description: 'The four environments of the Fargate platform: network, keys, cluster, ingress, discovery, alerting, audit',
      library,
    });
    // The platform version the environments are built with, shown by the fleet report.
    this.package.addField('platformVersion', VERSIONS.platform);
    // deployments.json is checked with the service model's AWS rules.
    this.addDeps(`${serviceModel.package.packageName}@>=0.0.0`);
  }
}
