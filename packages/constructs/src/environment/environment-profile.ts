import { AwsRules } from '@fargate-platform/service-model';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { PlatformError } from '../errors';
import { branchRuleProblems } from './private/branch-rules';

/** How an environment's pipelines start. */
export enum PipelineTrigger {
  /** Only when someone starts the pipeline (develop: feature branches on demand). */
  MANUAL = 'manual',
  /** On every push to a branch that matches the environment's branch pattern. */
  ON_PUSH = 'on-push',
}

/** Everything that differs between environments. Prod may raise a floor, never lower one. */
export interface EnvironmentProfileProps {
  /** Environment name: a DNS label of 2-16 characters, e.g. `develop`. It names the cluster, namespace and parameters. */
  readonly name: string;
  /**
   * Whether this is a production environment. Production profiles must meet the
   * production floors (see `EnvironmentProfile.PRODUCTION_FLOORS`).
   * @default false
   */
  readonly production?: boolean;
  /** VPC CIDR block, /16 to /20. Production must not overlap any non-production environment. */
  readonly vpcCidr: string;
  /**
   * Availability zones the VPC spans (2 or 3), each with a public and a private subnet.
   * @default 3
   */
  readonly availabilityZones?: number;
  /** NAT gateways: 1 up to one per availability zone. */
  readonly natGateways: number;
  /**
   * Retention of every log group. At least one year: the Control Tower control
   * CT.CLOUDWATCH.PR.2 asks for 365 days, and the platform meets it everywhere.
   */
  readonly logRetention: RetentionDays;
  /** Share of a service's tasks placed on Fargate Spot, 0-100. Production runs none. */
  readonly fargateSpotPercent: number;
  /** Whether the load balancer and stateful resources are protected against deletion. */
  readonly deletionProtection: boolean;
  /** Whether the environment's CloudFormation stacks have termination protection. */
  readonly terminationProtection: boolean;
  /** Whether each pipeline waits for a manual approval before it deploys. */
  readonly requireApproval: boolean;
  /** Whether human operator access requires a recent MFA sign-in (at most one hour old). */
  readonly requireRecentMfa: boolean;
  /** The fewest tasks any service runs (desired count and autoscaling minimum are raised to it). */
  readonly minTasks: number;
  /** Branches this environment's pipelines build, as a glob, e.g. `release/*.*.*`. */
  readonly branchPattern: string;
  /** How this environment's pipelines start. */
  readonly pipelineTrigger: PipelineTrigger;
}

/** Where an environment's network sits, for the overlap check of `EnvironmentProfile.assertIsolatedNetworks`. */
export interface NetworkPlacement {
  /** The environment's profile (its `vpcCidr`). */
  readonly profile: EnvironmentProfile;
  /**
   * The environment's AWS account.
   * @default - unknown: only production and peering are checked
   */
  readonly account?: string;
  /**
   * Environments (by name) whose VPCs are peered with this one.
   * @default - none
   */
  readonly peeredWith?: string[];
}

/** Retention, in days, of each RetentionDays value (RetentionDays.INFINITE is 0). */
function retentionDays(value: RetentionDays): number {
  return value === RetentionDays.INFINITE ? Number.POSITIVE_INFINITY : value;
}

/**
 * An environment's defaults: the one place where develop, test, qa and prod differ.
 *
 * @example
 * const staging = platform.EnvironmentProfile.custom({
 *   name: 'staging',
 *   vpcCidr: '10.50.0.0/16',
 *   natGateways: 1,
 *   logRetention: logs.RetentionDays.ONE_YEAR,
 *   fargateSpotPercent: 30,
 *   deletionProtection: false,
 *   terminationProtection: false,
 *   requireApproval: false,
 *   requireRecentMfa: false,
 *   minTasks: 1,
 *   branchPattern: 'staging/*',
 *   pipelineTrigger: platform.PipelineTrigger.ON_PUSH,
 * });
 */
export class EnvironmentProfile {
  /** Feature work: one NAT gateway, Spot capacity, pipelines started by hand from `feature/*`. */
  public static readonly DEVELOP = new EnvironmentProfile({
    name: 'develop',
    vpcCidr: '10.10.0.0/16',
    natGateways: 1,
    logRetention: RetentionDays.ONE_YEAR,
    fargateSpotPercent: 30,
    deletionProtection: false,
    terminationProtection: false,
    requireApproval: false,
    requireRecentMfa: false,
    minTasks: 1,
    branchPattern: 'feature/*',
    pipelineTrigger: PipelineTrigger.MANUAL,
  });

