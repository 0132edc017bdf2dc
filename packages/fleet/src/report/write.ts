import * as fs from 'fs';
import * as path from 'path';
import { buildEvidence, ComplianceEvidence } from '../evidence/evidence';
import { RISK_REGISTER_FILE, riskRegister, riskRegisterMarkdown } from '../evidence/risk-register';
import { FleetReport } from '../fleet';
import { compareReports, readPreviousReport } from './changes';
import { buildDocument, FleetReportDocument } from './document';
import { evidenceMarkdown } from './evidence-markdown';
import { renderHtml } from './html';
import { markdown } from './markdown';
import { gitCommit, toolchainVersions } from './metadata';

/** The files the fleet writes at the repository root. */
export const REPORT_FILES = {
  json: 'fleet-report.json',
  markdown: 'fleet-report.md',
  html: 'fleet-report.html',
  evidenceJson: 'compliance-evidence.json',
  evidenceMarkdown: 'compliance-evidence.md',
};

/** Where the reports go and what they compare with. */
export interface WriteReportsOptions {
  /** The repository root: the reports are written there, and their links are relative to it. */
  readonly root: string;
  /**
   * The report to compare with.
   * @default - the fleet-report.json at the root, read before it is overwritten
   */
  readonly since?: string;
  /** @default - now */
  readonly generatedAt?: string;
}

/** The reports of a run, written: the document, the evidence, and the files (absolute). */
export interface WrittenReports {
  readonly document: FleetReportDocument;
  readonly evidence: ComplianceEvidence;
  readonly files: string[];
}

/**
 * Write every report of a run at the root: fleet-report.json (the document), .md and .html, and
 * compliance-evidence.json and .md, after comparing with the previous fleet-report.json; after a
 * run of the whole fleet, docs/RISK-REGISTER.md.
 */
export function writeReports(run: FleetReport, options: WriteReportsOptions): WrittenReports {
  const at = (file: string) => path.join(options.root, file);
  const sinceFile = options.since ?? at(REPORT_FILES.json);
  const previous = readPreviousReport(sinceFile);
  const context = {
    root: options.root,
    generatedAt: options.generatedAt ?? new Date().toISOString(),
    commit: gitCommit(options.root),
    versions: toolchainVersions(run.rows.map((r) => r.platformVersion), run.toolVersions),
  };
  const shown = path.relative(options.root, sinceFile).split(path.sep).join('/');
  const document = buildDocument(run, context, (current) => compareReports(previous, current, shown.startsWith('..') ? sinceFile : shown));
  const evidence = buildEvidence(run.stacks, run.environments, run.partial, context);
  const outputs: Array<[string, string]> = [
    [REPORT_FILES.json, JSON.stringify(document, undefined, 2) + '\n'],
    [REPORT_FILES.markdown, markdown(document)],
    [REPORT_FILES.html, renderHtml(document, evidence)],
    [REPORT_FILES.evidenceJson, JSON.stringify(evidence, undefined, 2) + '\n'],
    [REPORT_FILES.evidenceMarkdown, evidenceMarkdown(evidence)],
  ];
  // The register of accepted risks is the fleet's as a whole: a run of part of it leaves the committed copy alone.
  if (!run.partial) {
    outputs.push([RISK_REGISTER_FILE, riskRegisterMarkdown(riskRegister(run.stacks, run.environments), run.environments)]);
  }
  for (const [file, content] of outputs) {
    fs.mkdirSync(path.dirname(at(file)), { recursive: true });
    fs.writeFileSync(at(file), content);
  }
  return { document, evidence, files: outputs.map(([file]) => at(file)) };
}
