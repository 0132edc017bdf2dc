import { App, CfnResource, Stack, TagManager } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { EnvironmentProfile, PlatformEnvironment, PlatformEnvironmentProps } from '../../src';
import { isGenericTaggable } from '../../src/private/generic-tags';

export const CERTIFICATE_ARN = 'arn:aws:acm:us-east-1:111111111111:certificate/0b5c2f5e-1111-4a4a-9b9b-0123456789ab';
export const KAFKA = { brokers: ['b-1.kafka.internal:9094', 'b-2.kafka.internal:9094'], securityGroupId: 'sg-0123456789abcdef0' };
export const TAGS = { owner: 'platform-team', costCenter: 'cc-1000', compliance: 'nist-800-53-r5 soc2' };
/** The prefix list com.amazonaws.us-east-1.s3. */
export const S3_PREFIX_LIST_ID = 'pl-63a5400a';

export interface EnvironmentFixture {
  readonly app: App;
  readonly stack: Stack;
  readonly environment: PlatformEnvironment;
}

/** One environment in its own stack (account 111111111111, us-east-1). */
export function environmentFixture(profile: EnvironmentProfile, overrides: Partial<PlatformEnvironmentProps> = {},
  app = new App()): EnvironmentFixture {
  const stack = new Stack(app, `${profile.name}-environment`, { env: { account: '111111111111', region: 'us-east-1' } });
  const environment = new PlatformEnvironment(stack, 'Environment', {
    profile,
    certificate: acm.Certificate.fromCertificateArn(stack, 'Certificate', CERTIFICATE_ARN),
    kafka: KAFKA,
    tags: TAGS,
    s3PrefixListId: S3_PREFIX_LIST_ID,
    ...overrides,
  });
  return { app, stack, environment };
}

/** A synthesized environment: its template and the logical ids of the resources that can carry tags. */
export interface SynthesizedEnvironment {
  readonly template: Template;
  readonly json: any;
  readonly taggable: string[];
}

const cache = new Map<string, SynthesizedEnvironment>();

/** The synthesized environment of a profile, memoized by the profile's settings. */
export function synthesizeEnvironment(profile: EnvironmentProfile): SynthesizedEnvironment {
  const key = JSON.stringify(profile);
  let result = cache.get(key);
  if (!result) {
    const { stack } = environmentFixture(profile);
    const template = Template.fromStack(stack);
    result = { template, json: template.toJSON(), taggable: taggableIds(stack) };
    cache.set(key, result);
  }
  return result;
}

/** The logical ids of a stack's resources that can carry tags. */
export function taggableIds(stack: Stack): string[] {
  return stack.node.findAll()
    .filter((c): c is CfnResource => CfnResource.isCfnResource(c) && (TagManager.isTaggable(c) || isGenericTaggable(c)))
    .map((r) => stack.resolve(r.logicalId) as string);
}

/** A resource's tags as a map, whether the template lists them or maps them. */
export function tagsOf(properties: any): Record<string, string> {
  const tags = properties?.Tags;
  return Array.isArray(tags) ? Object.fromEntries(tags.map((t: any) => [t.Key, t.Value])) : (tags ?? {});
}

/** Whether a rule is acknowledged on a resource of a template (`Compliance.acknowledge`). */
export function acknowledged(resource: any, rule: string): boolean {
  return (resource.Metadata?.['fargate-platform:acknowledgments'] ?? []).some((a: any) => a.ruleId === rule);
}

/** Resources of one type in a template, by logical id. */
export function resourcesOf(json: any, type: string): Array<[string, any]> {
  return Object.entries<any>(json.Resources).filter(([, r]) => r.Type === type);
}
