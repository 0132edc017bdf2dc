import * as fs from 'fs';
import { CONTROLS, ResourceSelector } from './controls';
import { byFramework } from './evidence';
import { Check, checkCatalog, checksOf } from './rule-catalog';

/**
 * docs/COMPLIANCE.md: each control of the design with the constructs that enforce it, the
 * resources every environment should hold for it, the tests that prove it and the gate rules that
 * check it, from controls.ts, rule-map.ts and the packs the gate runs. It depends on no fleet run
 * (no time, no commit): the build writes it after each compile and CI fails when it is stale.
 */
export function controlDoc(): string {
  const lines = [
    '# Compliance map',
    '',
    '<!-- Generated from packages/fleet/src/evidence/ (controls.ts, rule-map.ts) and the rule packs the gates run. Do not edit: the build rewrites it. -->',
    '',
    'Which construct enforces each control the design lists, which resources implement it in every',
    'environment, which tests prove it, and which rules of the compliance gates check it on every synth',
    '(a finding fails the synth unless acknowledged on the exact resource, with a reason). This page is',
    'the map; the evidence for a given state of the code is what `npx projen fleet` writes:',
    '`compliance-evidence.md` and `compliance-evidence.json` at the repository root (and the compliance',
    'section of `fleet-report.html`) give, for each environment and control, the resources found, how',
    'each check came out on how many resources, and the accepted risks (acknowledged findings) that touch it.',
    '',
    'How rules map to controls:',
    '',
    '- **cdk-nag NIST 800-53 R5**: the NIST controls each rule names in its own text (cdk-nag takes them from',
    '  AWS Config\'s operational best practices for NIST 800-53 rev 5). A rule counts for a control when it',
    '  names the control or one of its enhancements (`AC-2(1)`, `AC-2g`).',
    '- **The platform\'s mapping** (`packages/fleet/src/evidence/rule-map.ts`): the platform\'s own rules, the',
    '  Control Tower rules, the AwsSolutions rules whose findings bear on a control, and every SOC 2',
    '  criterion (no pack names them).',
    '- A HIPAA or PCI rule that is the same check as a NIST rule (same rule name) counts where the NIST rule does.',
    '- A SOC 2 criterion also takes the checks and resources of the NIST controls it lists under "inherits".',
    '',
    `${checkCatalog().length} rules of the gates count for at least one control. Many concern resource types the`,
    'platform does not create (RDS, Redshift, ...); the evidence lists them as not applicable.',
    '',
    '| control | framework | title | design | checks | inherits |',
    '|---|---|---|---|---:|---|',
    ...CONTROLS.map((c) => `| [${c.id}](#${anchor(c.id, c.title)}) | ${c.framework} | ${c.title} | ${c.design} | ${checksOf(c.id).length} | ${(c.inherits ?? []).join(', ')} |`),
    '',
  ];
  for (const [framework, controls] of byFramework(CONTROLS)) {
    lines.push(`## ${framework}`, '');
    for (const control of controls) {
      lines.push(`### ${control.id} ${control.title}`, '', `The design: ${control.design}.`, '');
      if (control.inherits) {
        lines.push(`Inherits the checks and resources of ${control.inherits.join(', ')}.`, '');
      }
      lines.push('Enforced by:', '', ...control.constructs.map((c) => `- ${c}`), '');
      if (control.resources.length > 0) {
        lines.push('Resources each environment holds for it:', '', ...control.resources.map((r) => `- ${selector(r)}`), '');
      }
      lines.push(`Proved by: ${control.tests.map((t) => (t.startsWith('Property') ? t : `\`${t}\``)).join(', ')}.`, '');
      const own = checksOf(control.id).filter((c) => c.via === undefined).map((c) => c.check);
      lines.push(`Checks (${own.length}${control.inherits ? ' of its own' : ''}):`, '');
      if (own.length > 0) {
        lines.push('| rule | why it counts | a finding means |', '|---|---|---|', ...own.map((c) => checkRow(c, control.id)), '');
      }
    }
  }
  return lines.join('\n');
}

/** Write docs/COMPLIANCE.md (see `controlDoc`). */
export function writeControlDoc(file: string): void {
  fs.writeFileSync(file, controlDoc());
}

function selector(r: ResourceSelector): string {
  return `\`${r.type}\`${r.contains ? ` with \`${r.contains}\`` : ''}: ${r.what}`;
}

function checkRow(check: Check, control: string): string {
  const basis = check.basis[control].startsWith('cdk-nag') ? check.basis[control] : 'platform (rule-map.ts)';
  // cdk-nag's texts end with the list of control ids, shown in the middle column.
  const meaning = check.description.replace(/\s*-\s*\(Control IDs?:.*$/, '').replace(/\|/g, '\\|');
  return `| \`${check.id}\` | ${basis} | ${meaning} |`;
}

/** GitHub's heading anchor of `### {id} {title}`. */
function anchor(id: string, title: string): string {
  return `${id} ${title}`.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');
}

