import * as path from 'path';
import { javascript, typescript } from 'projen';
import { PlatformMonorepo } from './platform-monorepo';
import { pin, VERSIONS } from './versions';

/** Options of a command-line tool of the monorepo. */
export interface WorkspaceToolOptions {
  /** Folder under the repository root. */
  readonly outdir: string;
  /** npm package name (private). */
  readonly name: string;
  readonly description: string;
  /** The workspaces it uses, each by its current version. */
  readonly workspaces: javascript.NodeProject[];
  readonly gitignore?: string[];
  /** Other dependencies, each `name@version` (see `pin`). */
  readonly deps?: string[];
  readonly devDeps?: string[];
}

/**
 * A command-line tool of the monorepo (the fleet command, the benchmark): TypeScript compiled
 * to lib/, run by a root task after the workspaces it uses have been compiled.
 */
export class WorkspaceTool extends typescript.TypeScriptProject {
  protected readonly monorepo: PlatformMonorepo;

  constructor(root: PlatformMonorepo, options: WorkspaceToolOptions) {
    super({
      parent: root,
      outdir: options.outdir,
      name: options.name,
      description: options.description,
      defaultReleaseBranch: 'main',
      packageManager: javascript.NodePackageManager.NPM,
      projenVersion: VERSIONS.projen,
      typescriptVersion: VERSIONS.typescript,
      minNodeVersion: '20.0.0',
      licensed: false,
      release: false,
      sampleCode: false,
      eslint: true,
      prettier: false,
      jestOptions: { jestVersion: VERSIONS.jest, updateSnapshot: javascript.UpdateSnapshot.NEVER, jestConfig: { maxWorkers: 2 } },
      deps: [
        // A range, not `*`: projen would rewrite `*` to `^0.0.0`, which stops matching the workspace after a release.
        ...options.workspaces.map((w) => `${w.package.packageName}@>=0.0.0`),
        pin('aws-cdk-lib', VERSIONS.awsCdkLib),
        pin('constructs', VERSIONS.constructs),
        ...(options.deps ?? []),
      ],
      devDeps: [pin('@types/node', VERSIONS.typesNode), ...(options.devDeps ?? [])],
      gitignore: options.gitignore,
    });
    this.monorepo = root;
    root.addWorkspace(this, { packaged: false });
  }

  /**
   * A root task that compiles the given workspaces and this tool, then runs `lib/main.js`
   * with the task's arguments.
   *
   * @param compileFirst each workspace to compile, with the name of its step
   * @param ownStep the name of the step that compiles this tool
   */
  protected addRootTask(name: string, description: string, compileFirst: Array<[javascript.NodeProject, string]>, ownStep: string): void {
    const relative = (p: javascript.NodeProject): string => path.relative(this.monorepo.outdir, p.outdir);
    this.monorepo.addTask(name, {
      description,
      steps: [
        ...[...compileFirst, [this, ownStep] as [javascript.NodeProject, string]]
          .map(([p, step]) => ({ exec: 'npx projen compile', cwd: relative(p), name: step })),
        { exec: `node ${relative(this)}/lib/main.js`, receiveArgs: true },
      ],
    });
  }
}
