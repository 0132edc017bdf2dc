import { Project, Task, TaskShell } from 'projen';

/**
 * `install:cfn-lint`: the CloudFormation linter the compliance gate runs (its CloudFormation pack),
 * at the platform's pinned version, in `.venv` (where the gate looks first), installed only when
 * missing or of another version. It needs python3 with the venv module.
 */
export function cfnLintTask(project: Project, version: string): Task {
  return project.addTask('install:cfn-lint', {
    description: `Install cfn-lint ${version} into .venv (the compliance gate's CloudFormation pack runs it)`,
    shell: TaskShell.bash(),
    exec: `if ! .venv/bin/cfn-lint --version 2>/dev/null | grep -q "${version}"; then `
      + `python3 -m venv .venv && .venv/bin/pip install --quiet --disable-pip-version-check cfn-lint==${version}; fi`,
  });
}
