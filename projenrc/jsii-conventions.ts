import { cdk, github, javascript } from 'projen';

/**
 * What every jsii library of this monorepo does the same way, whatever its base class:
 * README examples compiled and translated strictly by jsii-rosetta, API.md by jsii-docgen
 * over hoisted dependencies, release jobs that install at the repository root.
 */
export class JsiiConventions {
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
    eslint: true,
    prettier: false,
  } satisfies Partial<cdk.JsiiProjectOptions>;

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

  /**
   * Build the library's Python wheel offline. `jsii-pacmak --target python` creates a
   * virtualenv and asks PyPI for setuptools; the wheel is built instead from the generated
   * sources with Debian's python3-build, then checked by twine and compiled.
   *
   * @param project the library (it must have a Python target)
   * @param rootRelative path from the library to the repository root
   * @param module the Python module
   */
  public static offlineWheel(project: cdk.JsiiProject, rootRelative: string, module: string): void {
    const python = project.tasks.tryFind('package:python')!;
    python.reset();
    python.exec(`bash ${rootRelative}/scripts/ensure-python-tooling.sh`);
    python.exec('rm -rf dist/.pacmak-python dist/python');
    python.exec('jsii-pacmak -v --target python --code-only -o dist/.pacmak-python');
    python.exec('/usr/bin/python3 -m build --no-isolation --skip-dependency-check --outdir dist/python dist/.pacmak-python/python');
    python.exec('/usr/bin/python3 -m twine check --strict dist/python/*');
    python.exec(`/usr/bin/python3 -m compileall -q dist/.pacmak-python/python/src/${module}`);
    // package = every target, CI or not: the wheel is part of what .ci/run proves.
    project.packageTask.reset();
    project.packageTask.spawn(project.tasks.tryFind('package-all')!);
  }

  /** Workflow setup steps with the dependency install moved to the repository root. */
  public static rootInstall(steps: github.workflows.JobStep[], rootRelative: string): github.workflows.JobStep[] {
    return steps.map((step) =>
      step.run && /\b(npm|yarn|pnpm) (ci|install)\b/.test(step.run)
        ? { ...step, run: 'npm ci', workingDirectory: rootRelative }
        : step,
    );
  }
}
