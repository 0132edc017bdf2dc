import { EVIDENCE_LABELS } from './evidence-markdown';
import { count, plural } from './format';
import { elementId, escapeHtml as e } from './html-escape';
import { byFramework, ComplianceEvidence, ControlEvidence, EnvironmentEvidence } from '../evidence/evidence';

/** The id of a control's drill-down in one environment. */
export function controlCellId(control: string, environment: string): string {
  return elementId('control', control, environment);
}

/** The compliance section of fleet-report.html: controls x environments coloured by status, each cell drilling down. */
export function complianceSection(evidence: ComplianceEvidence): string {
  const rows = byFramework(evidence.controls).flatMap(([framework, controls]) => [
    `<tr><th colspan="${evidence.environments.length + 2}">${e(framework)}</th></tr>`,
    ...controls.map((c) => `<tr><th scope="row">${e(c.id)}</th><td>${e(c.title)}</td>${c.environments.map((env) =>
      `<td><a class="cell ev-${env.status}" data-status="${env.status}" href="#${controlCellId(c.id, env.environment)}">${e(EVIDENCE_LABELS[env.status])}</a></td>`).join('')}</tr>`),
  ]);
  return `<section id="compliance"><h2>Compliance evidence</h2>
<p class="note">Each control of the design in each environment: the resources that implement it, the checks that ran on how many
resources, and the accepted risks. What maps to what: <a href="docs/COMPLIANCE.md">docs/COMPLIANCE.md</a>; all of it: <a href="compliance-evidence.json">compliance-evidence.json</a>.
${evidence.partial ? ' A partial run: missing resources are not reported.' : ''}</p>
<table class="matrix evidence"><thead><tr><th>control</th><th>title</th>${evidence.environments.map((env) => `<th>${e(env)}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>
${evidence.controls.flatMap((c) => c.environments.map((env) => controlDetail(c, env))).join('\n')}
</section>`;
}

function controlDetail(control: ControlEvidence, env: EnvironmentEvidence): string {
  const byWhat = new Map<string, { type: string; resources: string[] }>();
  for (const r of env.resources) {
    const entry = byWhat.get(r.what) ?? { type: r.type, resources: [] };
    entry.resources.push(`${r.stackName}/${r.logicalId}`);
    byWhat.set(r.what, entry);
  }
  return `<article class="detail" id="${controlCellId(control.id, env.environment)}">
<h3>${e(control.id)} ${e(control.title)} in ${e(env.environment)} <span class="badge ev-${env.status}">${e(EVIDENCE_LABELS[env.status])}</span></h3>
<p>${e(control.framework)}. The design: ${e(control.design)}.${control.inherits ? ` Takes the checks and resources of ${e(control.inherits.join(', '))}.` : ''}</p>
${byWhat.size === 0 ? '' : `<h4>Resources</h4><ul>${[...byWhat].map(([what, r]) =>
  `<li>${e(what)} (<code>${e(r.type)}</code>): <details><summary>${plural(r.resources.length, 'resource')}</summary>${r.resources.map((x) => `<div><code>${e(x)}</code></div>`).join('')}</details></li>`).join('')}</ul>`}
${env.missing.length === 0 ? '' : `<p class="status-fail">Missing: ${e(env.missing.join('; '))}.</p>`}
<h4>Checks (${env.checks.length} applied, ${env.notApplicable.length} found no resource of their kind)</h4>
${env.checks.length === 0 ? '' : `<table class="checks"><thead><tr><th>rule</th><th>status</th><th>resources checked</th><th class="num">acknowledged</th><th class="num">open</th><th>counts through</th></tr></thead><tbody>
${env.checks.map((c) => `<tr class="check-${c.status}"><td><code>${e(c.id)}</code></td><td>${e(c.status)}</td>`
    + `<td>${e(Object.entries(c.resources).map(([t, n]) => `${count(n)} ${t.replace('AWS::', '')}`).join(', ') || '-')}</td>`
    + `<td class="num">${c.acknowledged}</td><td class="num">${c.open}</td><td>${e(c.via ?? c.basis)}</td></tr>`).join('\n')}
</tbody></table>`}
${env.openFindings.length === 0 ? '' : `<h4>Open findings</h4><ul>${env.openFindings.map((f) =>
  `<li class="status-fail"><code>${e(f.rule)}</code> on ${e(f.stackName)}/${e(f.logicalId)}: ${e(f.description ?? '')}</li>`).join('')}</ul>`}
${env.acceptedRisks.length === 0 ? '<p>No accepted risk.</p>' : `<h4>Accepted risks</h4><ul class="risks">${env.acceptedRisks.map((g) =>
  `<li><code>${e(g.rule)}</code> (${e(g.pack)}): ${e(g.reason)} <details><summary>${plural(g.resources.length, 'resource')}, ${plural(g.findings, 'finding')}</summary>`
    + `${g.resources.map((r) => `<div><code>${e(r)}</code></div>`).join('')}</details></li>`).join('')}</ul>`}
</article>`;
}
