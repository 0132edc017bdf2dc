import { EnvironmentProfile, PlatformEnvironment, PlatformNetwork } from '@fargate-platform/constructs';
import { App, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { DEPLOYMENTS, EnvironmentDeployment, loadLoadBalancers, PLATFORM_TAGS } from './deployments';

/** The stack name of an environment's shared infrastructure. */
export function environmentStackName(environment: string): string {
  return `${environment}-environment`;
}

/** How the environments are built, beyond where they are. */
export interface BuildOptions {
  /**
   * Load balancers of each environment: as many as the fleet's public services need (80 each).
   * @default - the count in load-balancers.json, 1 without it
   */
  readonly loadBalancers?: number;
}

/** Add one stack per environment to the app. */
export function buildEnvironments(app: App, deployments: EnvironmentDeployment[] = DEPLOYMENTS, options: BuildOptions = {}): Stack[] {
  const loadBalancers = options.loadBalancers ?? loadLoadBalancers().loadBalancers;
  EnvironmentProfile.assertIsolatedNetworks(deployments);
  for (const d of deployments) {
    PlatformNetwork.provideAvailabilityZones(app, d.account, d.region, d.availabilityZones);
  }
  return deployments.map((d) => {
    const stack = new Stack(app, environmentStackName(d.profile.name), {
      env: { account: d.account, region: d.region },
      description: `Fargate platform: shared infrastructure of ${d.profile.name}`,
    });
    new PlatformEnvironment(stack, 'Environment', {
      profile: d.profile,
      certificate: acm.Certificate.fromCertificateArn(stack, 'Certificate', d.certificateArn),
      kafka: d.kafka,
      s3PrefixListId: d.s3PrefixListId,
      tags: PLATFORM_TAGS,
      accountAudit: d.accountAudit,
      availabilityZones: d.availabilityZones,
      loadBalancers,
    });
    return stack;
  });
}
