import { Quota, Quotas } from '@fargate-platform/service-model';

/** A CloudFormation quota a stack's template is checked against. */
export interface TemplateLimit {
  readonly quota: Quota;
  readonly measure: (template: any, bytes: number) => number;
}

/** The share of a quota at which the fleet stops: room to grow before a deploy fails. */
export const HEADROOM = Quotas.FLEET_HEADROOM;

/** CloudFormation's per-stack quotas (templates are uploaded to S3 by the CDK, hence 1 MB). */
export const TEMPLATE_LIMITS: TemplateLimit[] = [
  { quota: Quotas.STACK_RESOURCES, measure: (t) => Object.keys(t.Resources ?? {}).length },
  { quota: Quotas.TEMPLATE_BYTES, measure: (_t, bytes) => bytes },
  { quota: Quotas.STACK_OUTPUTS, measure: (t) => Object.keys(t.Outputs ?? {}).length },
  { quota: Quotas.STACK_PARAMETERS, measure: (t) => Object.keys(t.Parameters ?? {}).length },
  { quota: Quotas.STACK_MAPPINGS, measure: (t) => Object.keys(t.Mappings ?? {}).length },
];

/** How much of one quota something uses, and where the fleet stops. */
export interface QuotaUse {
  /** What is counted: `resources`, `template bytes`, `listener rules`. */
  readonly quota: string;
  readonly used: number;
  /** AWS's quota. */
  readonly max: number;
  /** The most the fleet accepts: `HEADROOM` of the quota. */
  readonly limit: number;
}

/** A quota use at the fleet's headroom. */
export function quotaUse(quota: string, used: number, max: number): QuotaUse {
  return { quota, used, max, limit: Math.floor(max * HEADROOM) };
}

/** The use of each CloudFormation quota by a template of `bytes` bytes. */
export function templateQuotas(template: any, bytes: number): QuotaUse[] {
  return TEMPLATE_LIMITS.map((limit) => quotaUse(limit.quota.unit, limit.measure(template, bytes), limit.quota.max));
}

/** Every quota of which a template uses more than 80 %, as a sentence naming stack, quota, use and limit. */
export function limitProblems(stack: string, template: any, bytes: number): string[] {
  return templateQuotas(template, bytes)
    .filter((q) => q.used > q.limit)
    .map((q) => `${stack}: ${q.quota} ${q.used} is beyond ${HEADROOM * 100} % of CloudFormation's limit of ${q.max}`);
}
