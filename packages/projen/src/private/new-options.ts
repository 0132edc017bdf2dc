import * as fs from 'fs';
import { ServiceExposure } from '@fargate-platform/service-model';
import { InitProject, Project, python } from 'projen';
import { FargateServiceOptions } from '../service-options';
import { projectTypesVersion } from './service-files';

/** Options that hold an object: `projen new` passes them as the JSON text given on the command line. */
const OBJECT_OPTIONS = ['secrets', 'sharedSecrets', 'config', 'environments'] as const;

/**
 * The options as the project type uses them: an object option given to `projen new` as JSON text
 * (`--secrets '{"DB_PASSWORD":"arn:..."}'`) becomes the object it stands for, with a clear error
 * when the text is not a JSON object; a list (`--calls ledger,rates`) is split at its commas.
 */
export function withObjectOptions<T extends FargateServiceOptions>(options: T): T {
  checkEnumOptions(options);
  const parsed: Record<string, unknown> = { ...(options as object) };
  for (const name of OBJECT_OPTIONS) {
    const value = parsed[name];
    if (typeof value === 'string') {
      parsed[name] = parseObject(name, value);
    }
  }
  // `projen new --calls ledger rates` gives a list; `--calls ledger,rates` a list of one text with commas.
  if (typeof parsed.calls === 'string' || Array.isArray(parsed.calls)) {
    parsed.calls = ([] as unknown[]).concat(parsed.calls).flatMap((text) => String(text).split(','))
      .map((name) => name.trim()).filter((name) => name !== '');
  }
  return parsed as unknown as T;
}

/** Options that hold an enum: `projen new` turns the text given into a member by name. */
const ENUM_OPTIONS: Record<string, Record<string, string>> = { exposure: ServiceExposure };

/**
 * `projen new` renders `--exposure sideways` as `ServiceExposure.SIDEWAYS`, which is undefined at
 * run time: the option would silently take its default. The text given is in the `__new__` field.
 */
function checkEnumOptions(options: object): void {
  const given: Record<string, unknown> = (options as Record<string, any>).__new__?.args ?? {};
  for (const [name, members] of Object.entries(ENUM_OPTIONS)) {
    const text = given[name];
    if (text === undefined) {
      continue;
    }
    const member = String(text).toUpperCase().replace(/-/g, '_');
    if (!(member in members)) {
      const allowed = Object.values(members).join(', ');
      throw new Error(`--${kebab(name)} must be one of ${allowed}; got ${JSON.stringify(text)}`);
    }
  }
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
export function projenNewField(options: object, devDependency: (d: string) => string = pinProjectTypes): Record<string, unknown> {
  const field = (options as Record<string, any>).__new__;
  if (field === undefined) {
    return {};
  }
  const args = withObjectOptions(field.args ?? {});
  return { __new__: { ...field, args: { ...args, ...(args.devDeps ? { devDeps: args.devDeps.map(devDependency) } : {}) } } };
}

/**
 * projen writes `.projenrc.py` with one import per enum option, from the option type's name, which
 * for a type of another assembly is its npm name (`from @fargate-platform/service-model import
 * ServiceExposure`, not Python). The project's `.projenrc.py` writer is given the options' types
 * under their Python module names instead.
 */
export function importEnumsFromPythonModules(project: Project): void {
  const projenrc = project.components.find((c): c is python.Projenrc => c instanceof python.Projenrc);
  if (projenrc === undefined) {
    return;
  }
  const create = projenrc.projectCreation.bind(projenrc);
  projenrc.projectCreation = (init: InitProject) => create({
    ...init,
    type: { ...init.type, options: init.type.options.map((o) => (o.fqn ? { ...o, fqn: pythonTypeName(o.fqn) } : o)) },
  });
}

/**
 * A jsii type's name as Python imports it: projen writes `from @fargate-platform/service-model import
 * ServiceExposure` for an enum option of another assembly (it takes the npm name for a module); the
 * assembly's Python module is in its package.json (`fargate_platform_service_model`).
 */
export function pythonTypeName(fqn: string): string {
  const match = /^(@[^/]+\/[^.]+|[^.]+)\.(.+)$/.exec(fqn);
  if (!match) {
    return fqn;
  }
  let module: string | undefined;
  try {
    const manifest = require.resolve(`${match[1]}/package.json`);
    module = JSON.parse(fs.readFileSync(manifest, 'utf-8')).jsii?.targets?.python?.module;
  } catch {
    module = undefined;
  }
  return module ? `${module}.${match[2]}` : fqn;
}

/**
 * This package in a project's devDeps, at an exact version: `projen new --from @fargate-platform/projen`
 * lists it without one, and a range would let the platform move without an edit of the projenrc. A
 * name alone or a range becomes the version running now; an exact version is kept (that is an upgrade).
 */
export function pinProjectTypes(dependency: string): string {
  const match = /^@fargate-platform\/projen(?:@(.*))?$/.exec(dependency);
  if (!match || /^\d+\.\d+\.\d+$/.test(match[1] ?? '')) {
    return dependency;
  }
  return `@fargate-platform/projen@${projectTypesVersion()}`;
}
