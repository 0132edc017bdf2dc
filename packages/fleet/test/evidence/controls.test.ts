import * as fs from 'fs';
import * as path from 'path';
import { CONTROLS, controlOf, Framework } from '../../src/evidence/controls';

const ROOT = path.join(__dirname, '..', '..', '..', '..');
const CONSTRUCTS_SRC = path.join(ROOT, 'packages', 'constructs', 'src');

/** The files a piece of the map names: `some/file.ts` in a construct's line, a test path. */
const filesIn = (text: string): string[] => [...text.matchAll(/([\w./-]+\.ts)\b/g)].map((m) => m[1]);

describe('the controls of the design', () => {
  test('are the ten NIST 800-53 controls and five SOC 2 criteria of the design\'s compliance section', () => {
    expect(CONTROLS.filter((c) => c.framework === Framework.NIST).map((c) => c.id)).toEqual(['AC-2', 'AC-3', 'AU-2', 'AU-9', 'CM-2', 'IA-2', 'SC-7', 'SC-8', 'SC-13', 'SC-28']);
    expect(CONTROLS.filter((c) => c.framework === Framework.SOC2).map((c) => c.id)).toEqual(['CC6.1', 'CC6.6', 'CC6.7', 'CC7.2', 'CC8.1']);
  });

  test('a SOC 2 criterion inherits only NIST controls of the design', () => {
    const nist = CONTROLS.filter((c) => c.framework === Framework.NIST).map((c) => c.id);
    for (const control of CONTROLS.filter((c) => c.inherits)) {
      expect({ control: control.id, unknown: control.inherits!.filter((i) => !nist.includes(i)) }).toEqual({ control: control.id, unknown: [] });
    }
  });

  test('every construct file and test the map names exists, and every property is one of the design\'s 56', () => {
    const missing: string[] = [];
    for (const control of CONTROLS) {
      // Construct files are named from packages/constructs/src/, the repository's own (.projenrc.ts) from the root.
      for (const file of control.constructs.flatMap(filesIn)) {
        if (!fs.existsSync(path.join(CONSTRUCTS_SRC, file)) && !fs.existsSync(path.join(ROOT, file))) {
          missing.push(`${control.id}: ${file}`);
        }
      }
      for (const test of control.tests) {
        const property = /^Property (\d+)$/.exec(test);
        if (property ? !(Number(property[1]) >= 1 && Number(property[1]) <= 56) : !fs.existsSync(path.join(ROOT, test))) {
          missing.push(`${control.id}: ${test}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  test('a control is found by its id; an unknown id is refused, naming the known ones', () => {
    expect(controlOf('SC-28').title).toBe('Protection of information at rest');
    expect(() => controlOf('SC-99')).toThrow(/no control 'SC-99'; the design's are AC-2, AC-3, .*CC8.1/);
  });
});
