import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import { Construct } from 'constructs';
import { EnvironmentProfile } from './environment-profile';

/** Properties of an environment's service discovery. */
export interface PlatformDiscoveryProps {
  readonly profile: EnvironmentProfile;
  readonly vpc: ec2.IVpc;
}

/** The environment's Cloud Map private DNS namespace `{environment}.internal`, resolvable inside its VPC only. */
export class PlatformDiscovery extends Construct {
  /** The namespace name of an environment. */
  public static namespaceName(profile: EnvironmentProfile): string {
    return `${profile.name}.internal`;
  }

  public readonly namespace: servicediscovery.PrivateDnsNamespace;

  constructor(scope: Construct, id: string, props: PlatformDiscoveryProps) {
    super(scope, id);
    this.namespace = new servicediscovery.PrivateDnsNamespace(this, 'Namespace', {
      name: PlatformDiscovery.namespaceName(props.profile),
      vpc: props.vpc,
      description: `Services of ${props.profile.name}`,
    });
  }
}
