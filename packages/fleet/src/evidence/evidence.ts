import { CompliancePack, FindingStatus } from '@fargate-platform/constructs';
import { CommitInfo } from '../report/metadata';
import { StackReport } from '../stacks';
import { Control, CONTROLS, Framework } from './controls';
import { baseRuleId, checksOf, controlsOfRule } from './rule-catalog';

/** The format of compliance-evidence.json. */
export const EVIDENCE_FORMAT = 'fargate-platform/compliance-evidence@1';

/** How a control stands in one environment. */
export enum EvidenceStatus {
  /** Its checks pass on the resources they apply to, and its resources are there. */
  ENFORCED = 'enforced',
  /** Enforced, with findings accepted on named resources, each with its reason. */
  ACCEPTED_RISK = 'accepted-risk',
  /** A resource that implements it is missing from the environment. */
  GAP = 'gap',
  /** A check of it has an open finding. */
  FAILING = 'failing',
  /** No check applies and no resource implements it here. */
  NO_EVIDENCE = 'no-evidence',
}

/** How one check of a control came out in one environment. */
export enum CheckStatus {
  PASS = 'pass',
  /** Failing only on resources where the finding is acknowledged. */
  ACCEPTED = 'accepted',
  FAIL = 'fail',
}

/** One check of a control in one environment. */
export interface CheckEvidence {
  readonly id: string;
  readonly pack: string;
  /** The NIST control a SOC 2 criterion takes it from. */
  readonly via?: string;
  /** Why it counts for the control: `cdk-nag: AC-2(1)` or `platform`. */
  readonly basis: string;
  readonly status: CheckStatus;
  /** Resources it checked, by type. */
  readonly resources: Record<string, number>;
  readonly acknowledged: number;
  readonly open: number;
}

/** A finding that touches a control: an accepted risk (with its reason) or an open one (with what is wrong). */
export interface EvidenceFinding {
  readonly rule: string;
  readonly pack: string;
  readonly stackName: string;
  readonly logicalId: string;
  readonly resourcePath: string;
  readonly reason?: string;
  readonly description?: string;
}

/** Findings of one rule (its `[detail]` variants together) accepted with one reason: a risk accepted on named resources. */
export interface AcceptedRisk {
  readonly rule: string;
  readonly pack: string;
  readonly reason: string;
  readonly findings: number;
  /** `stackName/logicalId` of each resource. */
  readonly resources: string[];
}

/** A resource that implements a control. */
export interface EvidenceResource {
  readonly stackName: string;
  readonly logicalId: string;
  readonly type: string;
  readonly what: string;
}

/** A control in one environment: the checks that ran, the resources, the accepted risks. */
export interface EnvironmentEvidence {
  readonly environment: string;
  readonly status: EvidenceStatus;
  /** Checks that applied to at least one resource. */
  readonly checks: CheckEvidence[];
  /** Checks of the control that found no resource of their kind here. */
  readonly notApplicable: string[];
  readonly resources: EvidenceResource[];
  /** Resources the control expects (its selectors' `what`) that the environment lacks. */
  readonly missing: string[];
  /** Acknowledged findings of rules that count for the control, by rule and reason, most resources first. */
  readonly acceptedRisks: AcceptedRisk[];
  readonly openFindings: EvidenceFinding[];
}

/** One control with its evidence in each environment. */
export interface ControlEvidence extends Omit<Control, 'resources'> {
  readonly environments: EnvironmentEvidence[];
}

/** compliance-evidence.json: for each control of the design, in each environment, what enforces it and how it stands. */
export interface ComplianceEvidence {
  readonly format: string;
  readonly generatedAt: string;
  readonly commit?: CommitInfo;
  readonly versions: Record<string, string>;
  /** The run left out services or the environments' own stacks: resources may be missing from it, not from the platform. */
  readonly partial: boolean;
  readonly environments: string[];
  readonly controls: ControlEvidence[];
}

/** The evidence of a run: each control in each environment, from its stacks' checks, resources and findings. */
export function buildEvidence(stacks: StackReport[], environments: string[], partial: boolean,
  meta: { generatedAt: string; commit?: CommitInfo; versions: Record<string, string> }): ComplianceEvidence {
  return {
    format: EVIDENCE_FORMAT,
    generatedAt: meta.generatedAt,
    ...(meta.commit ? { commit: meta.commit } : {}),
    versions: meta.versions,
    partial,
    environments,
    controls: CONTROLS.map(({ resources: _selectors, ...control }) => ({
      ...control,
      environments: environments.map((environment) =>
        environmentEvidence(control.id, stacks.filter((s) => s.environment === environment), environment, partial)),
    })),
  };
}