  /** Release validation: built automatically from `release/*.*.*`. */
  public static readonly TEST = new EnvironmentProfile({
    name: 'test',
    vpcCidr: '10.20.0.0/16',
    natGateways: 1,
    logRetention: RetentionDays.ONE_YEAR,
    fargateSpotPercent: 30,
    deletionProtection: false,
    terminationProtection: false,
    requireApproval: false,
    requireRecentMfa: false,
    minTasks: 1,
    branchPattern: 'release/*.*.*',
    pipelineTrigger: PipelineTrigger.ON_PUSH,
  });

  /** Production-like validation: highly available network, built from `release/*.*.*`. */
  public static readonly QA = new EnvironmentProfile({
    name: 'qa',
    vpcCidr: '10.30.0.0/16',
    natGateways: 3,
    logRetention: RetentionDays.ONE_YEAR,
    fargateSpotPercent: 30,
    deletionProtection: false,
    terminationProtection: true,
    requireApproval: false,
    requireRecentMfa: false,
    minTasks: 1,
    branchPattern: 'release/*.*.*',
    pipelineTrigger: PipelineTrigger.ON_PUSH,
  });

  /** Production: every floor raised; `prod/*` builds wait for approval. */
  public static readonly PROD = new EnvironmentProfile({
    name: 'prod',
    production: true,
    vpcCidr: '10.40.0.0/16',
    natGateways: 3,
    logRetention: RetentionDays.TWO_YEARS,
    fargateSpotPercent: 0,
    deletionProtection: true,
    terminationProtection: true,
    requireApproval: true,
    requireRecentMfa: true,
    minTasks: 2,
    branchPattern: 'prod/*',
    pipelineTrigger: PipelineTrigger.ON_PUSH,
  });

  /** The four standard environments, in promotion order. */
  public static readonly STANDARD: EnvironmentProfile[] = [
    EnvironmentProfile.DEVELOP, EnvironmentProfile.TEST, EnvironmentProfile.QA, EnvironmentProfile.PROD,
  ];

  /**
   * A standard profile by name.
   *
   * @param name develop, test, qa or prod
   */
  public static of(name: string): EnvironmentProfile {
    const profile = EnvironmentProfile.STANDARD.find((p) => p.name === name);
    if (!profile) {
      throw new PlatformError(undefined, `environment must be one of: ${EnvironmentProfile.STANDARD.map((p) => p.name).join(', ')}; got '${name}'`);
    }
    return profile;
  }

  /**
   * A profile of your own, validated: every field must be in range, and a production
   * profile must meet the production floors.
   *
   * @param props every setting of the environment
   */
  public static custom(props: EnvironmentProfileProps): EnvironmentProfile {
    PlatformError.throwAll(undefined, EnvironmentProfile.problems(props).map((p) => `environment profile '${props.name}': ${p}`));
    return new EnvironmentProfile(props);
  }

  /**
   * Check that the networks of environments that could ever be connected do not overlap: a
   * production environment and any other (prod is isolated and can be peered or connected
   * without address clashes), two environments in one account, and two environments peered
   * with each other.
   *
   * @param environments the environments deployed side by side, with their accounts and peerings
   */
  public static assertIsolatedNetworks(environments: NetworkPlacement[]): void {
    const problems: string[] = [];
    for (let i = 0; i < environments.length; i++) {
      for (let j = i + 1; j < environments.length; j++) {
        const [a, b] = [environments[i], environments[j]];
        const [pa, pb] = [a.profile, b.profile];
        if (!AwsRules.cidrsOverlap(AwsRules.parseCidr(pa.vpcCidr)!, AwsRules.parseCidr(pb.vpcCidr)!)) {
          continue;
        }
        const why = pa.production !== pb.production ? `production environment '${pa.production ? pa.name : pb.name}' needs an address range of its own`
          : a.account !== undefined && a.account === b.account ? `they share account ${a.account}`
            : (a.peeredWith ?? []).includes(pb.name) || (b.peeredWith ?? []).includes(pa.name) ? 'they are peered'
              : pa.production && pb.production ? 'production environments need address ranges of their own' : undefined;
        if (why) {
          problems.push(`vpcCidr of '${pa.name}' (${pa.vpcCidr}) overlaps '${pb.name}' (${pb.vpcCidr}): ${why}`);
        }
      }
    }
    PlatformError.throwAll(undefined, problems);
  }

