import { CompliancePack } from '@fargate-platform/constructs';
import { CfnResource, Stack, Stage } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { checkCatalog, nagRuleWalker } from './rule-catalog';

/** The resources (logical ids) of one stack a check found compliant and non-compliant. */
export interface CheckResults {
  readonly compliant: string[];
  readonly noncompliant: string[];
}

/** What the cdk-nag checks of the design's controls found on one stack's resources, by rule id. */
export interface StackEvaluation {
  /** The stack's artifact id. */
  readonly stack: string;
  readonly checks: Record<string, CheckResults>;
}

/**
 * Run the cdk-nag rules that count for a control (see `checkCatalog`) over every resource of
 * every stack of a synthesized app, keeping the resources each rule passes as well as those it
 * fails: the gate's report lists only failures, evidence needs both. A rule that does not apply
 * to a resource's type leaves it out; a rule that throws counts as failing, as in cdk-nag.
 */
export function evaluateChecks(app: Stage): StackEvaluation[] {
  const wanted = new Map<CompliancePack, Set<string>>();
  for (const check of checkCatalog().filter((c) => c.pack !== CompliancePack.CONTROL_TOWER)) {
    wanted.set(check.pack, (wanted.get(check.pack) ?? new Set()).add(check.id));
  }
  const walkers = [...wanted].map(([pack, ids]) => ({ walk: nagRuleWalker(pack), ids }));
  const stacks = app.node.findAll().filter((c): c is Stack => Stack.isStack(c) && !c.nested);
  return stacks.map((stack) => {
    const checks: Record<string, { compliant: string[]; noncompliant: string[] }> = {};
    const resources = stack.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c) && Stack.of(c) === stack);
    for (const resource of resources) {
      const logicalId = stack.resolve(resource.logicalId);
      for (const { walk, ids } of walkers) {
        walk(resource, (rule) => {
          if (!ids.has(rule.id)) {
            return;
          }
          const outcome = verdictOf(() => rule.params.rule(resource));
          if (outcome !== undefined) {
            const results = checks[rule.id] ?? (checks[rule.id] = { compliant: [], noncompliant: [] });
            results[outcome].push(logicalId);
          }
        });
      }
    }
    return { stack: stack.artifactId, checks };
  });
}

function verdictOf(evaluate: () => unknown): 'compliant' | 'noncompliant' | undefined {
  try {
    const result = evaluate();
    if (result === NagRuleCompliance.NOT_APPLICABLE) {
      return undefined;
    }
    return result === NagRuleCompliance.COMPLIANT || (Array.isArray(result) && result.length === 0) ? 'compliant' : 'noncompliant';
  } catch {
    return 'noncompliant';
  }
}