function environmentEvidence(controlId: string, stacks: StackReport[], environment: string, partial: boolean): EnvironmentEvidence {
  const control = CONTROLS.find((c) => c.id === controlId)!;
  const covered = [controlId, ...(control.inherits ?? [])];

  const checks: CheckEvidence[] = [];
  const notApplicable: string[] = [];
  for (const { check, via } of checksOf(controlId)) {
    const types: Record<string, number> = {};
    for (const stack of stacks) {
      const checked = check.pack === CompliancePack.CONTROL_TOWER
        ? Object.keys(stack.resources).filter((id) => check.resourceTypes?.includes(stack.resources[id]))
        : [...(stack.checks[check.id]?.compliant ?? []), ...(stack.checks[check.id]?.noncompliant ?? [])];
      for (const id of new Set(checked)) {
        const type = stack.resources[id] ?? 'unknown';
        types[type] = (types[type] ?? 0) + 1;
      }
    }
    const findings = stacks.flatMap((s) => s.findings).filter((f) => baseRuleId(f.rule) === check.id);
    const open = findings.filter((f) => f.status !== FindingStatus.ACKNOWLEDGED).length;
    const acknowledged = findings.length - open;
    if (Object.keys(types).length === 0 && findings.length === 0) {
      notApplicable.push(check.id);
      continue;
    }
    checks.push({
      id: check.id,
      pack: check.pack,
      ...(via ? { via } : {}),
      basis: check.basis[via ?? controlId],
      status: open > 0 ? CheckStatus.FAIL : acknowledged > 0 ? CheckStatus.ACCEPTED : CheckStatus.PASS,
      resources: types,
      acknowledged,
      open,
    });
  }

  const resources: EvidenceResource[] = stacks.flatMap((s) => covered.flatMap((id) => (s.controlResources[id] ?? [])
    .map((r) => ({ stackName: s.stackName, ...r }))));
  const expected = CONTROLS.filter((c) => covered.includes(c.id)).flatMap((c) => c.resources.map((r) => r.what));
  const missing = partial ? [] : [...new Set(expected)].filter((what) => !resources.some((r) => r.what === what));

  const touching = stacks.flatMap((s) => s.findings
    .filter((f) => f.status !== FindingStatus.WARNING && controlsOfRule(f.rule).some((c) => covered.includes(c)))
    .map((f) => ({ finding: f, stackName: s.stackName })));
  const asEvidence = ({ finding: f, stackName }: { finding: StackReport['findings'][number]; stackName: string }): EvidenceFinding => ({
    rule: f.rule,
    pack: f.pack,
    stackName,
    logicalId: f.logicalId,
    resourcePath: f.resourcePath,
    ...(f.reason ? { reason: f.reason } : {}),
    ...(f.description ? { description: f.description } : {}),
  });
  const acceptedRisks = acceptedRisksOf(touching.filter((t) => t.finding.status === FindingStatus.ACKNOWLEDGED).map(asEvidence));
  const openFindings = touching.filter((t) => t.finding.status === FindingStatus.OPEN).map(asEvidence);

  let status: EvidenceStatus;
  if (openFindings.length > 0) {
    status = EvidenceStatus.FAILING;
  } else if (missing.length > 0) {
    status = EvidenceStatus.GAP;
  } else if (checks.length === 0 && resources.length === 0) {
    status = EvidenceStatus.NO_EVIDENCE;
  } else {
    status = acceptedRisks.length > 0 ? EvidenceStatus.ACCEPTED_RISK : EvidenceStatus.ENFORCED;
  }
  return { environment, status, checks, notApplicable, resources, missing, acceptedRisks, openFindings };
}

/** Acknowledged findings grouped by rule (details together) and reason, most resources first. */
export function acceptedRisksOf(findings: EvidenceFinding[]): AcceptedRisk[] {
  const groups = new Map<string, { rule: string; pack: string; reason: string; findings: number; resources: Set<string> }>();
  for (const f of findings) {
    const rule = baseRuleId(f.rule);
    const key = `${rule}\n${f.reason ?? ''}`;
    const group = groups.get(key) ?? { rule, pack: f.pack, reason: f.reason ?? '', findings: 0, resources: new Set<string>() };
    group.findings++;
    group.resources.add(`${f.stackName}/${f.logicalId}`);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((g) => ({ ...g, resources: [...g.resources] }))
    .sort((a, b) => b.resources.length - a.resources.length || a.rule.localeCompare(b.rule) || a.reason.localeCompare(b.reason));
}

/** The frameworks in report order, with their controls. */
export function byFramework<T extends { framework: Framework }>(controls: T[]): Array<[Framework, T[]]> {
  return [Framework.NIST, Framework.SOC2].map((f) => [f, controls.filter((c) => c.framework === f)]);
}
