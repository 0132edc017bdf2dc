import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NagPack, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { CompliancePack } from '../compliance-pack';
import { PlatformChecks } from '../platform-checks';

/** A finding as a pack reports it, before acknowledgments are applied. */
export interface RawFinding {
  readonly pack: CompliancePack;
  readonly ruleId: string;
  readonly description: string;
  /** Set by cdk-nag packs. */
  readonly constructPath?: string;
  /** Set by cfn-guard. */
  readonly logicalId?: string;
  readonly templatePath?: string;
}

const NAG_PACKS: Partial<Record<CompliancePack, () => NagPack>> = {
  [CompliancePack.AWS_SOLUTIONS]: () => new AwsSolutionsChecks(),
  [CompliancePack.NIST_800_53_R5]: () => new NIST80053R5Checks(),
  [CompliancePack.HIPAA_SECURITY]: () => new HIPAASecurityChecks(),
  [CompliancePack.PCI_DSS_321]: () => new PCIDSS321Checks(),
  [CompliancePack.PLATFORM]: () => new PlatformChecks(),
};

/** The pack a rule id belongs to: every id is `<pack>-<rule>`. */
export function packOfRule(ruleId: string): CompliancePack | undefined {
  return Object.values(CompliancePack).find((pack) => ruleId.startsWith(`${pack}-`));
}

/**
 * Run a cdk-nag pack over a stack and return every finding it has, acknowledged or not.
 *
 * cdk-nag drops findings acknowledged on the resource *or any ancestor* (including the App);
 * the gate needs to see them all to apply its own, resource-only acknowledgments.
 */
export function runNagPack(pack: CompliancePack, stack: Stack): RawFinding[] {
  const factory = NAG_PACKS[pack];
  if (!factory) {
    throw new Error(`${pack} is not a cdk-nag pack`);
  }
  const nag = factory();
  Object.defineProperty(nag, 'isAcknowledged', { value: () => false });
  const report = nag.validateScope(stack);
  return report.violations.flatMap((v) => v.violatingResources.map((r) => ({
    pack,
    ruleId: v.ruleName,
    description: v.description,
    constructPath: (r as { constructPath?: string }).constructPath,
  })));
}

export function isNagPack(pack: CompliancePack): boolean {
  return NAG_PACKS[pack] !== undefined;
}

/** Run the Control Tower guard rules once over every template. */
export function runGuard(templatePaths: string[]): RawFinding[] {
  if (templatePaths.length === 0) {
    return [];
  }
  const validator = new CfnGuardValidator({ maxBuffer: 256 * 1024 * 1024 });
  const report = validator.validate({ templatePaths });
  return report.violations.flatMap((v) => v.violatingResources.map((r) => ({
    pack: CompliancePack.CONTROL_TOWER,
    ruleId: guardRuleId(v.ruleName, v.description),
    description: `${v.description} (guard rule ${v.ruleName})`,
    logicalId: r.resourceLogicalId,
    templatePath: r.templatePath,
  })));
}

/**
 * Control Tower rules are known by their control id (`CT.S3.PR.11`), which the guard
 * message carries; the guard rule name is the fallback.
 */
function guardRuleId(ruleName: string, description: string): string {
  const control = /\[(CT\.[A-Z0-9]+\.PR\.\d+)\]/.exec(description);
  return `${CompliancePack.CONTROL_TOWER}-${control ? control[1] : ruleName}`;
}
