import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';

/**
 * The gates as a team applies them to its own CDK app on this aws-cdk-lib: the Control Tower guard
 * rules (`@cdklabs/cdk-validator-cfnguard`) as a validation plugin of the App, which CDK runs over
 * the written templates at the end of synth; the four cdk-nag packs the platform runs, each over
 * every stack with `validateScope` (`runNagPacks`). cdk-nag 3 documents registering its packs as
 * validation plugins, but on aws-cdk-lib 2.257 that fails in every pack ("NagPack requires a
 * construct tree on the validation context": the validation context does not carry it yet), and
 * cdk-nag names `validateScope` for such CDK versions.
 *
 * @param outdir where the app writes its assembly
 * @param context the App's context
 */
export function appWithStandardGates(outdir: string, context: Record<string, unknown>): App {
  const app = new App({ outdir, context });
  Validations.of(app).addPlugins(new CfnGuardValidator({ controlTowerRulesEnabled: true }));
  return app;
}

/** Run the four cdk-nag packs over every stack of the app; the number of findings they report. */
export function runNagPacks(app: App): number {
  const packs = [new AwsSolutionsChecks(), new NIST80053R5Checks(), new HIPAASecurityChecks(), new PCIDSS321Checks()];
  const stacks = app.node.findAll().filter((c): c is Stack => Stack.isStack(c));
  return packs.reduce((count, pack) => count + stacks.reduce((n, stack) => n + pack.validateScope(stack).violations
    .reduce((v, violation) => v + violation.violatingResources.length, 0), 0), 0);
}

/**
 * Check that CDK ran every validation plugin the app registered: the report lists each, and none
 * failed to run (`metadata.error`). A plugin that throws is reported, not raised, by CDK.
 */
export function assertPluginsRan(outdir: string, plugins: string[]): void {
  const file = path.join(outdir, 'policy-validation-report.json');
  const report = JSON.parse(fs.readFileSync(file, 'utf-8'));
  const ran = (report.pluginReports as any[]).map((r) => r.summary);
  for (const plugin of plugins) {
    const summary = ran.find((r) => r.pluginName === plugin);
    if (!summary || summary.metadata?.error) {
      throw new Error(`the validation plugin ${plugin} did not run: ${summary?.metadata?.error ?? 'not in the report'} (${file})`);
    }
  }
}

/** What cfn-lint said of an assembly: templates linted and its exit code (non-zero when it found something). */
export interface LintResult {
  readonly templates: number;
  readonly exitCode: number;
}

/**
 * `cfn-lint` over every template of a cloud assembly, in one process, as a team runs it after
 * `cdk synth` (the monorepo's pinned `.venv/bin/cfn-lint`, else `$FARGATE_PLATFORM_CFN_LINT`).
 */
export function lintAssembly(root: string, outdir: string): LintResult {
  const cfnLint = process.env.FARGATE_PLATFORM_CFN_LINT ?? path.join(root, '.venv', 'bin', 'cfn-lint');
  if (!fs.existsSync(cfnLint)) {
    throw new Error(`the peer runs cfn-lint after synth, and ${cfnLint} does not exist: run 'npx projen install:python' at the root first`);
  }
  const templates = fs.readdirSync(outdir).filter((f) => f.endsWith('.template.json')).map((f) => path.join(outdir, f));
  const run = spawnSync(cfnLint, ['--format', 'parseable', '--', ...templates], { encoding: 'utf-8', maxBuffer: 256 * 1024 * 1024 });
  if (run.error) {
    throw run.error;
  }
  // 0: nothing found; 2, 4, 8 (and sums): errors, warnings, informational matches. Anything else is cfn-lint failing.
  if (run.status === null || run.status > 14 || run.status === 1) {
    throw new Error(`cfn-lint failed (exit ${run.status}): ${run.stderr.slice(-2000)}`);
  }
  return { templates: templates.length, exitCode: run.status };
}
