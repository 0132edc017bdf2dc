import { Task, TextFile } from 'projen';
import { PlatformMonorepo } from './platform-monorepo';
import { VERSIONS } from './versions';

/**
 * The Python tools the monorepo runs (cfn-lint for the gate's CloudFormation pack), pinned in
 * projenrc/versions.ts, written to `requirements-dev.txt` and installed into `.venv` at the root
 * by `npx projen install:python` (the build and the fleet run it first). The gate finds
 * `.venv/bin/cfn-lint` from any folder of the repository.
 */
export class PythonTools {
  /** The requirements file, at the repository root. */
  public static readonly REQUIREMENTS_FILE = 'requirements-dev.txt';

  /** `install:python`: creates or updates `.venv` when requirements-dev.txt changed. */
  public readonly installTask: Task;

  constructor(root: PlatformMonorepo, extra: Record<string, string> = {}) {
    const pins: Record<string, string> = { 'cfn-lint': VERSIONS.cfnLint, ...extra };
    new TextFile(root, PythonTools.REQUIREMENTS_FILE, {
      lines: [
        '# Python tools of the monorepo, pinned in projenrc/versions.ts; installed into .venv by `npx projen install:python`.',
        ...Object.keys(pins).sort().map((name) => `${name}==${pins[name]}`),
      ],
    });
    this.installTask = root.addTask('install:python', {
      description: `Install the Python tools (${Object.keys(pins).sort().join(', ')}) into .venv from ${PythonTools.REQUIREMENTS_FILE}`,
      exec: `bash scripts/ensure-python-venv.sh .venv ${PythonTools.REQUIREMENTS_FILE}`,
    });
    root.preCompileTask.spawn(this.installTask);
    root.gitignore.exclude('/.venv/');
  }
}
