import { PlatformMonorepo } from './platform-monorepo';

/**
 * The golden path of a service team, walked from the packages the build has just packed
 * (test/golden-path): `projen new` in an empty folder, `npx projen`, build, synth, a bad option,
 * a platform upgrade, in TypeScript and in Python. The build runs it after packaging.
 */
export class GoldenPath {
  constructor(root: PlatformMonorepo) {
    // Not part of the root's unit tests: it needs the packed packages.
    root.jest!.addIgnorePattern('/test/golden-path/');
    const task = root.addTask('test:golden-path', {
      description: 'A new service from the packed packages, as its team would make it: projen new, build, synth, bad options, an upgrade (TypeScript and Python)',
      exec: 'jest --ci --coverage=false --testPathIgnorePatterns=/node_modules/ --runInBand test/golden-path',
    });
    root.packageTask.spawn(task);
  }
}
