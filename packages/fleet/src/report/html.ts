import { FindingStatus } from '@fargate-platform/constructs';
import { ComplianceEvidence } from '../evidence/evidence';
import { baseRuleId } from '../evidence/rule-catalog';
import { QuotaUse } from '../limits';
import { Changes, Delta, hasChanges } from './changes';
import { FleetReportDocument, ReportRow, ReportStack, Status } from './document';
import { count, percentOf, plural, shortSha } from './format';
import { elementId, escapeHtml as e } from './html-escape';
import { complianceSection } from './html-evidence';
import { STYLE } from './html-style';
import { stackKind, summary } from './markdown';
import { ENVIRONMENT_ROW } from './rows';

/** The id of a row's drill-down. */
export function cellId(service: string, environment: string): string {
  return elementId('cell', service === ENVIRONMENT_ROW ? 'environment' : service, environment);
}

/**
 * fleet-report.html, one static page: the services x environments matrix coloured by status, each
 * cell drilling down to its stacks (quota headroom, findings, acknowledgments, files), the changes
 * since the previous run, the route plan, load balancer headroom, acknowledgments by rule and pack,
 * the compliance evidence (when given) and the problems. Links are relative to the repository root,
 * where the page is written.
 */
export function renderHtml(doc: FleetReportDocument, evidence?: ComplianceEvidence): string {
  const verdict = doc.verdict === Status.PASS ? 'PASS' : 'FAIL';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Fleet report: ${verdict}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Fleet report <span class="verdict status-${doc.verdict}" id="verdict">${verdict}</span></h1>
<p class="totals" id="totals">${e(summary(doc)[0].replace(/^\*\*[A-Z]+\*\*: /, ''))}</p>
<p class="provenance">${provenance(doc)}</p>
<nav><a href="#matrix">Matrix</a><a href="#changes">Changes</a><a href="#routes">Route plan</a><a href="#load-balancers">Load balancers</a>`
    + `<a href="#acknowledgments">Acknowledgments</a>${evidence ? '<a href="#compliance">Compliance</a>' : ''}<a href="#problems">Problems</a></nav>
</header>
${matrix(doc)}
${changesSection(doc.changes)}
${routesSection(doc)}
${loadBalancerSection(doc)}
${acknowledgmentSection(doc)}
${evidence ? complianceSection(evidence) : ''}
${problemSection(doc)}
</body>
</html>
`;
}

function provenance(doc: FleetReportDocument): string {
  const commit = doc.commit
    ? `commit <code>${e(shortSha(doc.commit.sha))}</code>${doc.commit.branch ? ` on ${e(doc.commit.branch)}` : ''}`
      + `${doc.commit.subject ? `: ${e(doc.commit.subject)}` : ''}${doc.commit.dirty ? ' (with uncommitted changes)' : ''}`
    : 'no git commit';
  return `From ${commit}. Generated ${e(doc.generatedAt)} in ${e(doc.seconds)} s. `
    + Object.entries(doc.versions).map(([k, v]) => `${e(k)} ${e(v)}`).join(' · ')
    + ' · <a href="fleet-report.md">Markdown</a> · <a href="fleet-report.json">JSON</a> · <a href="compliance-evidence.md">compliance evidence</a>';
}

function matrix(doc: FleetReportDocument): string {
  const services = [...new Set(doc.rows.map((r) => r.service))]
    .sort((a, b) => (a === ENVIRONMENT_ROW ? -1 : b === ENVIRONMENT_ROW ? 1 : a.localeCompare(b)));
  const environments = doc.scope.environments;
  const rowOf = (service: string, environment: string) => doc.rows.find((r) => r.service === service && r.environment === environment);
  const changed = changedRows(doc);
  const lines = services.map((service) => {
    const runtime = doc.rows.find((r) => r.service === service)?.runtime ?? '';
    const cells = environments.map((env) => {
      const row = rowOf(service, env);
      const moved = changed.has(`${service}/${env}`);
      return row
        ? `<td><a class="cell status-${row.status}${moved ? ' changed' : ''}" href="#${cellId(service, env)}" data-status="${row.status}" title="${e(`${service} in ${env}: ${row.status}`)}">`
          + `${e(row.status)} · ${count(row.resources)} resources · ${row.openFindings} open · ${row.acknowledgments} ack${row.warnings ? ` · ${plural(row.warnings, 'warning')}` : ''}`
          + `${moved ? ' · <b>changed</b>' : ''}</a></td>`
        : '<td><span class="cell status-missing" data-status="missing">not in this run</span></td>';
    }).join('');
    return `<tr><th scope="row">${e(service)}</th><td>${e(runtime || '-')}</td>${cells}</tr>`;
  });
  return `<section id="matrix">
<h2>Services × environments</h2>
<p class="note">Click a cell for its stacks: quota headroom, findings, acknowledgments and files.
<span class="badge status-pass">pass</span> nothing open · <span class="badge status-warn">warn</span> warnings only ·
<span class="badge status-fail">fail</span> an open finding or a problem · <span class="badge status-missing">not in this run</span> ·
outlined: changed since the previous run.</p>
<table class="matrix"><thead><tr><th>service</th><th>runtime</th>${environments.map((env) => `<th>${e(env)}</th>`).join('')}</tr></thead>
<tbody>
${lines.join('\n')}
</tbody></table>
${doc.rows.map((row) => cellDetail(doc, row)).join('\n')}
</section>`;
}

/** Rows (`service/environment`) that changed since the previous run: added, a count moved, or a stack of theirs changed. */
export function changedRows(doc: FleetReportDocument): Set<string> {
  const c = doc.changes;
  const stackRow = new Map(doc.stacks.map((s) => [s.stackName, `${s.service}/${s.environment}`]));
  const byStack = (names: string[]) => names.map((n) => stackRow.get(n)).filter((r): r is string => r !== undefined);
  return new Set([
    ...c.rows.added,
    ...c.counts.map((x) => `${x.service}/${x.environment}`),
    ...byStack([...c.stacks.added, ...c.stacks.removed]),
    ...byStack([...c.resources.added, ...c.resources.removed].map((r) => r.stackName)),
    ...byStack([...c.findings.added, ...c.findings.removed, ...c.acknowledgments.added, ...c.acknowledgments.removed].map((f) => f.stackName)),
  ]);
}

function cellDetail(doc: FleetReportDocument, row: ReportRow): string {
  const stacks = doc.stacks.filter((s) => s.service === row.service && s.environment === row.environment);
  const route = doc.routes.find((r) => r.service === row.service);
  const lb = route ? doc.loadBalancers.find((l) => l.environment === row.environment && l.index === route.loadBalancer) : undefined;
  return `<article class="detail" id="${cellId(row.service, row.environment)}">
<h3>${e(row.service)} in ${e(row.environment)} <span class="badge status-${row.status}">${e(row.status)}</span></h3>
<p>${row.runtime ? `${e(row.runtime)}, ` : ''}${e(row.kind)}, platform ${e(row.platformVersion)}: ${plural(row.stacks, 'stack')}, ${plural(row.resources, 'resource')},
${plural(row.openFindings, 'open finding')}, ${plural(row.acknowledgments, 'acknowledgment')}, ${plural(row.warnings, 'warning')}.
${row.report ? `<a href="${e(row.report)}">compliance report</a>` : ''}${row.templates.map((t) => ` · <a href="${e(t.file)}">${e(stackKind(t.stackName))} template</a>`).join('')}</p>
${route ? `<p>Route: <code>${e(route.pathPattern)}</code>, priority ${route.priority} on load balancer ${route.loadBalancer}.</p>` : ''}
${lb ? quotaTable(`Load balancer ${lb.index} of ${row.environment}`, lb.quotas) : ''}
${stacks.map(stackDetail).join('\n')}
</article>`;
}

function stackDetail(stack: ReportStack): string {
  const open = stack.findings.filter((f) => f.status !== FindingStatus.ACKNOWLEDGED);
  const acknowledged = stack.findings.filter((f) => f.status === FindingStatus.ACKNOWLEDGED);
  const groups = new Map<string, { rule: string; reason: string; resources: Set<string>; findings: number }>();
  for (const f of acknowledged) {
    const key = `${baseRuleId(f.rule)}\n${f.reason ?? ''}`;
    const g = groups.get(key) ?? { rule: baseRuleId(f.rule), reason: f.reason ?? '', resources: new Set<string>(), findings: 0 };
    g.findings++;
    g.resources.add(f.resourcePath || f.logicalId);
    groups.set(key, g);
  }
  return `<section class="stack" data-stack="${e(stack.stackName)}">
<h4>${e(stack.stackName)} <span class="badge status-${stack.status}">${e(stack.status)}</span> <a href="${e(stack.template)}">template</a></h4>
${quotaTable('CloudFormation quotas', stack.quotas)}
${open.length === 0 ? '<p>No open finding, no warning.</p>' : `<table class="findings"><thead><tr><th>status</th><th>rule</th><th>resource</th><th>what is wrong</th></tr></thead><tbody>
${open.map((f) => `<tr class="status-${f.status === FindingStatus.OPEN ? 'fail' : 'warn'}"><td>${e(f.status)}</td><td><code>${e(f.rule)}</code></td>`
    + `<td>${e(f.resourcePath || f.logicalId)}</td><td>${e(f.description ?? '')}</td></tr>`).join('\n')}
</tbody></table>`}
${groups.size === 0 ? '' : `<table class="acknowledgments"><thead><tr><th>acknowledged rule</th><th class="num">findings</th><th>resources</th><th>reason</th></tr></thead><tbody>
${[...groups.values()].map((g) => `<tr><td><code>${e(g.rule)}</code></td><td class="num">${g.findings}</td>`
    + `<td><details><summary>${plural(g.resources.size, 'resource')}</summary>${[...g.resources].map((r) => `<div><code>${e(r)}</code></div>`).join('')}</details></td>`
    + `<td>${e(g.reason)}</td></tr>`).join('\n')}
</tbody></table>`}
</section>`;
}

function quotaTable(title: string, quotas: QuotaUse[]): string {
  return `<table class="quotas"><thead><tr><th>${e(title)}</th><th class="num">used</th><th class="num">quota</th><th class="num">fleet limit (80 %)</th><th class="num">left</th><th>use</th></tr></thead><tbody>
${quotas.map((q) => `<tr data-quota="${e(q.quota)}"><td>${e(q.quota)}</td><td class="num">${count(q.used)}</td><td class="num">${count(q.max)}</td>`
    + `<td class="num">${count(q.limit)}</td><td class="num">${count(q.limit - q.used)}</td>`
    + `<td><span class="bar" title="${percentOf(q)} % of the quota"><span class="${q.used > q.limit * 0.75 ? 'high' : ''}" style="width: ${Math.min(100, percentOf(q))}%"></span><i></i></span> ${percentOf(q)} %</td></tr>`).join('\n')}
</tbody></table>`;
}

function changesSection(changes: Changes): string {
  let body: string;
  if (changes.firstRun) {
    body = '<p id="first-run">First run: no previous fleet-report.json to compare with.</p>';
  } else {
    const since = changes.since!;
    body = `<p>Compared with <code>${e(since.file)}</code>${since.commit ? `, commit <code>${e(shortSha(since.commit))}</code>` : ''}`
      + `${since.generatedAt ? `, generated ${e(since.generatedAt)}` : ''}${since.verdict ? ` (${e(since.verdict)})` : ''}.</p>`;
    if (!hasChanges(changes)) {
      body += '<p>No change: the same services, stacks, resources, findings and acknowledgments.</p>';
    } else {
      body += `<table class="changes"><thead><tr><th>what</th><th class="num">added</th><th class="num">removed</th><th>which</th></tr></thead><tbody>
${delta('services', changes.services, (s) => s)}${delta('rows', changes.rows, (s) => s)}${delta('stacks', changes.stacks, (s) => s)}
${delta('resources', changes.resources, (r) => `${r.stackName}/${r.logicalId} (${r.type})`)}
${delta('open findings and warnings', changes.findings, (f) => `${f.rule} on ${f.stackName}/${f.logicalId}`)}
${delta('acknowledgments', changes.acknowledgments, (f) => `${f.rule} on ${f.stackName}/${f.logicalId}`)}
</tbody></table>`;
      if (changes.counts.length > 0) {
        body += `<table class="counts"><thead><tr><th>service</th><th>environment</th><th>count</th><th class="num">before</th><th class="num">after</th></tr></thead><tbody>
${changes.counts.map((c) => `<tr><td>${e(c.service)}</td><td>${e(c.environment)}</td><td>${e(c.count)}</td><td class="num">${c.before}</td><td class="num">${c.after}</td></tr>`).join('\n')}
</tbody></table>`;
      }
    }
  }
  return `<section id="changes"><h2>Changes since the previous run</h2>
${body}${changes.notes.map((n) => `<p class="note">${e(n)}.</p>`).join('')}
</section>`;
}

function delta<T>(what: string, d: Delta<T>, label: (item: T) => string): string {
  if (d.added.length + d.removed.length === 0) {
    return '';
  }
  const items = [...d.added.map((i) => `+ ${label(i)}`), ...d.removed.map((i) => `− ${label(i)}`)];
  return `<tr><td>${e(what)}</td><td class="num">${d.added.length}</td><td class="num">${d.removed.length}</td>`
    + `<td><details><summary>${plural(items.length, 'change')}</summary>${items.map((i) => `<div><code>${e(i)}</code></div>`).join('')}</details></td></tr>`;
}

function routesSection(doc: FleetReportDocument): string {
  return `<section id="routes"><h2>Route plan</h2>
${doc.routes.length === 0 ? '<p>No public service.</p>' : `<p class="note">Listener rules of the public services, assigned fleet-wide (most specific path first), the same in every environment.</p>
<table class="routes"><thead><tr><th class="num">load balancer</th><th class="num">priority</th><th>path</th><th>service</th><th>environments</th></tr></thead><tbody>
${doc.routes.map((r) => `<tr><td class="num">${r.loadBalancer}</td><td class="num">${r.priority}</td><td><code>${e(r.pathPattern)}</code></td>`
    + `<td><a href="#${cellId(r.service, r.environments[r.environments.length - 1] ?? '')}">${e(r.service)}</a></td><td>${e(r.environments.join(', '))}</td></tr>`).join('\n')}
</tbody></table>`}
</section>`;
}

function loadBalancerSection(doc: FleetReportDocument): string {
  return `<section id="load-balancers"><h2>Load balancer headroom</h2>
${doc.loadBalancers.map((lb) => quotaTable(`${lb.environment}, load balancer ${lb.index} (${plural(lb.services.length, 'service')})`, lb.quotas)).join('\n')}
</section>`;
}

function acknowledgmentSection(doc: FleetReportDocument): string {
  return `<section id="acknowledgments"><h2>Acknowledgments by rule and pack</h2>
${doc.acknowledgments.length === 0 ? '<p>None.</p>' : `<table class="acknowledgments"><thead><tr><th>pack</th><th>rule</th><th class="num">acknowledged</th><th class="num">resources</th><th>environments</th><th class="num">services</th><th>reasons</th></tr></thead><tbody>
${doc.acknowledgments.map((a) => `<tr><td>${e(a.pack)}</td><td><code>${e(a.rule)}</code></td><td class="num">${count(a.count)}</td><td class="num">${count(a.resources)}</td>`
    + `<td>${e(a.environments.join(', '))}</td><td class="num">${a.services.length}</td><td>${a.reasons.map((r) => `<div>${e(r)}</div>`).join('')}</td></tr>`).join('\n')}
</tbody></table>`}
</section>`;
}

function problemSection(doc: FleetReportDocument): string {
  return `<section id="problems"><h2>${doc.problems.length === 0 ? 'No problems' : `Problems (${doc.problems.length})`}</h2>
${doc.problems.length === 0 ? '<p>Nothing open, no route clash, no stack beyond 80 % of a quota.</p>'
  : `<ul>${doc.problems.map((p) => `<li class="status-fail">${e(p)}</li>`).join('\n')}</ul>`}
</section>`;
}
