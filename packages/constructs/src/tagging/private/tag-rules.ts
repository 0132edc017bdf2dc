import { CfnResource, Stack, TagManager, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { isGenericTaggable, renderedTags } from '../../private/generic-tags';

/**
 * The strictest tag rules of the services the platform tags. IAM, Lambda, ECS and others accept
 * only letters, digits, white space and `_ . : / = + - @` in keys and values (a comma, `;`, `<`,
 * `!` or a newline is refused when the stack deploys); keys hold 1-128 characters, values up to
 * 256, and the `aws:` prefix is reserved.
 */
const ALLOWED = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const MAX_KEY = 128;
const MAX_VALUE = 256;
const ALLOWED_TEXT = 'letters, digits, spaces and _ . : / = + - @';

/** What is wrong with a tag, as sentences naming the key, the value and what is allowed; empty when nothing. */
export function tagProblems(key: string, value: string): string[] {
  const problems: string[] = [];
  const shown = `tag ${JSON.stringify(key)}=${JSON.stringify(value)}`;
  if (Token.isUnresolved(key) || Token.isUnresolved(value)) {
    return problems;
  }
  if (key.length < 1 || key.length > MAX_KEY) {
    problems.push(`${shown}: a tag key holds 1-${MAX_KEY} characters; got ${key.length}`);
  }
  if (!ALLOWED.test(key)) {
    problems.push(`${shown}: a tag key may hold only ${ALLOWED_TEXT}`);
  }
  if (/^aws:/i.test(key)) {
    problems.push(`${shown}: the tag key prefix 'aws:' is reserved for AWS`);
  }
  if (value.length > MAX_VALUE) {
    problems.push(`${shown.slice(0, 80)}...: a tag value holds at most ${MAX_VALUE} characters; got ${value.length}`);
  }
  if (!ALLOWED.test(value)) {
    problems.push(`${shown}: a tag value may hold only ${ALLOWED_TEXT} (IAM, Lambda and ECS refuse anything else)`);
  }
  return problems;
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
