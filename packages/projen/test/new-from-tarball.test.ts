import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * What a service team does on day one, offline: pack this package, run
 * `projen new --from <tarball> <type>` in an empty folder with npm restricted to its cache,
 * then synthesize the new service through every gate.
 *
 * The new project's own dependencies (aws-cdk-lib, @fargate-platform/constructs) are not
 * installed (`--no-post`): the synthesis borrows the monorepo's node_modules through
 * NODE_PATH, which is what `npm install` would otherwise provide.
 */
const PACKAGE = path.join(__dirname, '..');
const ROOT = path.join(PACKAGE, '..', '..');
const PROJEN = path.join(ROOT, 'node_modules', '.bin', 'projen');
const PROJEN_VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'projen', 'package.json'), 'utf-8')).version;

/** npm that never leaves its cache. */
const OFFLINE = { ...process.env, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', CI: 'true' };

let tarball: string;
let workdir: string;

beforeAll(() => {
  workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'projen-new-'));
  const packed = execFileSync('npm', ['pack', '--pack-destination', workdir, '--json'], { cwd: PACKAGE, env: OFFLINE, encoding: 'utf-8' });
  tarball = path.join(workdir, JSON.parse(packed)[0].filename);
}, 120_000);

function projenNew(type: string, name: string, args: string[]): string {
  const dir = path.join(workdir, name);
  fs.mkdirSync(dir);
  execFileSync(PROJEN, ['new', '--from', tarball, type, '--projen-version', PROJEN_VERSION, '--no-post', '--no-git',
    '--name', name, '--owner', `${name}-team`, '--cost-center', 'cc-4200', '--source-repository', `acme/${name}`, ...args],
  { cwd: dir, env: OFFLINE, stdio: 'pipe' });
  return dir;
}

describe('projen new --from the packed tarball', () => {
  test('a TypeScript service synthesizes in every environment with zero open findings', () => {
    // GIVEN a new service project created from the tarball, with nothing but its options
    const dir = projenNew('fargate-service', 'checkout', ['--exposure', 'public', '--route-path', '/checkout/*', '--route-priority', '300']);
    const created = ['.projenrc.ts', 'service.json', 'deployments.json', 'src/main.ts', 'src/extensions.ts', 'test/service.test.ts', 'Dockerfile', 'cdk.json'];
    expect(created.filter((f) => !fs.existsSync(path.join(dir, f)))).toEqual([]);
    const projenrc = fs.readFileSync(path.join(dir, '.projenrc.ts'), 'utf-8');
    expect(projenrc).toContain('new FargateServiceProject(');
    expect(projenrc.split('\n').filter((l) => l.trim()).length).toBeLessThanOrEqual(30);

    // WHEN its CDK app runs
    execFileSync(process.execPath, ['-r', 'ts-node/register', 'src/main.ts'], {
      cwd: dir,
      env: {
        ...OFFLINE,
        NODE_PATH: path.join(ROOT, 'node_modules'),
        CDK_OUTDIR: path.join(dir, 'cdk.out'),
        TS_NODE_TRANSPILE_ONLY: '1',
      },
      stdio: 'pipe',
    });

    // THEN every gate passed, for the delivery and runtime stacks of four environments
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'cdk.out', 'compliance-report.json'), 'utf-8'));
    expect(report.stacks.map((s: any) => s.stackName).sort()).toEqual(['develop', 'prod', 'qa', 'test']
      .flatMap((env) => [`checkout-${env}-delivery`, `checkout-${env}-runtime`]).sort());
    expect(report.openFindings).toBe(0);
    expect(report.passed).toBe(true);
  }, 300_000);

  test('a Python service is generated and passes what python3 alone can check', () => {
    const dir = projenNew('python-fargate-service', 'scoring', []);

    execFileSync(PROJEN, ['compile'], { cwd: dir, env: OFFLINE, stdio: 'pipe' });

    const config = JSON.parse(fs.readFileSync(path.join(dir, 'service.json'), 'utf-8'));
    expect(config.spec).toEqual(expect.objectContaining({ name: 'scoring', runtime: 'python', kind: 'internal', containerPort: 8000 }));
    expect(fs.readFileSync(path.join(dir, 'requirements.txt'), 'utf-8')).toContain('fargate-platform-constructs==');
    expect(fs.readFileSync(path.join(dir, 'app.py'), 'utf-8')).toContain('ServiceApplication.from_file(app, "service.json")');
  }, 300_000);
});
