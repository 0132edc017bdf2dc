import { cdk, github, javascript } from 'projen';

/**
 * What every jsii library of this monorepo does the same way, whatever its base class:
 * README examples compiled and translated strictly by jsii-rosetta, API.md by jsii-docgen
 * over hoisted dependencies, release jobs that install at the repository root.
 */
export class JsiiConventions {
  /**
   * Apply the conventions to a jsii project of the monorepo.
   *
   * @param project the library
   * @param rootRelative path from the library to the repository root
   */
  public static apply(project: cdk.JsiiProject, rootRelative: string): void {
    const extract = project.addTask('rosetta:extract', {
      description: 'Compile every README and doc-comment example (strict) and translate it to the jsii languages',
      exec: 'jsii-rosetta extract --strict --compile --fail .jsii',
    });
    project.postCompileTask.spawn(extract);
    project.package.file.addOverride('jsii.metadata.jsii.rosetta.strict', true);
    project.gitignore.exclude('.jsii.tabl.json');
    project.npmignore?.exclude('rosetta/');

    // jsii-docgen looks for the assemblies of dependencies under the package's own
    // node_modules; npm workspaces hoist them to the root. Point it at them.
    project.tasks.tryFind('docgen')!.reset(`node ${rootRelative}/scripts/docgen-hoisted.js API.md`);
  }

  /** Workflow setup steps with the dependency install moved to the repository root. */
  public static rootInstall(steps: github.workflows.JobStep[], rootRelative: string): github.workflows.JobStep[] {
    return steps.map((step) =>
      step.run && /\b(npm|yarn|pnpm) (ci|install)\b/.test(step.run)
        ? { ...step, run: 'npm ci', workingDirectory: rootRelative }
        : step,
    );
  }

  /** The options every jsii library here shares. */
  public static readonly COMMON_OPTIONS = {
    author: 'Fargate Platform Team',
    authorAddress: 'platform@fargate-platform.dev',
    repositoryUrl: 'https://github.com/fargate-platform/fargate-platform.git',
    defaultReleaseBranch: 'main',
    packageManager: javascript.NodePackageManager.NPM,
    license: 'Apache-2.0',
    npmAccess: javascript.NpmAccess.PUBLIC,
    release: true,
    sampleCode: false,
    eslint: false,
    prettier: false,
  } satisfies Partial<cdk.JsiiProjectOptions>;
}
