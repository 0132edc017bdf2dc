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

/** Every quota of which a template uses more than 80 %, as a sentence naming stack, quota, use and limit. */
export function limitProblems(stack: string, template: any, bytes: number): string[] {
  return TEMPLATE_LIMITS
    .map((limit) => ({ limit, used: limit.measure(template, bytes) }))
    .filter(({ limit, used }) => used > limit.quota.max * HEADROOM)
    .map(({ limit, used }) => `${stack}: ${limit.quota.unit} ${used} is beyond ${HEADROOM * 100} % of CloudFormation's limit of ${limit.quota.max}`);
}
