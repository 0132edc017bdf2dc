import * as fs from 'fs';
import * as path from 'path';
import { CompliancePack, PlatformChecks } from '@fargate-platform/constructs';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, IApplyRule, NagPack, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { CONTROLS, Framework } from './controls';
import { RULE_CONTROLS } from './rule-map';

/** A gate rule that counts as a check of one or more of the design's controls. */
export interface Check {
  /** The rule id as the gate reports it, without a `[detail]` suffix. */
  readonly id: string;
  readonly pack: CompliancePack;
  /** What a finding of the rule means (the pack's text). */
  readonly description: string;
  /** The design's controls it counts for. */
  readonly controls: string[];
  /**
   * For each of those controls, why: the NIST control ids cdk-nag's pack names (`cdk-nag: AC-2(1), AC-2g`),
   * or `platform` for the mapping of rule-map.ts.
   */
  readonly basis: Record<string, string>;
  /** Control Tower rules: the resource types the rule reports on. */
  readonly resourceTypes?: string[];
}

/** The cdk-nag packs the gate runs, by pack. */
const NAG_PACKS: Partial<Record<CompliancePack, new () => NagPack>> = {
  [CompliancePack.AWS_SOLUTIONS]: AwsSolutionsChecks,
  [CompliancePack.NIST_800_53_R5]: NIST80053R5Checks,
  [CompliancePack.HIPAA_SECURITY]: HIPAASecurityChecks,
  [CompliancePack.PCI_DSS_321]: PCIDSS321Checks,
  [CompliancePack.PLATFORM]: PlatformChecks,
};

/** The packs of `NAG_PACKS`. */
export const NAG_PACK_NAMES = Object.keys(NAG_PACKS) as CompliancePack[];

/** One rule of a cdk-nag pack, as the pack applies it to a resource. */
export interface NagRule {
  readonly id: string;
  readonly pack: CompliancePack;
  readonly params: IApplyRule;
}

/** A pack that hands its rules to a visitor (see `ruleWalker`). */
interface RuleWalker extends NagPack {
  walk(resource: CfnResource, visit: (params: IApplyRule) => void): void;
}

/**
 * A cdk-nag pack whose rules are handed to a visitor instead of deciding on findings: the pack's
 * own `checkResource` lists its rules, so nothing here restates them (`applyRule` is the
 * extension point cdk-nag gives its packs).
 */
function ruleWalker(Pack: new () => NagPack): new () => RuleWalker {
  abstract class Walker extends Pack implements RuleWalker {
    private visitor: (params: IApplyRule) => void = () => undefined;

    public walk(resource: CfnResource, visit: (params: IApplyRule) => void): void {
      this.visitor = visit;
      this.checkResource(resource);
    }

    protected applyRule(params: IApplyRule): void {
      this.visitor(params);
    }
  }
  // Abstract only to the type checker: `Pack` is a concrete pack, which implements `name` and `checkResource`.
  return Walker as unknown as new () => RuleWalker;
}

/**
 * A function that hands each rule a pack applies to a resource, with its id (`<pack>-<rule>`), to
 * a visitor, without evaluating it. One pack instance serves every call.
 */
export function nagRuleWalker(pack: CompliancePack): (resource: CfnResource, visit: (rule: NagRule) => void) => void {
  const Pack = NAG_PACKS[pack];
  if (!Pack) {
    throw new Error(`${pack} is not a cdk-nag pack; the cdk-nag packs are ${NAG_PACK_NAMES.join(', ')}`);
  }
  const walker = new (ruleWalker(Pack))();
  const prefix = walker.readPackName;
  return (resource, visit) => walker.walk(resource, (params) => visit({ id: `${prefix}-${params.ruleSuffixOverride ?? params.rule.name}`, pack, params }));
}

/** The NIST control ids a rule's text names: `... - (Control IDs: AC-2(1), AU-9(3)).` */
export function nistControlIds(text: string): string[] {
  const start = text.search(/\(Control IDs?: /);
  if (start < 0) {
    return [];
  }
  return text.slice(text.indexOf(':', start) + 1).replace(/\)\.?\s*$/, '').split(',').map((id) => id.trim()).filter(Boolean);
}

/** Whether a NIST control id (`AC-2(4)`, `AC-2g`) is an enhancement or part of a base control (`AC-2`), not another (`AC-21`). */
export function isPartOf(nistId: string, control: string): boolean {
  return nistId === control || (nistId.startsWith(control) && !/[0-9]/.test(nistId.charAt(control.length)));
}

/** A Control Tower guard rule, from its file's header. */
export interface GuardRule {
  readonly id: string;
  readonly description: string;
  readonly resourceTypes: string[];
}

