import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PlatformError } from '../../errors';
import { PINS } from '../../private/pins';
import { CompliancePack } from '../compliance-pack';
import type { CfnLintJob } from './cfn-lint-worker';
import { RawFinding } from './pack-runners';

/** Environment variable naming the cfn-lint executable, when it is not found by itself. */
export const CFN_LINT_ENV = 'FARGATE_PLATFORM_CFN_LINT';

/** One template to lint, with the region it deploys to (cfn-lint checks AZs, instance types, ... per region). */
export interface LintTarget {
  readonly templatePath: string;
  readonly region: string;
}

/** What cfn-lint prints per match with `--format json`. */
interface CfnLintMatch {
  readonly Filename: string;
  readonly Level: 'Error' | 'Warning' | 'Informational';
  readonly Message: string;
  readonly Location: { readonly Path: Array<string | number> };
  readonly Rule: { readonly Id: string; readonly ShortDescription: string };
}

/** How to install the pinned cfn-lint, for the error a user sees when it is missing. */
export function cfnLintInstallHint(): string {
  return `install it with 'python3 -m venv .venv && .venv/bin/pip install cfn-lint==${PINS.cfnLint}' in the project folder `
    + `(the gate looks for .venv/bin/cfn-lint here and in every parent folder, then on PATH), or set ${CFN_LINT_ENV} to `
    + 'its path; or leave CompliancePack.CLOUDFORMATION out of the gate\'s packs';
}

/**
 * The cfn-lint executable: `$FARGATE_PLATFORM_CFN_LINT`, else `.venv/bin/cfn-lint` in the working
 * directory or the nearest parent that has one (a service repository's own virtualenv, or the
 * monorepo's), else `cfn-lint` on PATH.
 */
