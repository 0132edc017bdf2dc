import { FargateServiceOptions } from '../service-options';

/** Options that hold an object: `projen new` passes them as the JSON text given on the command line. */
const OBJECT_OPTIONS = ['secrets', 'sharedSecrets', 'config', 'environments'] as const;

/**
 * The options as the project type uses them: an object option given to `projen new` as JSON text
 * (`--secrets '{"DB_PASSWORD":"arn:..."}'`) becomes the object it stands for, with a clear error
 * when the text is not a JSON object.
 */
export function withObjectOptions<T extends FargateServiceOptions>(options: T): T {
  const parsed: Record<string, unknown> = { ...(options as object) };
  for (const name of OBJECT_OPTIONS) {
    const value = parsed[name];
    if (typeof value === 'string') {
      parsed[name] = parseObject(name, value);
    }
  }
  return parsed as unknown as T;
}

function parseObject(name: string, text: string): object {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`--${kebab(name)} must be a JSON object such as '{"NAME":"value"}'; got ${text} (${(e as Error).message})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`--${kebab(name)} must be a JSON object such as '{"NAME":"value"}'; got ${text}`);
  }
  return value;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/**
 * The internal field through which `projen new` tells the project type it is being created (so
 * that the projenrc file gets written), with object options parsed: the projenrc renders each
 * option with `JSON.stringify`, so an object given as JSON text would be written as a string and
 * fail to compile on the next run. Our constructors name the options they pass to their base
 * class, so they forward it explicitly.
 */
export function projenNewField(options: object): Record<string, unknown> {
  const field = (options as Record<string, any>).__new__;
  if (field === undefined) {
    return {};
  }
  return { __new__: { ...field, args: withObjectOptions(field.args ?? {}) } };
}
