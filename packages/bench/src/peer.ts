import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';

/**
 * The gates as a team applies them to its own CDK app, the documented way: the four cdk-nag packs
 * the platform runs and the Control Tower guard rules (`@cdklabs/cdk-validator-cfnguard`), each
 * registered as a validation plugin (`Validations.of(app).addPlugins`, as cdk-nag 3 and aws-cdk-lib
 * document). CDK runs them over the written templates at the end of synth.
 *
 * @param outdir where the app writes its assembly
 * @param context the App's context
 */
export function appWithStandardGates(outdir: string, context: Record<string, unknown>): App {
  const app = new App({ outdir, context });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new NIST80053R5Checks(app), new HIPAASecurityChecks(app), new PCIDSS321Checks(app),
    new CfnGuardValidator({ controlTowerRulesEnabled: true }));
  return app;
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