  /** What every production profile must meet; non-production profiles may be looser. */
  private static readonly PRODUCTION_FLOORS: Array<{ description: string; holds: (p: EnvironmentProfileProps) => boolean }> = [
    { description: 'fargateSpotPercent 0 (no interruptible capacity)', holds: (p) => p.fargateSpotPercent === 0 },
    { description: 'one NAT gateway per availability zone', holds: (p) => p.natGateways === (p.availabilityZones ?? 3) },
    { description: 'deletionProtection', holds: (p) => p.deletionProtection },
    { description: 'terminationProtection', holds: (p) => p.terminationProtection },
    { description: 'requireApproval', holds: (p) => p.requireApproval },
    { description: 'requireRecentMfa', holds: (p) => p.requireRecentMfa },
    { description: 'minTasks of at least 2', holds: (p) => p.minTasks >= 2 },
    { description: 'logRetention of at least two years', holds: (p) => retentionDays(p.logRetention) >= 731 },
  ];

  private static problems(props: EnvironmentProfileProps): string[] {
    const problems: string[] = [];
    const azs = props.availabilityZones ?? 3;
    if (!AwsRules.isDnsLabel(props.name, 2, 16)) {
      problems.push(`name must be a DNS label of 2-16 lowercase letters, digits and hyphens; got '${props.name}'`);
    }
    const cidr = AwsRules.parseCidr(props.vpcCidr);
    if (!cidr) {
      problems.push(`vpcCidr must be an IPv4 CIDR block such as 10.50.0.0/16; got '${props.vpcCidr}'`);
    } else if (cidr.prefix < 16 || cidr.prefix > 20) {
      problems.push(`vpcCidr must be a /16 to /20 block (room for ${2 * azs} subnets); got /${cidr.prefix}`);
    }
    if (!Number.isInteger(azs) || azs < 2 || azs > 3) {
      problems.push(`availabilityZones must be 2 or 3 (high availability needs at least 2); got ${azs}`);
    }
    if (!Number.isInteger(props.natGateways) || props.natGateways < 1 || props.natGateways > azs) {
      problems.push(`natGateways must be between 1 and availabilityZones (${azs}); got ${props.natGateways}`);
    }
    if (retentionDays(props.logRetention) < 365) {
      problems.push(`logRetention must be at least one year (Control Tower CT.CLOUDWATCH.PR.2); got ${props.logRetention} days`);
    }
    if (!Number.isInteger(props.fargateSpotPercent) || props.fargateSpotPercent < 0 || props.fargateSpotPercent > 100) {
      problems.push(`fargateSpotPercent must be an integer from 0 to 100; got ${props.fargateSpotPercent}`);
    }
    if (!Number.isInteger(props.minTasks) || props.minTasks < 1 || props.minTasks > 10) {
      problems.push(`minTasks must be an integer from 1 to 10; got ${props.minTasks}`);
    }
    problems.push(...branchRuleProblems(props.branchPattern, props.pipelineTrigger));
    if (props.production) {
      problems.push(...EnvironmentProfile.PRODUCTION_FLOORS
        .filter((floor) => !floor.holds(props))
        .map((floor) => `a production profile needs ${floor.description}`));
    }
    return problems;
  }


  public readonly name: string;
  public readonly production: boolean;
  public readonly vpcCidr: string;
  public readonly availabilityZones: number;
  public readonly natGateways: number;
  public readonly logRetention: RetentionDays;
  public readonly fargateSpotPercent: number;
  public readonly deletionProtection: boolean;
  public readonly terminationProtection: boolean;
  public readonly requireApproval: boolean;
  public readonly requireRecentMfa: boolean;
  public readonly minTasks: number;
  public readonly branchPattern: string;
  public readonly pipelineTrigger: PipelineTrigger;

  private constructor(props: EnvironmentProfileProps) {
    this.name = props.name;
    this.production = props.production ?? false;
    this.vpcCidr = props.vpcCidr;
    this.availabilityZones = props.availabilityZones ?? 3;
    this.natGateways = props.natGateways;
    this.logRetention = props.logRetention;
    this.fargateSpotPercent = props.fargateSpotPercent;
    this.deletionProtection = props.deletionProtection;
    this.terminationProtection = props.terminationProtection;
    this.requireApproval = props.requireApproval;
    this.requireRecentMfa = props.requireRecentMfa;
    this.minTasks = props.minTasks;
    this.branchPattern = props.branchPattern;
    this.pipelineTrigger = props.pipelineTrigger;
  }
}
