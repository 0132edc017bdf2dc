import * as fs from 'fs';
import * as path from 'path';
import { controlDoc } from '../../src/evidence/control-doc';
import { CONTROLS } from '../../src/evidence/controls';

const DOC = path.join(__dirname, '..', '..', '..', '..', 'docs', 'COMPLIANCE.md');

describe('docs/COMPLIANCE.md', () => {
  test('depends on the code only: the same text every time, with no date or commit', () => {
    const doc = controlDoc();

    expect(controlDoc()).toBe(doc);
    expect(doc).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  test('has each control with its constructs, resources, tests and checks', () => {
    const doc = controlDoc();

    for (const control of CONTROLS) {
      expect(doc).toContain(`### ${control.id} ${control.title}`);
    }
    expect(doc).toContain('| `NIST.800.53.R5-VPCFlowLogsEnabled` | cdk-nag: AU-2b | The VPC does not have an associated Flow Log |');
    expect(doc).toContain('| `ControlTower-CT.S3.PR.9` | platform (rule-map.ts) | This control checks whether an Amazon Simple Storage Service (Amazon S3) bucket has been configured to use S3 Object Lock. |');
    expect(doc).toContain('- `AWS::IAM::Role` with `"aws:MultiFactorAuthPresent":"true"`: role people assume only with MFA');
    expect(doc).toContain('Inherits the checks and resources of AC-2, AC-3, IA-2.');
  });

  test('the committed copy is the one the code writes (the build rewrites it; run the build and commit it)', () => {
    expect(fs.readFileSync(DOC, 'utf-8')).toBe(controlDoc());
  });
});
