import { Changes, Delta, FindingRef, hasChanges, ResourceRef } from './changes';
import { FleetReportDocument, Status } from './document';
import { count, headroom, percentOf, plural, shortSha, tightest } from './format';

/** How many items of a list of changes the Markdown shows before it says how many more there are. */
const LIST_LIMIT = 20;

/** fleet-report.md: verdict, provenance, changes, the rows with links, routes, quota headroom, acknowledgments, problems. */
export function markdown(doc: FleetReportDocument): string {
  return [
    '# Fleet report',
    '',
    ...summary(doc),
    '',
    '## Changes since the previous run',
    '',
    ...changeLines(doc.changes),
    '',
    '## Services and environments',
    '',
    '| service | environment | runtime | status | stacks | resources | open findings | acknowledgments | warnings | platform version | compliance report | templates |',
    '|---|---|---|---|---:|---:|---:|---:|---:|---|---|---|',
    ...doc.rows.map((r) => `| ${r.service} | ${r.environment} | ${r.runtime || '-'} | ${r.status} | ${r.stacks} | ${count(r.resources)} | ${r.openFindings} `
      + `| ${r.acknowledgments} | ${r.warnings} | ${r.platformVersion} | ${link('report', r.report)} | ${r.templates.map((t) => link(stackKind(t.stackName), t.file)).join(', ')} |`),
    '',
    '## Route plan',
    '',
    ...(doc.routes.length === 0 ? ['No public service.'] : [
      'Listener rules of the public services, assigned fleet-wide (most specific path first), the same in every environment.',
      '',
      '| load balancer | priority | path | service | environments |',
      '|---:|---:|---|---|---|',
      ...doc.routes.map((r) => `| ${r.loadBalancer} | ${r.priority} | \`${r.pathPattern}\` | ${r.service} | ${r.environments.join(', ')} |`),
    ]),
    '',
    '## Quota headroom',
    '',
    'Use of each quota, and what is left before the fleet stops (at 80 % of the quota, to leave room to grow).',
    '',
    '### Load balancers',
    '',
    '| environment | load balancer | services | listener rules | target groups |',
    '|---|---:|---:|---|---|',
    ...doc.loadBalancers.map((lb) => `| ${lb.environment} | ${lb.index} | ${lb.services.length} | ${lb.quotas.map(headroom).join(' | ')} |`),
    '',
    '### CloudFormation, per stack (tightest first)',
    '',
    `| stack | ${doc.stacks[0]?.quotas.map((q) => q.quota).join(' | ') ?? ''} |`,
    `|---|${doc.stacks[0]?.quotas.map(() => '---:').join('|') ?? ''}|`,
    ...[...doc.stacks]
      .sort((a, b) => ratio(tightest(b.quotas)) - ratio(tightest(a.quotas)) || a.stackName.localeCompare(b.stackName))
      .map((s) => `| ${link(s.stackName, s.template)} | ${s.quotas.map((q) => `${count(q.used)} / ${count(q.max)} (${percentOf(q)} %)`).join(' | ')} |`),
    '',
    '## Acknowledgments by rule and pack',
    '',
    ...(doc.acknowledgments.length === 0 ? ['None.'] : [
      'Findings accepted on their resource, each with the reason recorded there (`Compliance.acknowledge`); a rule\'s',
      '`[detail]` variants are counted together.',
      '',
      '| pack | rule | acknowledged | resources | environments | services | reasons |',
      '|---|---|---:|---:|---|---:|---:|',
      ...doc.acknowledgments.map((a) => `| ${a.pack} | \`${a.rule}\` | ${count(a.count)} | ${count(a.resources)} | ${a.environments.join(', ')} `
        + `| ${a.services.length} | ${a.reasons.length} |`),
      '',
      '### Reasons',
      '',
      ...doc.acknowledgments.flatMap((a) => [`- \`${a.rule}\` (${a.pack}):`, ...a.reasons.map((r) => `  - ${r}`)]),
    ]),
    '',
    doc.problems.length === 0 ? '## No problems' : `## Problems (${doc.problems.length})`,
    '',
    ...(doc.problems.length === 0 ? ['Nothing open, no route clash, no stack beyond 80 % of a quota.'] : doc.problems.map((p) => `- ${p}`)),
    '',
  ].join('\n');
}

