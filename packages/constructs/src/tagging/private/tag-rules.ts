import { AwsRules } from '@fargate-platform/service-model';
import { CfnResource, Stack, TagManager, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { isGenericTaggable, renderedTags } from '../../private/generic-tags';

/** What is wrong with a tag (the service model's rule, `AwsRules.tagProblems`); nothing for a token. */
export function tagProblems(key: string, value: string): string[] {
  return Token.isUnresolved(key) || Token.isUnresolved(value) ? [] : AwsRules.tagProblems(key, value);
}

/** Every tag a resource will carry, as key/value pairs. */
function tagsOf(resource: CfnResource): Array<[string, string]> {
  let rendered: unknown;
  if (TagManager.isTaggable(resource)) {
    rendered = Stack.of(resource).resolve(resource.tags.renderTags());
  } else if (isGenericTaggable(resource)) {
    rendered = renderedTags(resource);
  }
  if (Array.isArray(rendered)) {
    return rendered
      .filter((t) => t && typeof t === 'object')
      .map((t) => [String(t.Key ?? t.key ?? ''), String(t.Value ?? t.value ?? '')]);
  }
  return rendered && typeof rendered === 'object' ? Object.entries(rendered as Record<string, unknown>).map(([k, v]) => [k, String(v)]) : [];
}

/**
 * Tag problems of every resource (and stack) under `scope`, one message per distinct problem,
 * with how many resources carry it.
 */
export function tagProblemsUnder(scope: IConstruct): string[] {
  const seen = new Map<string, { count: number; example: string }>();
  const record = (path: string, tags: Array<[string, string]>) => {
    for (const [key, value] of tags) {
      for (const problem of tagProblems(key, value)) {
        const entry = seen.get(problem) ?? { count: 0, example: path };
        entry.count++;
        seen.set(problem, entry);
      }
    }
  };
  for (const c of scope.node.findAll()) {
    if (Stack.isStack(c)) {
      record(c.node.path, Object.entries(c.tags.tagValues()));
    } else if (CfnResource.isCfnResource(c)) {
      record(c.node.path, tagsOf(c));
    }
  }
  return [...seen].map(([problem, { count, example }]) => `${problem} (on ${count} ${count === 1 ? 'resource or stack' : 'resources or stacks'}, e.g. ${example})`);
}
