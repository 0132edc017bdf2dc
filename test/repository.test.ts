import * as fs from 'fs';
import * as path from 'path';
import { VERSIONS } from '../projenrc/versions';

const ROOT = path.join(__dirname, '..');
const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), 'utf-8');

/** The command lines of the README's Quick start block. */
function quickStartCommands(): string[] {
  const section = read('README.md').split('## Quick start')[1].split('```sh')[1].split('```')[0];
  return section.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}

describe('the repository', () => {
  test('the README gives two commands: the main job and the tests', () => {
    expect(quickStartCommands()).toEqual(['npm ci && npx projen fleet', 'npm ci && npx projen build']);
  });

  test('.ci/run runs exactly the README\'s test command', () => {
    const testCommand = quickStartCommands()[1];
    const ciLines = read('.ci/run').split('\n').map((l) => l.trim());
    expect(ciLines).toContain(testCommand);
  });

  test.each([
    ['aws-cdk-lib', VERSIONS.awsCdkLib],
    ['constructs', VERSIONS.constructs],
  ])('%s resolves to exactly %s everywhere in the lockfile', (name, version) => {
    const lock = JSON.parse(read('package-lock.json'));
    const installed = Object.entries<any>(lock.packages)
      .filter(([where]) => where === `node_modules/${name}` || where.endsWith(`/node_modules/${name}`))
      .map(([where, entry]) => `${where}@${entry.version}`);
    expect(installed).toEqual([`node_modules/${name}@${version}`]);
  });

  test.each(['aws-cdk-lib', 'constructs'])('every workspace that installs %s pins the same exact version', (name) => {
    const root = JSON.parse(read('package.json'));
    const pins = (root.workspaces as string[]).flatMap((ws) => {
      const manifest = JSON.parse(read(path.join(ws, 'package.json')));
      return [manifest.dependencies?.[name], manifest.devDependencies?.[name]].filter((v) => v !== undefined);
    });
    const expected = name === 'aws-cdk-lib' ? VERSIONS.awsCdkLib : VERSIONS.constructs;
    expect(pins.length).toBeGreaterThan(0);
    expect(new Set(pins)).toEqual(new Set([expected]));
  });
});