/** The verdict and where the report comes from, in a few lines. */
export function summary(doc: FleetReportDocument): string[] {
  const t = doc.totals;
  const commit = doc.commit
    ? `commit \`${shortSha(doc.commit.sha)}\`${doc.commit.branch ? ` (${doc.commit.branch})` : ''}${doc.commit.subject ? ` "${doc.commit.subject}"` : ''}`
      + (doc.commit.dirty ? ', with uncommitted changes' : '')
    : 'no git commit';
  return [
    `**${doc.verdict === Status.PASS ? 'PASS' : 'FAIL'}**: ${plural(t.services, 'service')} in ${plural(t.environments, 'environment')}`
      + `${doc.scope.partial ? ' (a partial run)' : ''}, ${plural(t.stacks, 'stack')}, ${plural(t.resources, 'resource')}, `
      + `${plural(t.openFindings, 'open finding')}, ${plural(t.acknowledgments, 'acknowledgment')}, ${plural(t.warnings, 'warning')}, `
      + `${plural(t.problems, 'problem')}.`,
    '',
    `From ${commit}; generated ${doc.generatedAt} in ${doc.seconds} s. `
      + `Versions: ${Object.entries(doc.versions).map(([k, v]) => `${k} ${v}`).join(', ')}.`,
    '',
    'Also: [fleet-report.html](fleet-report.html) (the matrix, to click through), '
      + '[compliance-evidence.md](compliance-evidence.md) (each control in each environment, for auditors), '
      + '[fleet-report.json](fleet-report.json) (all of it, for tools).',
  ];
}

/** The changes since the previous report, as Markdown lines. */
export function changeLines(changes: Changes): string[] {
  if (changes.firstRun) {
    return ['First run: no previous fleet-report.json to compare with.', ...changes.notes.map((n) => `(${n})`)];
  }
  const since = changes.since!;
  const details = [since.commit ? `commit \`${shortSha(since.commit)}\`` : undefined, since.generatedAt, since.verdict].filter((d) => d !== undefined);
  const lines = [`Compared with ${since.file}${details.length > 0 ? ` (${details.join(', ')})` : ''}.`, ''];
  if (!hasChanges(changes)) {
    lines.push('No change: the same services, stacks, resources, findings and acknowledgments.');
  } else {
    lines.push(
      ...deltaLines('Services', changes.services, (s) => s),
      ...deltaLines('Rows', changes.rows, (s) => s),
      ...deltaLines('Stacks', changes.stacks, (s) => s),
      ...deltaLines('Resources', changes.resources, (r: ResourceRef) => `${r.stackName}/${r.logicalId} (${r.type})`),
      ...deltaLines('Open findings and warnings', changes.findings, (f: FindingRef) => `${f.rule} on ${f.stackName}/${f.logicalId}`),
      ...deltaLines('Acknowledgments', changes.acknowledgments, (f: FindingRef) => `${f.rule} on ${f.stackName}/${f.logicalId}`),
    );
    if (changes.counts.length > 0) {
      lines.push('', '| service | environment | count | before | after |', '|---|---|---|---:|---:|',
        ...changes.counts.map((c) => `| ${c.service} | ${c.environment} | ${c.count} | ${c.before} | ${c.after} |`));
    }
  }
  return [...lines, ...changes.notes.map((n) => `\nNote: ${n}.`)];
}

function deltaLines<T>(title: string, delta: Delta<T>, label: (item: T) => string): string[] {
  if (delta.added.length + delta.removed.length === 0) {
    return [];
  }
  const list = (sign: string, items: T[]) => [
    ...items.slice(0, LIST_LIMIT).map((i) => `  - ${sign} ${label(i)}`),
    ...(items.length > LIST_LIMIT ? [`  - ... and ${items.length - LIST_LIMIT} more (fleet-report.json has them all)`] : []),
  ];
  return [`- ${title}: ${delta.added.length} added, ${delta.removed.length} removed`, ...list('+', delta.added), ...list('-', delta.removed)];
}

function link(text: string, file: string): string {
  return file ? `[${text}](${file})` : text;
}

/** `runtime` of `orders-develop-runtime`, `environment` of `develop-environment`. */
export function stackKind(stackName: string): string {
  return stackName.slice(stackName.lastIndexOf('-') + 1);
}

function ratio(q: { used: number; limit: number } | undefined): number {
  return q ? q.used / q.limit : 0;
}
