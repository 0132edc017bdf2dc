/** A CloudFormation quota a stack's template is checked against. */
export interface TemplateLimit {
  readonly name: string;
  readonly max: number;
  readonly measure: (template: any, bytes: number) => number;
}

/** The share of a quota at which the fleet stops: room to grow before a deploy fails. */
export const HEADROOM = 0.8;

/** CloudFormation's per-stack quotas (templates are uploaded to S3 by the CDK, hence 1 MB). */
export const TEMPLATE_LIMITS: TemplateLimit[] = [
  { name: 'resources', max: 500, measure: (t) => Object.keys(t.Resources ?? {}).length },
  { name: 'template bytes', max: 1_000_000, measure: (_t, bytes) => bytes },
  { name: 'outputs', max: 200, measure: (t) => Object.keys(t.Outputs ?? {}).length },
  { name: 'parameters', max: 200, measure: (t) => Object.keys(t.Parameters ?? {}).length },
  { name: 'mappings', max: 200, measure: (t) => Object.keys(t.Mappings ?? {}).length },
];

/** Every quota of which a template uses more than 80 %, as a sentence naming stack, quota, use and limit. */
export function limitProblems(stack: string, template: any, bytes: number): string[] {
  return TEMPLATE_LIMITS
    .map((limit) => ({ limit, used: limit.measure(template, bytes) }))
    .filter(({ limit, used }) => used > limit.max * HEADROOM)
    .map(({ limit, used }) => `${stack}: ${limit.name} ${used} is beyond ${HEADROOM * 100} % of CloudFormation's limit of ${limit.max}`);
}
