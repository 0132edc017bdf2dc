import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { EnvironmentProfile } from '../environment-profile';

/**
 * Who may assume a role meant for people: the account's IAM principals, only with MFA, and in a
 * profile that requires recent MFA, MFA at most one hour old.
 */
export function humanPrincipal(profile: EnvironmentProfile): iam.IPrincipal {
  const conditions: Record<string, unknown> = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
  if (profile.requireRecentMfa) {
    conditions.NumericLessThan = { 'aws:MultiFactorAuthAge': '3600' };
  }
  return new iam.AccountRootPrincipal().withConditions(conditions);
}

/** How long a person's session in such a role lasts: one hour where recent MFA is required, four elsewhere. */
export function humanSessionDuration(profile: EnvironmentProfile): Duration {
  return profile.requireRecentMfa ? Duration.hours(1) : Duration.hours(4);
}
