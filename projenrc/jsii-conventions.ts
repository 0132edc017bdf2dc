import { cdk, DependencyType, github, javascript } from 'projen';

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

  /**
   * Version the library with the platform's version (`VERSIONS.platform`), not with projen's
   * git-tag bump: the three libraries a team installs (service model, constructs, project types)
   * always carry one version, the one the fleet report and every service.json name, and a
   * release is one version change in projenrc/versions.ts. package.json holds it (so the packages
   * the build packs are installable as they are, and the workspaces depend on each other by it);
   * `bump` writes what the release workflow reads (dist/version.txt, the release tag, a changelog
   * entry) and `unbump` has nothing to undo. The release workflow skips a version already tagged.
   *
   * @param project the library
   * @param version the platform version
   * @param tagPrefix the library's release tag prefix, e.g. `constructs-v`
   */
  public static platformVersion(project: cdk.JsiiProject, version: string, tagPrefix: string): void {
    project.package.file.addOverride('version', version);
    const bump = project.tasks.tryFind('bump')!;
    bump.reset();
    bump.exec('mkdir -p dist');
    bump.exec(`echo ${version} > dist/version.txt`);
    bump.exec(`echo ${tagPrefix}${version} > dist/releasetag.txt`);
    bump.exec(`printf '## ${version}\\n\\nThe platform release ${version} (projenrc/versions.ts).\\n' > dist/changelog.md`);
    project.tasks.tryFind('unbump')!.reset(`echo "the version is the platform's (${version}): nothing to undo"`);
  }

  /**
   * npm pack bundles a package's `bundledDependencies` from its own node_modules, but npm
   * workspaces hoist them to the root's: without this step the tarball (and so the Python wheel,
   * whose jsii runtime loads the tarball as it is) would lack them. Copies each into the
   * package's node_modules before packaging.
   *
   * @param project the library
   * @param rootRelative path from the library to the repository root
   */
  public static bundleHoistedDependencies(project: cdk.JsiiProject, rootRelative: string): void {
    const bundled = project.deps.all.filter((d) => d.type === DependencyType.BUNDLED).map((d) => d.name);
    if (bundled.length === 0) {
      return;
    }
    const task = project.addTask('bundle-dependencies', {
      description: `Copy the bundled dependencies (${bundled.join(', ')}) from the root node_modules, where workspaces hoist them`,
      steps: bundled.map((name) => ({ exec: `rm -rf node_modules/${name} && mkdir -p node_modules && cp -R ${rootRelative}/node_modules/${name} node_modules/` })),
    });
    project.tasks.tryFind('package:js')!.prependSpawn(task);
    project.tasks.tryFind('package:python')?.prependSpawn(task);
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