/** The Control Tower rules the gate runs (those shipped with cdk-validator-cfnguard), from their headers. */
export function controlTowerRules(): GuardRule[] {
  const root = path.join(path.dirname(require.resolve('@cdklabs/cdk-validator-cfnguard/package.json')), 'rules', 'control-tower', 'cfn-guard');
  return fs.readdirSync(root, { recursive: true, encoding: 'utf-8' }).filter((f) => f.endsWith('.guard')).sort().flatMap((f) => {
    const text = fs.readFileSync(path.join(root, f), 'utf-8');
    const control = /\[(CT\.[A-Z0-9]+\.PR\.\d+)\]/.exec(text);
    if (!control) {
      return [];
    }
    const types = /# Reports on:\n((?:#\s+AWS::\S+.*\n)+)/.exec(text);
    const description = /# Description:\n((?:#[ \t]+\S.*\n)+)/.exec(text);
    return [{
      id: `${CompliancePack.CONTROL_TOWER}-${control[1]}`,
      description: description ? description[1].split('\n').map((l) => l.replace(/^#\s*/, '')).join(' ').trim() : '',
      resourceTypes: types ? types[1].match(/AWS::[A-Za-z0-9]+::[A-Za-z0-9]+/g) ?? [] : [],
    }];
  });
}

/** A rule the gates run: its id, pack and text (and, for Control Tower rules, the resource types it reports on). */
export interface GateRule {
  readonly id: string;
  readonly pack: CompliancePack;
  readonly description: string;
  readonly resourceTypes?: string[];
}

/** Every rule of the packs the gates run, read from the packs themselves (cdk-nag) and the guard files' headers. */
export function gateRules(): GateRule[] {
  const rules: GateRule[] = [];
  const probe = new CfnResource(new Stack(new App(), 'Probe'), 'Probe', { type: 'AWS::CloudFormation::WaitConditionHandle' });
  for (const pack of NAG_PACK_NAMES) {
    nagRuleWalker(pack)(probe, (rule) => rules.push({ id: rule.id, pack, description: rule.params.info }));
  }
  return [...rules, ...controlTowerRules().map((r) => ({ ...r, pack: CompliancePack.CONTROL_TOWER }))];
}

let catalog: Check[] | undefined;

/**
 * Every gate rule that counts for a control of the design, with its controls and why. Read from
 * the packs themselves (rule ids and texts), the guard rules' headers and rule-map.ts. Throws
 * when rule-map.ts names a rule no pack has, or gives a NIST pack rule a NIST control.
 */
export function checkCatalog(): Check[] {
  if (catalog) {
    return catalog;
  }
  const designNist = CONTROLS.filter((c) => c.framework === Framework.NIST).map((c) => c.id);
  const rules = gateRules();
  const problems = ruleMapProblems(RULE_CONTROLS, new Set(rules.map((r) => r.id)));
  if (problems.length > 0) {
    throw new Error(`the control map is inconsistent:\n  - ${problems.join('\n  - ')}`);
  }

  catalog = rules.flatMap((rule) => {
    const basis: Record<string, string> = {};
    if (rule.pack === CompliancePack.NIST_800_53_R5) {
      const named = nistControlIds(rule.description);
      for (const control of designNist) {
        const parts = named.filter((n) => isPartOf(n, control));
        if (parts.length > 0) {
          basis[control] = `cdk-nag: ${parts.join(', ')}`;
        }
      }
    }
    for (const control of RULE_CONTROLS[rule.id] ?? []) {
      basis[control] = 'platform';
    }
    const controls = CONTROLS.map((c) => c.id).filter((c) => basis[c] !== undefined);
    return controls.length === 0 ? [] : [{ ...rule, controls, basis }];
  });
  return catalog;
}

/**
 * What is wrong with a mapping of rules to controls, as sentences: a rule no pack has, a control the
 * design does not have, a NIST pack rule given a NIST control (its own text names those).
 */
export function ruleMapProblems(map: Record<string, string[]>, ruleIds: Set<string>): string[] {
  const designNist = CONTROLS.filter((c) => c.framework === Framework.NIST).map((c) => c.id);
  const known = CONTROLS.map((c) => c.id);
  const problems: string[] = [];
  for (const [id, controls] of Object.entries(map)) {
    if (!ruleIds.has(id)) {
      problems.push(`rule-map.ts maps '${id}', which no pack the gate runs has`);
    }
    for (const control of controls.filter((c) => !known.includes(c))) {
      problems.push(`rule-map.ts maps '${id}' to '${control}', which is not a control of the design (${known.join(', ')})`);
    }
    if (id.startsWith(`${CompliancePack.NIST_800_53_R5}-`) && controls.some((c) => designNist.includes(c))) {
      problems.push(`rule-map.ts gives the NIST pack rule '${id}' a NIST control; the pack's own text names those`);
    }
  }
  return problems;
}

/** A check of a control, and the NIST control it comes through for a SOC 2 criterion that inherits it. */
export interface ControlCheck {
  readonly check: Check;
  /** The inherited NIST control, or undefined when the check counts for the control itself. */
  readonly via?: string;
}

/** The checks of a control: its own, then those of the controls it inherits (each check once). */
export function checksOf(controlId: string): ControlCheck[] {
  const control = CONTROLS.find((c) => c.id === controlId);
  const result: ControlCheck[] = [];
  const seen = new Set<string>();
  for (const [id, via] of [[controlId, undefined], ...(control?.inherits ?? []).map((i) => [i, i])] as Array<[string, string | undefined]>) {
    for (const check of checkCatalog().filter((c) => c.controls.includes(id) && !seen.has(c.id))) {
      seen.add(check.id);
      result.push({ check, via });
    }
  }
  return result;
}

/**
 * The controls a finding counts for, from its rule id (a `[detail]` suffix is ignored). A
 * HIPAA or PCI rule that is the same check as a NIST pack rule counts for that rule's controls.
 */
export function controlsOfRule(ruleId: string): string[] {
  const base = baseRuleId(ruleId);
  const own = checkCatalog().find((c) => c.id === base);
  if (own) {
    return own.controls;
  }
  for (const pack of [CompliancePack.HIPAA_SECURITY, CompliancePack.PCI_DSS_321]) {
    if (base.startsWith(`${pack}-`)) {
      const twin = checkCatalog().find((c) => c.id === `${CompliancePack.NIST_800_53_R5}-${base.slice(pack.length + 1)}`);
      return twin ? twin.controls : [];
    }
  }
  return [];
}

/** A rule id without its `[detail]` suffix: `AwsSolutions-IAM5[Action::s3:*]` is `AwsSolutions-IAM5`. */
export function baseRuleId(ruleId: string): string {
  const bracket = ruleId.indexOf('[');
  return bracket < 0 ? ruleId : ruleId.slice(0, bracket);
}
