import { PlatformMonorepo } from './platform-monorepo';
import { PythonTools } from './python-tools';

/**
 * `rehearsal/`: the develop environment and the runtime stacks of a public and an internal
 * service put through moto's CloudFormation in the order of a first deployment (pytest, moto,
 * boto3, pinned in requirements-dev.txt). It records exactly where moto stops and checks the
 * cross-stack wiring it can check without an account; rehearsal/README.md says what it proves.
 * It reads the templates the fleet wrote, so it runs in the build's tests after the fleet.
 */
export class DeployRehearsal {
  constructor(root: PlatformMonorepo, python: PythonTools) {
    const task = root.addTask('test:rehearsal', {
      description: 'The deploy rehearsal in moto (reads the templates of `npx projen fleet`)',
      steps: [{ spawn: python.installTask.name }, { exec: '.venv/bin/python -m pytest -q rehearsal' }],
    });
    root.testTask.spawn(task);
    root.gitignore.exclude('.pytest_cache/');
  }
}
