import * as fs from 'fs';
import * as path from 'path';
import { CfnResource, Stack, Stage, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { PlatformError } from '../errors';
import { Acknowledgment, Compliance } from './acknowledgments';
import { CompliancePack } from './compliance-pack';
import { ComplianceFinding, ComplianceReport, FindingStatus, StackCompliance, UnusedAcknowledgment } from './compliance-report';
import { PINS } from '../private/pins';
import { addStackQuotaChecks, templateQuotaProblems } from '../private/quota-checks';
import { quotaHeadroom } from '../private/quotas';
import { requireCfnLint, runCfnLint } from './private/cfn-lint';
import { CDK_ACKNOWLEDGMENTS_METADATA_KEY } from './private/native-acknowledgments';
import { isNagPack, packOfRule, RawFinding, runGuard, runNagPack } from './private/pack-runners';

/** Options of a compliance gate run. */
export interface ComplianceGateOptions {
  /**
   * The packs to run.
   * @default - all: AwsSolutions, NIST 800-53 R5, HIPAA Security, PCI DSS 3.2.1, Control Tower, Platform, CloudFormation
   */
  readonly packs?: CompliancePack[];
  /**
   * Where to write the JSON report.
   * @default - `compliance-report.json` in the App's cloud assembly directory
   */
  readonly reportFile?: string;
}

/**
 * Runs every compliance pack over every stack of an App (or Stage), in one call.
 *
 * The gate synthesizes the app, runs the cdk-nag packs on the construct tree, the Control
 * Tower guard rules and cfn-lint (what CloudFormation will accept) on the templates, and
 * classifies each finding as open or acknowledged from the acknowledgments recorded on that
 * exact resource (`Compliance.acknowledge`). It counts from those findings, never from an
 * exit code. cfn-lint's warnings are listed and counted without failing the gate.
 *
 * The CloudFormation pack runs cfn-lint, a Python tool: `$FARGATE_PLATFORM_CFN_LINT`, else
 * `.venv/bin/cfn-lint` in the working directory or a parent folder, else `cfn-lint` on PATH.
 * Without one, the gate stops before synthesizing and says how to install the pinned version.
 *
 * Before anything is deployed it also checks the AWS quotas a stack can outgrow: the
 * synthesis fails when a stack holds too many resources, outputs or parameters, a role too
 * much inline policy, a managed or key policy too many characters, a security group too many
 * rules, or a template too many bytes. By default it fails only beyond a quota; the context
 * value `@fargate-platform/constructs:quotaHeadroom` (e.g. `0.8`) makes it fail beyond that
 * share of each quota, to keep room to grow.
 *
 * @example
 * const app = new App();
 * // ... stacks ...
 * ComplianceGate.enforce(app); // throws, listing every open finding
 */
export class ComplianceGate {
  /**
   * The cfn-lint version the platform is tested with (the CloudFormation pack's resource schemas
   * come with it): install this one (`pip install cfn-lint==<version>`).
   */
  public static readonly CFN_LINT_VERSION: string = PINS.cfnLint;

  /** Every pack, in report order. */
  public static readonly ALL_PACKS: CompliancePack[] = [
    CompliancePack.AWS_SOLUTIONS,
    CompliancePack.NIST_800_53_R5,
    CompliancePack.HIPAA_SECURITY,
    CompliancePack.PCI_DSS_321,
    CompliancePack.CONTROL_TOWER,
    CompliancePack.PLATFORM,
    CompliancePack.CLOUDFORMATION,
  ];

  /**
   * Synthesize `scope`, run the packs over each of its stacks and write the report.
   *
   * @param scope an App or Stage
   * @param options packs and report location
   */
  public static check(scope: Stage, options: ComplianceGateOptions = {}): ComplianceReport {
    const packs = options.packs ?? ComplianceGate.ALL_PACKS;
    const tools = toolsFor(packs);
    const prepared = prepare(scope, packs);
    return finish(prepared, templateFindings([prepared], packs, tools), tools, options.reportFile);
  }

  /**
   * `check` for several apps at once, each with its own report, with one cfn-guard run per set of
   * rules and one cfn-lint run for all their templates instead of one per app: both tools spend
   * much of their time starting and reading their rules. The findings are those of `check` on
   * each app (both tools check each template on its own). An app that cannot be checked (bad
   * input, a quota) gets the error that stopped it in its place; the others are checked.
   *
   * @internal
   */
  public static _checkAll(scopes: Stage[], packs: CompliancePack[] = ComplianceGate.ALL_PACKS): Array<ComplianceReport | Error> {
    const tools = toolsFor(packs);
    const prepared = scopes.map((scope) => {
      try {
        return prepare(scope, packs);
      } catch (e) {
        return e as Error;
      }
    });
    const ready = prepared.filter((p): p is Prepared => !(p instanceof Error));
    const findings = templateFindings(ready, packs, tools);
    return prepared.map((p) => (p instanceof Error ? p : finish(p, findings, tools)));
  }

  /**
   * Like `check`, then throw if anything is open or an acknowledgment matched nothing.
   *
   * @param scope an App or Stage
   * @param options packs and report location
   */
  public static enforce(scope: Stage, options: ComplianceGateOptions = {}): ComplianceReport {
    const report = ComplianceGate.check(scope, options);
    if (!report.passed) {
      throw new PlatformError(scope, `compliance gate failed\n${report.toText()}`);
    }
    return report;
  }

  private constructor() {}
}

/** An app synthesized, its quotas checked and its cdk-nag findings collected: all but cfn-guard. */
interface Prepared {
  readonly scope: Stage;
  readonly packs: CompliancePack[];
  readonly directory: string;
  /** Each stack by the full path of its template, with the template as written. */
  readonly templates: Map<string, { readonly stack: Stack; readonly content: Buffer; readonly template: any }>;
  readonly nagFindings: RawFinding[];
}

function prepare(scope: Stage, packs: CompliancePack[]): Prepared {
  const stacks = scope.node.findAll().filter((c): c is Stack => Stack.isStack(c) && !c.nested);
  stacks.forEach(addStackQuotaChecks);
  const assembly = scope.synth();
  rejectMisplacedAcknowledgments(scope);

  const templates: Prepared['templates'] = new Map();
  const quotas: string[] = [];
  for (const stack of stacks) {
    const artifact = Stage.of(stack)!.synth().getStackArtifact(stack.artifactId);
    const templatePath = path.resolve(artifact.templateFullPath);
    const content = fs.readFileSync(templatePath);
    const template = JSON.parse(content.toString());
    templates.set(templatePath, { stack, content, template });
    // As deployed: the synthesizer adds its own parameter and rule after the stack's validations ran.
    quotas.push(...templateQuotaProblems(stack.stackName, template, content.length, quotaHeadroom(stack)));
  }
  PlatformError.throwAll(scope, quotas);

  const nagFindings: RawFinding[] = [];
  for (const stack of stacks) {
    for (const pack of packs.filter(isNagPack)) {
      nagFindings.push(...runNagPack(pack, stack));
    }
  }
  return { scope, packs, directory: assembly.directory, templates, nagFindings };
}

/** The external tools the packs need, found (or a clear error) before anything is synthesized. */
interface Tools {
  readonly cfnLint?: { readonly executable: string; readonly version: string };
}

function toolsFor(packs: CompliancePack[]): Tools {
  return { cfnLint: packs.includes(CompliancePack.CLOUDFORMATION) ? requireCfnLint() : undefined };
}

/** Findings of the packs that read templates (cfn-guard, cfn-lint), over the templates of several apps at once. */
function templateFindings(apps: Prepared[], packs: CompliancePack[], tools: Tools): RawFinding[] {
  const templates = apps.flatMap((p) => [...p.templates].map(([templatePath, { stack }]) => ({
    templatePath,
    // An environment-agnostic stack is linted as if in us-east-1, cfn-lint's default.
    region: Token.isUnresolved(stack.region) ? 'us-east-1' : stack.region,
  })));
  return [
    ...(packs.includes(CompliancePack.CONTROL_TOWER) ? runGuard(templates.map((t) => t.templatePath)) : []),
    ...(tools.cfnLint ? runCfnLint(templates, tools.cfnLint.executable) : []),
  ];
}

/** Classify an app's findings (its own cdk-nag findings and the template findings on its templates) and write its report. */
function finish(prepared: Prepared, templateFindingsOfAll: RawFinding[], tools: Tools, reportFile?: string): ComplianceReport {
  const { packs, directory } = prepared;
  const ownTemplate = (f: RawFinding) => f.templatePath !== undefined && prepared.templates.has(path.resolve(f.templatePath));
  const raw = [...prepared.nagFindings, ...templateFindingsOfAll.filter(ownTemplate)];
  const results: StackCompliance[] = [];
  const unused: UnusedAcknowledgment[] = [];
  for (const [templatePath, { stack, content, template }] of prepared.templates) {
    const resources = resourceIndex(stack);
    const findings = raw
      .map((f) => locate(f, stack, templatePath, resources))
      .filter((f): f is Located => f !== undefined)
      .map(classify)
      .sort(byRuleAndResource);
    results.push({
      stack: stack.artifactId,
      stackName: stack.stackName,
      templateFile: path.relative(directory, templatePath),
      resources: Object.keys(template.Resources ?? {}).length,
      templateBytes: content.length,
      findings,
    });
    unused.push(...unusedAcknowledgments(stack, resources.byPath, findings, packs));
  }

  const toolVersions: { [tool: string]: string } = tools.cfnLint ? { 'cfn-lint': tools.cfnLint.version } : {};
  const report = new ComplianceReport({ packs, stacks: results, unusedAcknowledgments: unused, toolVersions });
  report.writeJson(reportFile ?? path.join(directory, 'compliance-report.json'));
  return report;
}

interface ResourceIndex {
  readonly byPath: Map<string, CfnResource>;
  readonly byLogicalId: Map<string, CfnResource>;
}

interface Located {
  readonly raw: RawFinding;
  readonly stack: Stack;
  readonly resource?: CfnResource;
  readonly logicalId: string;
}

function resourceIndex(stack: Stack): ResourceIndex {
  const byPath = new Map<string, CfnResource>();
  const byLogicalId = new Map<string, CfnResource>();
  for (const c of stack.node.findAll()) {
    if (CfnResource.isCfnResource(c) && Stack.of(c) === stack) {
      byPath.set(c.node.path, c);
      byLogicalId.set(stack.resolve(c.logicalId), c);
    }
  }
  return { byPath, byLogicalId };
}

/** Attach a raw finding to its resource in this stack, or drop it when it belongs to another stack. */
function locate(f: RawFinding, stack: Stack, templatePath: string, index: ResourceIndex): Located | undefined {
  if (f.constructPath !== undefined) {
    const resource = index.byPath.get(f.constructPath);
    return resource ? { raw: f, stack, resource, logicalId: stack.resolve(resource.logicalId) } : undefined;
  }
  if (f.templatePath !== undefined && path.resolve(f.templatePath) === templatePath) {
    return { raw: f, stack, resource: index.byLogicalId.get(f.logicalId ?? ''), logicalId: f.logicalId ?? '' };
  }
  return undefined;
}

function matches(ack: Acknowledgment, ruleId: string): boolean {
  return ack.ruleId === ruleId || ruleId.startsWith(`${ack.ruleId}[`);
}

function classify(located: Located): ComplianceFinding {
  const { raw, stack, resource, logicalId } = located;
  const ack = resource ? Compliance.acknowledgmentsOf(resource).find((a) => matches(a, raw.ruleId)) : undefined;
  return {
    stack: stack.artifactId,
    pack: raw.pack,
    ruleId: raw.ruleId,
    resourcePath: resource?.node.path ?? '',
    logicalId,
    resourceType: resource?.cfnResourceType ?? '',
    status: ack ? FindingStatus.ACKNOWLEDGED : raw.warning ? FindingStatus.WARNING : FindingStatus.OPEN,
    reason: ack?.reason,
    description: raw.description,
  };
}

function byRuleAndResource(a: ComplianceFinding, b: ComplianceFinding): number {
  return a.pack.localeCompare(b.pack) || a.ruleId.localeCompare(b.ruleId) || a.logicalId.localeCompare(b.logicalId);
}

/** Acknowledgments of packs that ran which matched no finding on their resource. */
function unusedAcknowledgments(stack: Stack, resources: Map<string, CfnResource>, findings: ComplianceFinding[],
  packs: CompliancePack[]): UnusedAcknowledgment[] {
  const unused: UnusedAcknowledgment[] = [];
  for (const resource of resources.values()) {
    for (const ack of Compliance.acknowledgmentsOf(resource)) {
      const pack = packOfRule(ack.ruleId);
      const ran = pack === undefined || packs.includes(pack);
      const used = findings.some((f) => f.resourcePath === resource.node.path && matches(ack, f.ruleId));
      if (ran && !used) {
        unused.push({ stack: stack.artifactId, resourcePath: resource.node.path, ruleId: ack.ruleId, reason: ack.reason });
      }
    }
  }
  return unused;
}

/**
 * CDK's own `Validations.of(scope).acknowledge(...)` applies to a whole subtree. On an
 * App, Stage, Stack or any construct that is not one resource, that would hide findings
 * wholesale: refuse it.
 */
function rejectMisplacedAcknowledgments(scope: IConstruct): void {
  const misplaced = [scope, ...scope.node.findAll()].filter((c) =>
    c.node.metadata.some((m) => m.type === CDK_ACKNOWLEDGMENTS_METADATA_KEY)
    && !CfnResource.isCfnResource(c)
    && !(c.node.defaultChild && CfnResource.isCfnResource(c.node.defaultChild) && !Stack.isStack(c)));
  PlatformError.throwAll(scope, misplaced.map((c) => `acknowledgment on '${c.node.path || '<app>'}' is not on a single `
    + 'resource; acknowledgments on an App, Stage, Stack or group of resources would hide findings. Use '
    + 'Compliance.acknowledge(resource, ruleId, reason) on the exact resource.'));
}
