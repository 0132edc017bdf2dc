import { count, plural, shortSha } from './format';
import { byFramework, ComplianceEvidence, EnvironmentEvidence, EvidenceStatus } from '../evidence/evidence';

/** How each status reads. */
export const EVIDENCE_LABELS: Record<EvidenceStatus, string> = {
  [EvidenceStatus.ENFORCED]: 'enforced',
  [EvidenceStatus.ACCEPTED_RISK]: 'enforced, accepted risks',
  [EvidenceStatus.GAP]: 'gap: resource missing',
  [EvidenceStatus.FAILING]: 'failing',
  [EvidenceStatus.NO_EVIDENCE]: 'no evidence',
};

/** compliance-evidence.md: a matrix of controls and environments, then each control in each environment. */
export function evidenceMarkdown(evidence: ComplianceEvidence): string {
  const lines = [
    '# Compliance evidence',
    '',
    `From ${evidence.commit ? `commit \`${shortSha(evidence.commit.sha)}\`${evidence.commit.dirty ? ' with uncommitted changes' : ''}` : 'no git commit'}; `
      + `generated ${evidence.generatedAt}. Versions: ${Object.entries(evidence.versions).map(([k, v]) => `${k} ${v}`).join(', ')}.`,
    '',
    'For each control of the design and each environment: the resources that implement it (found in the synthesized',
    'templates), the gate rules that checked it and on how many resources, and the accepted risks (findings',
    'acknowledged on their resource, with the reason recorded there). What maps to what, and why:',
    '[docs/COMPLIANCE.md](docs/COMPLIANCE.md). The same data, complete: compliance-evidence.json.',
    '',
    ...(evidence.partial ? ['A partial run: only some services or environments were synthesized, so missing resources are not reported.', ''] : []),
    `| control | title | ${evidence.environments.join(' | ')} |`,
    `|---|---|${evidence.environments.map(() => '---').join('|')}|`,
    ...evidence.controls.map((c) => `| [${c.id}](#${c.id.toLowerCase().replace(/\./g, '')}) | ${c.title} | `
      + `${c.environments.map((e) => EVIDENCE_LABELS[e.status]).join(' | ')} |`),
    '',
  ];
  for (const [framework, controls] of byFramework(evidence.controls)) {
    lines.push(`## ${framework}`, '');
    for (const control of controls) {
      lines.push(`<a id="${control.id.toLowerCase().replace(/\./g, '')}"></a>`, '', `### ${control.id} ${control.title}`, '',
        `The design: ${control.design}.${control.inherits ? ` Takes the checks and resources of ${control.inherits.join(', ')}.` : ''}`, '');
      for (const env of control.environments) {
        lines.push(`#### ${env.environment}: ${EVIDENCE_LABELS[env.status]}`, '', ...environmentLines(env), '');
      }
    }
  }
  return lines.join('\n');
}

function environmentLines(env: EnvironmentEvidence): string[] {
  const lines: string[] = [];
  const byWhat = new Map<string, { type: string; stacks: Set<string>; n: number }>();
  for (const r of env.resources) {
    const entry = byWhat.get(r.what) ?? { type: r.type, stacks: new Set(), n: 0 };
    entry.n++;
    entry.stacks.add(r.stackName);
    byWhat.set(r.what, entry);
  }
  if (byWhat.size > 0) {
    lines.push('Resources:', '', ...[...byWhat].map(([what, e]) =>
      `- ${what} (\`${e.type}\`): ${count(e.n)}${e.stacks.size === 1 ? ` in ${[...e.stacks][0]}` : ` in ${plural(e.stacks.size, 'stack')}`}`), '');
  }
  if (env.missing.length > 0) {
    lines.push(`Missing: ${env.missing.join('; ')}.`, '');
  }
  if (env.checks.length > 0) {
    lines.push(`Checks (${env.checks.length} applied; ${env.notApplicable.length} found no resource of their kind):`, '',
      '| rule | status | resources checked | acknowledged | open | counts through |', '|---|---|---|---:|---:|---|',
      ...env.checks.map((c) => `| \`${c.id}\` | ${c.status} | ${Object.entries(c.resources).map(([t, n]) => `${n} ${t.replace('AWS::', '')}`).join(', ') || '-'} `
        + `| ${c.acknowledged} | ${c.open} | ${c.via ?? c.basis} |`), '');
  } else {
    lines.push(`No check applied (${env.notApplicable.length} found no resource of their kind).`, '');
  }
  if (env.openFindings.length > 0) {
    lines.push(`Open findings (${env.openFindings.length}):`, '', ...env.openFindings.map((f) => `- \`${f.rule}\` on ${f.stackName}/${f.logicalId}: ${f.description ?? ''}`), '');
  }
  if (env.acceptedRisks.length > 0) {
    lines.push(`Accepted risks (${plural(env.acceptedRisks.reduce((n, g) => n + g.findings, 0), 'finding')}):`, '', ...env.acceptedRisks.map((g) =>
      `- \`${g.rule}\` on ${plural(g.resources.length, 'resource')} (${g.resources.slice(0, 3).join(', ')}${g.resources.length > 3 ? ', ...' : ''}): ${g.reason}`));
  }
  return lines;
}
