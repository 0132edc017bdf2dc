import { CfnResource, Stack, TagManager } from 'aws-cdk-lib';

/**
 * Resource types that CDK's own custom-resource providers create as generic CfnResources,
 * which `Tags.of(...)` cannot reach although CloudFormation can tag them.
 */
export const GENERIC_TAGGABLE_TYPES = new Set(['AWS::IAM::Role', 'AWS::Lambda::Function']);

/** A generic (non-L1) resource of a type CloudFormation can tag. */
export function isGenericTaggable(resource: CfnResource): boolean {
  return !TagManager.isTaggable(resource) && GENERIC_TAGGABLE_TYPES.has(resource.cfnResourceType);
}

/** The `Tags` of a generic resource as it will be rendered, overrides included. */
export function renderedTags(resource: CfnResource): Record<string, string> {
  const rendered = Stack.of(resource).resolve((resource as unknown as { _toCloudFormation(): any })._toCloudFormation());
  const properties = Object.values<any>(rendered.Resources ?? {})[0]?.Properties ?? {};
  const tags: Array<{ Key: string; Value: string }> = Array.isArray(properties.Tags) ? properties.Tags : [];
  return Object.fromEntries(tags.map((t) => [t.Key, t.Value]));
}
