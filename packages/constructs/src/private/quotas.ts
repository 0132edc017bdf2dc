import { IConstruct } from 'constructs';
import { PlatformError } from '../errors';

/**
 * Context key: the share of each AWS quota at which synthesis fails. 1 (the default) fails
 * only beyond the quota itself, where the deployment would fail; the fleet sets 0.8 so that
 * every stack keeps 20 % of each quota to grow.
 */
export const QUOTA_HEADROOM_CONTEXT = '@fargate-platform/constructs:quotaHeadroom';

/** An AWS quota a platform stack can outgrow, as the error message names it. */
export interface Quota {
  /** What is counted, plural: `resources`, `listener rules`. */
  readonly unit: string;
  /** The quota. */
  readonly max: number;
  /** Who sets it: `a CloudFormation stack`, `an Application Load Balancer`. */
  readonly holder: string;
}

/** The quotas the platform checks at synth time (each is AWS's default; none is adjustable except as noted). */
export const QUOTAS = {
  stackResources: { unit: 'resources', max: 500, holder: 'a CloudFormation stack' },
  stackOutputs: { unit: 'outputs', max: 200, holder: 'a CloudFormation stack' },
  stackParameters: { unit: 'parameters', max: 200, holder: 'a CloudFormation stack' },
  /** Templates are uploaded to S3 by the CDK: 1 MB, counted as 1,000,000 bytes to stay on the safe side. */
  templateBytes: { unit: 'template bytes', max: 1_000_000, holder: 'a CloudFormation template in S3' },
  /** Adjustable, but every service would pay for raising it in every account: the platform shards instead. */
  rulesPerLoadBalancer: { unit: 'listener rules', max: 100, holder: 'an Application Load Balancer' },
  targetGroupsPerLoadBalancer: { unit: 'target groups', max: 100, holder: 'an Application Load Balancer' },
  loadBalancersPerRegion: { unit: 'load balancers', max: 50, holder: 'a region' },
  inboundRulesPerSecurityGroup: { unit: 'inbound rules', max: 60, holder: 'a security group' },
  outboundRulesPerSecurityGroup: { unit: 'outbound rules', max: 60, holder: 'a security group' },
  /** Aggregate of every inline policy of a role, white space not counted. */
  roleInlinePolicyCharacters: { unit: 'characters of inline policy', max: 10_240, holder: 'an IAM role (all inline policies together)' },
  managedPolicyCharacters: { unit: 'characters', max: 6_144, holder: 'an IAM managed policy' },
  keyPolicyBytes: { unit: 'bytes of key policy', max: 32_768, holder: 'a KMS key' },
} as const;

/**
 * Load balancers an environment may have: 80 % of the 50 Application Load Balancers a region
 * allows, so that other load balancers of the account still fit.
 */
export const MAX_LOAD_BALANCERS = Math.floor(QUOTAS.loadBalancersPerRegion.max * 0.8);

/** The headroom the app asks for (context `QUOTA_HEADROOM_CONTEXT`), 1 when unset. */
export function quotaHeadroom(scope: IConstruct): number {
  const raw = scope.node.tryGetContext(QUOTA_HEADROOM_CONTEXT);
  if (raw === undefined) {
    return 1;
  }
  const value = Number(raw);
  if (!(value > 0 && value <= 1)) {
    throw new PlatformError(scope, `context ${QUOTA_HEADROOM_CONTEXT} must be a number in (0, 1], the share of each quota synthesis may use; got '${raw}'`);
  }
  return value;
}

/** The largest use of a quota that passes at this headroom. */
export function allowed(quota: Quota, headroom: number): number {
  return Math.floor(quota.max * headroom);
}

/**
 * The sentence for a quota in use beyond what the headroom allows, or undefined when within.
 * It names what, the count and the limit: `'has 101 listener rules; an Application Load Balancer allows 100'`.
 */
export function quotaProblem(what: string, used: number, quota: Quota, headroom: number): string | undefined {
  if (used <= allowed(quota, headroom)) {
    return undefined;
  }
  const limit = headroom >= 1
    ? `${quota.holder} allows ${quota.max}`
    : `beyond ${Math.round(headroom * 100)} % of the ${quota.max} ${quota.holder} allows (at most ${allowed(quota, headroom)}, to leave room to grow)`;
  return `${what} has ${used} ${quota.unit}; ${limit}`;
}

/** Characters of a policy document as IAM counts them: its JSON without white space. */
export function policyCharacters(document: unknown): number {
  return document === undefined ? 0 : JSON.stringify(document).length;
}
