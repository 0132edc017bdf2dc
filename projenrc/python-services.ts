import { Project } from 'projen';
import { PlatformMonorepo } from './platform-monorepo';

/**
 * The fleet's Python services through their own Python apps, after the build has packaged the
 * wheels they install (`scripts/test-python-services.sh`): pytest in each, then their templates
 * compared with the Node path's (test/python-services). The build runs it last, after packaging.
 */
export class PythonServices {
  constructor(root: PlatformMonorepo, services: Project[]) {
    const folders = services.map((s) => s.outdir.slice(root.outdir.length + 1));
    const task = root.addTask('test:python-services', {
      description: 'The Python services through their Python apps on this build\'s wheels: pytest, and the same templates as the Node path',
      exec: `bash scripts/test-python-services.sh ${folders.join(' ')}`,
    });
    // The build's last phase (package) makes the wheels; this runs right after them (projen locks the build task itself).
    root.packageTask.spawn(task);
    root.gitignore.exclude('/.venv-services/', 'cdk.out.python/');
  }
}
