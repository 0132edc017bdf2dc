import { Quota, Quotas } from '@fargate-platform/service-model';
import { IConstruct } from 'constructs';
import { PlatformError } from '../errors';

/**
 * Context key: the share of each AWS quota at which synthesis fails. 1 (the default) fails
 * only beyond the quota itself, where the deployment would fail; the fleet sets 0.8 so that
 * every stack keeps 20 % of each quota to grow.
 */
export const QUOTA_HEADROOM_CONTEXT = '@fargate-platform/constructs:quotaHeadroom';

/** The quotas the platform checks at synth time: the service model's table (`Quotas`). */
export const QUOTAS = {
  stackResources: Quotas.STACK_RESOURCES,
  stackOutputs: Quotas.STACK_OUTPUTS,
  stackParameters: Quotas.STACK_PARAMETERS,
  templateBytes: Quotas.TEMPLATE_BYTES,
  rulesPerLoadBalancer: Quotas.RULES_PER_LOAD_BALANCER,
  targetGroupsPerLoadBalancer: Quotas.TARGET_GROUPS_PER_LOAD_BALANCER,
  loadBalancersPerRegion: Quotas.LOAD_BALANCERS_PER_REGION,
  inboundRulesPerSecurityGroup: Quotas.INBOUND_RULES_PER_SECURITY_GROUP,
  outboundRulesPerSecurityGroup: Quotas.OUTBOUND_RULES_PER_SECURITY_GROUP,
  roleInlinePolicyCharacters: Quotas.ROLE_INLINE_POLICY_CHARACTERS,
  managedPolicyCharacters: Quotas.MANAGED_POLICY_CHARACTERS,
  keyPolicyBytes: Quotas.KEY_POLICY_BYTES,
} as const;

/** Load balancers an environment may have (`Quotas.MAX_LOAD_BALANCERS`). */
export const MAX_LOAD_BALANCERS = Quotas.MAX_LOAD_BALANCERS;

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