export function findCfnLint(cwd: string = process.cwd()): string | undefined {
  const explicit = process.env[CFN_LINT_ENV];
  if (explicit) {
    return explicit;
  }
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, '.venv', 'bin', 'cfn-lint');
    if (fs.existsSync(candidate)) {
      return candidate;
    }
    if (path.dirname(dir) === dir) {
      break;
    }
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter((d) => d)) {
    const candidate = path.join(dir, 'cfn-lint');
    if (fs.existsSync(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

const versions = new Map<string, string>();

/** The version an executable reports (`cfn-lint 1.58.0` gives `1.58.0`), asked once per process. */
export function cfnLintVersion(executable: string): string {
  let version = versions.get(executable);
  if (version === undefined) {
    const result = spawnSync(executable, ['--version'], { encoding: 'utf-8' });
    const match = /(\d+\.\d+\.\d+)/.exec(`${result.stdout ?? ''}`);
    if (result.error || result.status !== 0 || !match) {
      throw new PlatformError(undefined, `the CloudFormation pack cannot run cfn-lint '${executable}' `
        + `(${result.error?.message ?? (result.stderr || `exit code ${result.status}`).trim()}): ${cfnLintInstallHint()}`);
    }
    version = match[1];
    versions.set(executable, version);
  }
  return version;
}

/**
 * The cfn-lint the gate will use and its version; a clear error when there is none, or when it is
 * not the pinned version: the resource schemas ship with cfn-lint, so another version reports other
 * findings (1.51 refuses `Tags` on a Dashboard, which CloudFormation accepts), and the platform's
 * acknowledgments and tests hold for the pinned one.
 */
export function requireCfnLint(): { readonly executable: string; readonly version: string } {
  const executable = findCfnLint();
  if (!executable) {
    throw new PlatformError(undefined, `the CloudFormation pack (CompliancePack.CLOUDFORMATION) needs cfn-lint, which was not found: ${cfnLintInstallHint()}`);
  }
  const version = cfnLintVersion(executable);
  if (version !== PINS.cfnLint) {
    throw new PlatformError(undefined, `the CloudFormation pack needs cfn-lint ${PINS.cfnLint}, the version its rules are tested with; `
      + `'${executable}' is ${version}: ${cfnLintInstallHint()}`);
  }
  return { executable, version };
}

/**
 * Split templates into batches, one cfn-lint process each: per region, about as many batches
 * as processes run at once, balanced by template size (cfn-lint's time grows with it), and
 * never a batch for a single small template when another can take it (each process costs
 * about 0.7 s to start).
 */
export function lintBatches(targets: LintTarget[], parallel: number): Array<{ region: string; templates: string[] }> {
  const byRegion = new Map<string, LintTarget[]>();
  targets.forEach((t) => byRegion.set(t.region, [...(byRegion.get(t.region) ?? []), t]));
  const batches: Array<{ region: string; templates: string[] }> = [];
  for (const [region, group] of byRegion) {
    const sized = group.map((t) => ({ file: t.templatePath, bytes: fs.statSync(t.templatePath).size })).sort((a, b) => b.bytes - a.bytes);
    const count = Math.max(1, Math.min(parallel, Math.ceil(sized.length / 2)));
    const bins = Array.from({ length: count }, () => ({ bytes: 0, templates: [] as string[] }));
    for (const t of sized) {
      const lightest = bins.reduce((a, b) => (b.bytes < a.bytes ? b : a));
      lightest.bytes += t.bytes;
      lightest.templates.push(t.file);
    }
    batches.push(...bins.map((b) => ({ region, templates: b.templates.sort() })));
  }
  return batches;
}

/**
 * The compiled worker script beside this module; from the TypeScript sources (the library's own
 * tests), the compiled copy in lib/.
 */
function workerScript(): string {
  const candidates = [__dirname, path.join(__dirname, '..', '..', '..', 'lib', 'compliance', 'private')]
    .map((dir) => path.join(dir, 'cfn-lint-worker.js'));
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) {
    throw new PlatformError(undefined, `the CloudFormation pack's worker script is missing (looked for ${candidates.join(', ')}): compile the library`);
  }
  return found;
}

/**
 * The rules cfn-lint does not run on a template it recognizes as the CDK's (`Template.is_cdk_template`
 * in cfn-lint 1.58: W3010 hard-coded zones, I1022 Sub over Join, I4010/W4011/W4012 the resource
 * context metadata), because the template is generated from constructs. It recognizes one by its
 * `aws:cdk:path` metadata or CDKMetadata resource, which a synthesis may leave out (integ-runner,
 * an app run without the CDK CLI, `--no-path-metadata`): the gate lints every template as the CDK
 * template it is, so the result does not depend on how the app was synthesized.
 */
export const CDK_EXEMPT_RULES = ['W3010', 'I1022', 'I4010', 'W4011', 'W4012'];

/**
 * Lint the templates with cfn-lint, several processes at once, and return its matches as
 * findings of the CloudFormation pack: errors and warnings (cfn-lint's default rule set).
 */
export function runCfnLint(targets: LintTarget[], executable: string): RawFinding[] {
  if (targets.length === 0) {
    return [];
  }
  const parallel = os.availableParallelism();
  const job: CfnLintJob = { executable, batches: lintBatches(targets, parallel), parallel, ignore: CDK_EXEMPT_RULES };
  const result = spawnSync(process.execPath, [workerScript()], {
    input: JSON.stringify(job), encoding: 'utf-8', maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error || result.status !== 0) {
    throw new PlatformError(undefined, `the CloudFormation pack could not lint the templates: ${result.error?.message ?? result.stderr}`);
  }
  const byFile = new Map(targets.map((t) => [path.resolve(t.templatePath), t.templatePath]));
  return (JSON.parse(result.stdout) as CfnLintMatch[])
    .filter((m) => m.Level === 'Error' || m.Level === 'Warning')
    .map((m) => {
      const where = m.Location.Path;
      const onResource = where[0] === 'Resources' && typeof where[1] === 'string';
      return {
        pack: CompliancePack.CLOUDFORMATION,
        ruleId: `${CompliancePack.CLOUDFORMATION}-${m.Rule.Id}`,
        description: `${m.Message} (at ${where.join('/')}; cfn-lint ${m.Rule.Id}: ${m.Rule.ShortDescription})`,
        logicalId: onResource ? String(where[1]) : where.slice(0, 2).join('/'),
        templatePath: byFile.get(path.resolve(m.Filename)) ?? m.Filename,
        warning: m.Level === 'Warning',
      };
    });
}
