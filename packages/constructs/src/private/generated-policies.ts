import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { Compliance } from '../compliance/acknowledgments';

/** The rules that flag any inline IAM policy. */
const INLINE_POLICY_RULES = ['NIST.800.53.R5-IAMNoInlinePolicy', 'HIPAA.Security-IAMNoInlinePolicy', 'PCI.DSS.321-IAMNoInlinePolicy'];

/**
 * CDK writes the permissions that `grant*` calls and AWS integrations (flow logs, CloudTrail
 * delivery, ...) give a role into that role's `DefaultPolicy`, an inline policy. Acknowledge the
 * inline-policy rules on each such policy under `scope`, with the reason.
 */
export function acknowledgeGeneratedDefaultPolicies(scope: IConstruct): void {
  for (const policy of scope.node.findAll().filter((c): c is iam.Policy => c instanceof iam.Policy && c.node.id === 'DefaultPolicy')) {
    for (const rule of INLINE_POLICY_RULES) {
      Compliance.acknowledge(policy, rule,
        'CDK-generated least-privilege policy of a single role, scoped to that role\'s own resources; it lives and dies with '
        + 'the role and cannot be attached to any other principal, which is what the rule guards against.');
    }
  }
}
