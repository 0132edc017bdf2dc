/** An AWS quota a platform stack or environment can outgrow, as an error message names it. */
export interface Quota {
  /** What is counted, plural: `resources`, `listener rules`. */
  readonly unit: string;
  /** The quota. */
  readonly max: number;
  /** Who sets it: `a CloudFormation stack`, `an Application Load Balancer`. */
  readonly holder: string;
}

/**
 * The AWS quotas the platform plans and checks against, in one table (each is AWS's default;
 * none is adjustable except as noted), and the share of them the fleet allows itself.
 */
export class Quotas {
  public static readonly STACK_RESOURCES: Quota = { unit: 'resources', max: 500, holder: 'a CloudFormation stack' };
  public static readonly STACK_OUTPUTS: Quota = { unit: 'outputs', max: 200, holder: 'a CloudFormation stack' };
  public static readonly STACK_PARAMETERS: Quota = { unit: 'parameters', max: 200, holder: 'a CloudFormation stack' };
  public static readonly STACK_MAPPINGS: Quota = { unit: 'mappings', max: 200, holder: 'a CloudFormation stack' };
  /** Templates are uploaded to S3 by the CDK: 1 MB, counted as 1,000,000 bytes to stay on the safe side. */
  public static readonly TEMPLATE_BYTES: Quota = { unit: 'template bytes', max: 1_000_000, holder: 'a CloudFormation template in S3' };
  /** Adjustable, but every service would pay for raising it in every account: the platform shards instead. */
  public static readonly RULES_PER_LOAD_BALANCER: Quota = { unit: 'listener rules', max: 100, holder: 'an Application Load Balancer' };
  public static readonly TARGET_GROUPS_PER_LOAD_BALANCER: Quota = { unit: 'target groups', max: 100, holder: 'an Application Load Balancer' };
  public static readonly LOAD_BALANCERS_PER_REGION: Quota = { unit: 'load balancers', max: 50, holder: 'a region' };
  public static readonly INBOUND_RULES_PER_SECURITY_GROUP: Quota = { unit: 'inbound rules', max: 60, holder: 'a security group' };
  public static readonly OUTBOUND_RULES_PER_SECURITY_GROUP: Quota = { unit: 'outbound rules', max: 60, holder: 'a security group' };
  /** Aggregate of every inline policy of a role, white space not counted. */
  public static readonly ROLE_INLINE_POLICY_CHARACTERS: Quota = {
    unit: 'characters of inline policy', max: 10_240, holder: 'an IAM role (all inline policies together)',
  };
  public static readonly MANAGED_POLICY_CHARACTERS: Quota = { unit: 'characters', max: 6_144, holder: 'an IAM managed policy' };
  public static readonly KEY_POLICY_BYTES: Quota = { unit: 'bytes of key policy', max: 32_768, holder: 'a KMS key' };

  /** The share of each quota the fleet uses at most, to keep room to grow. */
  public static readonly FLEET_HEADROOM = 0.8;

  /** Load balancers an environment may have: 80 % of the 50 a Region allows, so that other load balancers of the account still fit. */
  public static readonly MAX_LOAD_BALANCERS: number = Math.floor(50 * 0.8);

  /** Public services on one load balancer: each has one listener rule and one target group, 80 % of the 100 of each. */
  public static readonly SERVICES_PER_LOAD_BALANCER: number = Math.floor(100 * 0.8);

  private constructor() {}
}
