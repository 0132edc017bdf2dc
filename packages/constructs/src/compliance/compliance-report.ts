import * as fs from 'fs';
import * as path from 'path';
import { CompliancePack } from './compliance-pack';

/** Whether a finding still needs fixing. */
export enum FindingStatus {
  /** Not fixed and not acknowledged: fails the gate. */
  OPEN = 'open',
  /** Accepted on this exact resource, with a reason. */
  ACKNOWLEDGED = 'acknowledged',
  /**
   * A warning of its pack (cfn-lint's W rules), not acknowledged: listed and counted, does not
   * fail the gate. Fix it, or acknowledge it with the reason it stays.
   */
  WARNING = 'warning',
}

/** One rule failing on one resource. */
export interface ComplianceFinding {
  /** The stack's artifact id. */
  readonly stack: string;
  readonly pack: CompliancePack;
  /** e.g. `AwsSolutions-IAM5[Action::s3:*]` or `ct-s3-pr-1`. */
  readonly ruleId: string;
  /** Construct path of the resource (empty when the template has no construct for it). */
  readonly resourcePath: string;
  /** Logical id of the resource in the template. */
  readonly logicalId: string;
  /** CloudFormation type, e.g. `AWS::S3::Bucket`. */
  readonly resourceType: string;
  readonly status: FindingStatus;
  /** Why the finding was acknowledged (acknowledged findings only). */
  readonly reason?: string;
  /** What the rule says is wrong. */
  readonly description: string;
}

/** The findings of one stack. */
export interface StackCompliance {
  /** The stack's artifact id. */
  readonly stack: string;
  /** The stack's CloudFormation name. */
  readonly stackName: string;
  /** Template file, relative to the cloud assembly directory. */
  readonly templateFile: string;
  /** Number of resources in the template. */
  readonly resources: number;
  /** Size of the template in bytes. */
  readonly templateBytes: number;
  readonly findings: ComplianceFinding[];
}

/** An acknowledgment that matched no finding of the packs that ran: remove it or fix its rule id. */
export interface UnusedAcknowledgment {
  readonly stack: string;
  readonly resourcePath: string;
  readonly ruleId: string;
  readonly reason: string;
}

/** Properties of a report. */
export interface ComplianceReportProps {
  /** The packs that ran. */
  readonly packs: CompliancePack[];
  readonly stacks: StackCompliance[];
  readonly unusedAcknowledgments: UnusedAcknowledgment[];
  /**
   * Versions of the external tools that produced the findings, e.g. `{ 'cfn-lint': '1.58.0' }`.
   * @default - none recorded
   */
  readonly toolVersions?: { [tool: string]: string };
}

/**
 * What a compliance gate found, stack by stack: every finding of every pack, open or
 * acknowledged (with its reason). Counts come from the findings, never from an exit code.
 */
export class ComplianceReport {
  public readonly packs: CompliancePack[];
  public readonly stacks: StackCompliance[];
  public readonly unusedAcknowledgments: UnusedAcknowledgment[];
  /** Versions of the external tools that produced the findings. */
  public readonly toolVersions: { [tool: string]: string };

  constructor(props: ComplianceReportProps) {
    this.packs = props.packs;
    this.stacks = props.stacks;
    this.unusedAcknowledgments = props.unusedAcknowledgments;
    this.toolVersions = props.toolVersions ?? {};
  }

  /** Every finding of every stack. */
  public get findings(): ComplianceFinding[] {
    return this.stacks.flatMap((s) => s.findings);
  }

  /** Findings that fail the gate. */
  public get openFindings(): ComplianceFinding[] {
    return this.findings.filter((f) => f.status === FindingStatus.OPEN);
  }

  /** Findings accepted on their resource with a reason. */
  public get acknowledgedFindings(): ComplianceFinding[] {
    return this.findings.filter((f) => f.status === FindingStatus.ACKNOWLEDGED);
  }

  /** Warnings of their pack that are neither fixed nor acknowledged: listed, but they do not fail the gate. */
  public get warningFindings(): ComplianceFinding[] {
    return this.findings.filter((f) => f.status === FindingStatus.WARNING);
  }

  /**
   * Number of findings with a status, optionally of one pack.
   *
   * @param status open or acknowledged
   * @param pack only this pack
   * @default - every pack
   */
  public count(status: FindingStatus, pack?: CompliancePack): number {
    return this.findings.filter((f) => f.status === status && (pack === undefined || f.pack === pack)).length;
  }

  /** True when nothing is open and every acknowledgment matched a finding. */
  public get passed(): boolean {
    return this.openFindings.length === 0 && this.unusedAcknowledgments.length === 0;
  }

  /** The report as plain JSON, sorted so that it diffs well. */
  public toJson(): any {
    const summary: Record<string, { open: number; acknowledged: number; warnings: number }> = {};
    for (const pack of this.packs) {
      summary[pack] = {
        open: this.count(FindingStatus.OPEN, pack),
        acknowledged: this.count(FindingStatus.ACKNOWLEDGED, pack),
        warnings: this.count(FindingStatus.WARNING, pack),
      };
    }
    return {
      packs: this.packs,
      toolVersions: this.toolVersions,
      passed: this.passed,
      openFindings: this.openFindings.length,
      acknowledgedFindings: this.acknowledgedFindings.length,
      warnings: this.warningFindings.length,
      unusedAcknowledgments: this.unusedAcknowledgments,
      summary,
      stacks: this.stacks.map((s) => ({
        stack: s.stack,
        stackName: s.stackName,
        templateFile: s.templateFile,
        resources: s.resources,
        templateBytes: s.templateBytes,
        findings: s.findings.map((f) => ({
          pack: f.pack,
          rule: f.ruleId,
          resource: f.resourcePath,
          logicalId: f.logicalId,
          type: f.resourceType,
          status: f.status,
          ...(f.reason ? { reason: f.reason } : {}),
          description: f.description,
        })),
      })),
    };
  }

  /**
   * Write the JSON report.
   *
   * @param file where to write it; folders are created
   */
  public writeJson(file: string): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(this.toJson(), undefined, 2) + '\n');
  }

  /** A short human-readable account: counts per pack, then every open finding. */
  public toText(): string {
    const lines = [`compliance: ${this.openFindings.length} open, ${this.acknowledgedFindings.length} acknowledged, `
      + `${this.warningFindings.length} warnings, ${this.unusedAcknowledgments.length} unused acknowledgments, ${this.stacks.length} stacks`];
    for (const pack of this.packs) {
      lines.push(`  ${pack.padEnd(16)} open ${this.count(FindingStatus.OPEN, pack)}, acknowledged ${this.count(FindingStatus.ACKNOWLEDGED, pack)}, `
        + `warnings ${this.count(FindingStatus.WARNING, pack)}`);
    }
    for (const f of [...this.openFindings, ...this.warningFindings]) {
      const label = f.status === FindingStatus.OPEN ? 'OPEN' : 'WARNING';
      lines.push(`  ${label} ${f.ruleId} on ${f.resourcePath || f.logicalId} (${f.resourceType || 'not a resource'}) in ${f.stack}: ${f.description}`);
    }
    for (const a of this.unusedAcknowledgments) {
      lines.push(`  UNUSED acknowledgment ${a.ruleId} on ${a.resourcePath} in ${a.stack}: no such finding`);
    }
    return lines.join('\n');
  }
}
