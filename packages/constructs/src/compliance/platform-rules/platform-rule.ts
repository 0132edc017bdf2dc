import { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleResult } from 'cdk-nag';

/**
 * One rule of the platform pack: a pure function of a CloudFormation resource, with the
 * text a finding shows. A rule returns NOT_APPLICABLE, COMPLIANT, NON_COMPLIANT, or the
 * list of details that are wrong (each becomes a finding `Platform-<id>[detail]`).
 */
export interface PlatformRule {
  /** Rule id without the pack prefix, e.g. `MandatoryTags`. */
  readonly id: string;
  /** What the finding means. */
  readonly info: string;
  /** Why the rule exists and how to comply. */
  readonly explanation: string;
  readonly level: NagMessageLevel;
  readonly check: (resource: CfnResource) => NagRuleResult;
}
