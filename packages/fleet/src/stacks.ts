import { FindingStatus, StackCompliance } from '@fargate-platform/constructs';
import { CONTROLS } from './evidence/controls';
import { CheckResults } from './evidence/evaluate';
import { QuotaUse, templateQuotas } from './limits';

/** One finding of a stack, as the reports carry it. */
export interface StackFinding {
  readonly pack: string;
  /** e.g. `AwsSolutions-IAM5[Action::s3:*]`. */
  readonly rule: string;
  readonly logicalId: string;
  /** Construct path (empty when the template has no construct for it). */
  readonly resourcePath: string;
  readonly type: string;
  readonly status: FindingStatus;
  /** Why it was acknowledged (acknowledged findings only). */
  readonly reason?: string;
  /** What the rule says is wrong (open findings and warnings only: an acknowledged one has its reason). */
  readonly description?: string;
}

/** A resource of a stack that implements a control (see `CONTROLS`). */
export interface ControlResource {
  readonly logicalId: string;
  readonly type: string;
  /** What it does for the control. */
  readonly what: string;
}

/** What the fleet learned about one stack: its resources, quotas, findings and evidence. */
export interface StackReport {
  /** The app that holds it: `environments` or the service's name. */
  readonly app: string;
  /** The service, or `(environment)` for an environment's own stack. */
  readonly service: string;
  readonly environment: string;
  /** The stack's artifact id. */
  readonly stack: string;
  readonly stackName: string;
  /** Absolute paths of the template and of the app's compliance report. */
  readonly templateFile: string;
  readonly complianceReport: string;
  /** Each resource's type, by logical id. */
  readonly resources: Record<string, string>;
  /** The stack's use of each CloudFormation quota. */
  readonly quotas: QuotaUse[];
  /** Load balancer listener rules and target groups the stack adds. */
  readonly listenerRules: number;
  readonly targetGroups: number;
  readonly findings: StackFinding[];
  /** What the cdk-nag checks of the design's controls found, by rule id. */
  readonly checks: Record<string, CheckResults>;
  /** The resources that implement each control, by control id (controls with none are left out). */
  readonly controlResources: Record<string, ControlResource[]>;
}

/** Who a stack belongs to, and where its files are. */
export interface StackOwner {
  readonly app: string;
  readonly service: string;
  readonly environment: string;
  readonly templateFile: string;
  readonly complianceReport: string;
}

/** The report of one stack, from its compliance result and its template as written (`bytes` long). */
export function stackReport(owner: StackOwner, compliance: StackCompliance, template: any, bytes: number,
  checks: Record<string, CheckResults>): StackReport {
  const resources: Record<string, string> = {};
  for (const [logicalId, resource] of Object.entries<{ Type: string }>(template.Resources ?? {})) {
    resources[logicalId] = resource.Type;
  }
  const count = (type: string) => Object.values(resources).filter((t) => t === type).length;
  return {
    ...owner,
    stack: compliance.stack,
    stackName: compliance.stackName,
    resources,
    quotas: templateQuotas(template, bytes),
    listenerRules: count('AWS::ElasticLoadBalancingV2::ListenerRule'),
    targetGroups: count('AWS::ElasticLoadBalancingV2::TargetGroup'),
    findings: compliance.findings.map((f) => ({
      pack: f.pack,
      rule: f.ruleId,
      logicalId: f.logicalId,
      resourcePath: f.resourcePath,
      type: f.resourceType,
      status: f.status,
      ...(f.reason ? { reason: f.reason } : {}),
      ...(f.status !== FindingStatus.ACKNOWLEDGED ? { description: f.description } : {}),
    })),
    checks,
    controlResources: controlResources(template),
  };
}

/** The resources of a template each control's selectors find (see `Control.resources`). */
export function controlResources(template: any): Record<string, ControlResource[]> {
  const found: Record<string, ControlResource[]> = {};
  const entries = Object.entries<{ Type: string; Properties?: unknown }>(template.Resources ?? {});
  for (const control of CONTROLS) {
    for (const selector of control.resources) {
      for (const [logicalId, resource] of entries.filter(([, r]) => r.Type === selector.type)) {
        if (selector.contains === undefined || JSON.stringify(resource.Properties ?? {}).includes(selector.contains)) {
          (found[control.id] ??= []).push({ logicalId, type: resource.Type, what: selector.what });
        }
      }
    }
  }
  return found;
}
