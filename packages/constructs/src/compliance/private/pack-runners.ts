import * as fs from 'fs';
import * as path from 'path';
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
  /** Set by cfn-guard and cfn-lint. */
  readonly logicalId?: string;
  readonly templatePath?: string;
  /** A warning, not an error: listed and counted, but it does not fail the gate (cfn-lint's W rules). */
  readonly warning?: boolean;
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

/** A Control Tower guard rule file and the resource types it reports on. */
interface GuardRule {
  readonly file: string;
  readonly types: string[];
}

let guardRules: GuardRule[] | undefined;

/** The Control Tower rules shipped with cdk-validator-cfnguard, read once per process. */
function controlTowerRules(): GuardRule[] {
  if (!guardRules) {
    const root = path.join(path.dirname(require.resolve('@cdklabs/cdk-validator-cfnguard/package.json')), 'rules', 'control-tower', 'cfn-guard');
    const files = fs.readdirSync(root, { recursive: true, encoding: 'utf-8' }).filter((f) => f.endsWith('.guard')).sort();
    guardRules = files.map((f) => {
      const file = path.join(root, f);
      const header = /# Reports on:\n((?:#\s+AWS::\S+.*\n)+)/.exec(fs.readFileSync(file, 'utf-8'));
      // A rule without the header is run on every template.
      return { file, types: header ? header[1].match(/AWS::[A-Za-z0-9]+::[A-Za-z0-9]+/g) ?? [] : [] };
    });
  }
  return guardRules;
}

/**
 * Run the Control Tower guard rules over the templates.
 *
 * Each rule reports on named resource types and skips a template without them, so each
 * template is checked with only the rules for the types it holds (the findings are the
 * same; guard is about five times faster). Templates that need the same rules are checked
 * in one guard process.
 */
export function runGuard(templatePaths: string[]): RawFinding[] {
  const groups = new Map<string, { rules: string[]; templates: string[] }>();
  for (const templatePath of templatePaths) {
    const resources = JSON.parse(fs.readFileSync(templatePath, 'utf-8')).Resources ?? {};
    const types = new Set(Object.values<{ Type: string }>(resources).map((r) => r.Type));
    const rules = controlTowerRules().filter((r) => r.types.length === 0 || r.types.some((t) => types.has(t))).map((r) => r.file);
    const key = rules.join('\n');
    const group = groups.get(key) ?? { rules, templates: [] };
    group.templates.push(templatePath);
    groups.set(key, group);
  }
  return [...groups.values()].filter((g) => g.rules.length > 0).flatMap((g) => guardFindings(g.rules, g.templates));
}

function guardFindings(rules: string[], templatePaths: string[]): RawFinding[] {
  const validator = new CfnGuardValidator({ controlTowerRulesEnabled: false, rules, maxBuffer: 256 * 1024 * 1024 });
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
