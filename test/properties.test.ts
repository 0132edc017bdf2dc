import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Project } from 'projen';
import { DESIGN_PROPERTIES, findPropertyTags, PropertiesDoc } from '../projenrc/properties';

const ROOT = path.join(__dirname, '..');

/** A throw-away projen project whose test folder holds the given files. */
function projectWithTests(files: Record<string, string>): Project {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'properties-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, 'test', name)), { recursive: true });
    fs.writeFileSync(path.join(dir, 'test', name), content);
  }
  return new Project({ name: 'p', outdir: dir });
}

describe('docs/PROPERTIES.md', () => {
  test('lists the 56 properties of the design, numbered 1 to 56', () => {
    expect(DESIGN_PROPERTIES.map((p) => p.number)).toEqual(Array.from({ length: 56 }, (_, i) => i + 1));
  });

  test('marks a tagged property as tested, with its test file', () => {
    const project = projectWithTests({ 'a.test.ts': '// Property 18: ECR tag immutability\n' });
    new PropertiesDoc(project, { testDirs: ['test'] });
    project.synth();

    const table = fs.readFileSync(path.join(project.outdir, 'docs/PROPERTIES.md'), 'utf-8');
    expect(table).toContain('| 18 | ECR tag immutability | `test/a.test.ts` | tested |');
    expect(table).toContain('| 17 | ECR repository per service |  | planned (issue #4) |');
  });

  test('refuses a property tagged in two tests', () => {
    const project = projectWithTests({ 'a.test.ts': '// Property 3: x\n', 'b.test.ts': '  // Property 3: x\n' });
    expect(() => new PropertiesDoc(project, { testDirs: ['test'] })).toThrow(/Property 3 is tagged in 2 tests/);
  });

  test('refuses a tag that names no design property', () => {
    const project = projectWithTests({ 'a.test.ts': '// Property 57: not in the design\n' });
    expect(() => new PropertiesDoc(project, { testDirs: ['test'] })).toThrow(/Property 57, which the design does not have/);
  });

  test('no property test runs fewer than 100 generated cases', () => {
    const files = [...new Set(findPropertyTags(ROOT, ['packages', 'services', 'test']).map((t) => t.file))];
    const tooFew = files.flatMap((file) => [...fs.readFileSync(path.join(ROOT, file), 'utf-8').matchAll(/numRuns:\s*(\d+)/g)]
      .filter((m) => Number(m[1]) < 100)
      .map((m) => `${file}: numRuns ${m[1]}`));
    expect(tooFew).toEqual([]);
  });
});
