import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { EnvironmentProfile } from './environment-profile';

/** Properties of an environment's cluster. */
export interface PlatformClusterProps {
  readonly profile: EnvironmentProfile;
  readonly vpc: ec2.IVpc;
  /** Encrypts Fargate ephemeral storage and ECS Exec sessions. */
  readonly ecsKey: kms.IKey;
  /** Encrypts the ECS Exec audit log group. */
  readonly logsKey: kms.IKey;
}

/**
 * The environment's ECS cluster, named after it: Container Insights on, FARGATE and
 * FARGATE_SPOT capacity providers with the profile's default strategy, Fargate ephemeral
 * storage encrypted with the environment's ECS key, and ECS Exec sessions encrypted and
 * logged to an encrypted log group.
 */
export class PlatformCluster extends Construct {
  /**
   * The profile's placement: at least one task on FARGATE, the rest split by the Spot share
   * (e.g. 70 % FARGATE / 30 % FARGATE_SPOT); production runs on FARGATE only.
   */
  public static capacityProviderStrategy(profile: EnvironmentProfile): ecs.CapacityProviderStrategy[] {
    const spot = profile.fargateSpotPercent;
    const strategy: ecs.CapacityProviderStrategy[] = [];
    if (spot < 100) {
      strategy.push({ capacityProvider: 'FARGATE', base: 1, weight: 100 - spot });
    }
    if (spot > 0) {
      strategy.push({ capacityProvider: 'FARGATE_SPOT', weight: spot, base: spot === 100 ? 1 : undefined });
    }
    return strategy;
  }

  /** The cluster name for an environment: `{environment}-cluster`. */
  public static clusterName(profile: EnvironmentProfile): string {
    return `${profile.name}-cluster`;
  }

  public readonly cluster: ecs.Cluster;
  /** Where ECS Exec sessions are recorded. */
  public readonly execLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: PlatformClusterProps) {
    super(scope, id);
    this.execLogGroup = new logs.LogGroup(this, 'ExecLogs', {
      retention: props.profile.logRetention,
      encryptionKey: props.logsKey,
    });
    // Not 'Resource': the capacity provider aspect adds a sibling with the cluster's own id.
    this.cluster = new ecs.Cluster(this, 'Cluster', {
      clusterName: PlatformCluster.clusterName(props.profile),
      vpc: props.vpc,
      // Control Tower CT.ECS.PR.2 accepts `enabled` (not `enhanced`).
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
      enableFargateCapacityProviders: true,
      managedStorageConfiguration: { fargateEphemeralStorageKmsKey: props.ecsKey },
      executeCommandConfiguration: {
        kmsKey: props.ecsKey,
        logging: ecs.ExecuteCommandLogging.OVERRIDE,
        logConfiguration: { cloudWatchLogGroup: this.execLogGroup, cloudWatchEncryptionEnabled: true },
      },
    });
    this.cluster.addDefaultCapacityProviderStrategy(PlatformCluster.capacityProviderStrategy(props.profile));
  }


}
