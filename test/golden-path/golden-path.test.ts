import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Handbook } from './handbook';
import { LocalRegistry } from './local-registry';
import { tail, UserShell } from './user-shell';
import { ServiceBuildspec } from '../../packages/constructs/src/pipeline/service-buildspec';
import { ServiceRuntime } from '../../packages/service-model/src';

/**
 * The golden path, walked as a service team walks it, from the packages this build packed: an empty
 * folder, `npx projen new --from @fargate-platform/projen`, `npx projen`, `npx projen build`,
 * `npx projen synth`, a mistake in the options, an upgrade of the platform. npm installs from a
 * local registry holding the packed tarballs (verdaccio; everything else comes through it from
 * npmjs), pip from the wheels in dist/python; nothing of this monorepo is on the PATH or NODE_PATH.
 *
 * Run by the root's build after `package` (`npx projen test:golden-path`); the packages must be packed.
 */
const ROOT = path.join(__dirname, '..', '..');
const PACKAGES = ['service-model', 'constructs', 'projen'];
const VERSION: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'packages', 'projen', 'package.json'), 'utf-8')).version;
const NEXT_VERSION = VERSION.replace(/\d+$/, (patch) => `${Number(patch) + 1}`);

let workdir: string;
let registry: LocalRegistry;
let user: UserShell;

beforeAll(async () => {
  workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'golden-path-'));
  const tarballs = PACKAGES.map((p) => path.join(ROOT, 'packages', p, 'dist', 'js', `${p}@${VERSION}.jsii.tgz`));
  const missing = tarballs.filter((t) => !fs.existsSync(t));
  if (missing.length > 0) {
    throw new Error(`the golden path runs on the packed packages; missing ${missing.join(', ')} (run \`npx projen package\` first)`);
  }
  registry = await LocalRegistry.start(path.join(workdir, 'registry'));
  for (const tarball of tarballs) {
    await registry.publish(tarball);
  }
  user = new UserShell({
    registry: registry.url,
    wheelDirs: PACKAGES.map((p) => path.join(ROOT, 'packages', p, 'dist', 'python')),
  });
}, 300_000);

afterAll(() => {
  registry?.stop();
});

/** The handbook's commands this test runs as written; the last test checks that nothing else in it can run without an account. */
const handbook = Handbook.read();
const ran = new Set<string>();

/** Run a block of the handbook as written (bash, in `cwd`), and record its commands as run. */
function runHandbookBlock(heading: string, cwd: string): string {
  const block = handbook.block(heading);
  const output = user.ok(cwd, 'bash', ['-euo', 'pipefail', '-c', block]);
  Handbook.commandsOf(block).forEach((c) => ran.add(c));
  return output;
}

/** The TypeScript service's folder (the handbook's example), upgraded at the end, after every other project is made on this version. */
let inventory: string;

describe('a TypeScript service, from an empty folder, with the handbook\'s commands', () => {
  let dir: string;

  test('projen new writes the project with the options given, objects as JSON, and installs it', () => {
    runHandbookBlock('### Create the project', workdir);
    dir = inventory = path.join(workdir, 'inventory');

    const projenrc = fs.readFileSync(path.join(dir, '.projenrc.ts'), 'utf-8');
    expect(projenrc).toContain('new FargateServiceProject(');
    expect(projenrc).toContain("config: { LOG_LEVEL: 'info' }");
    expect(projenrc).toMatch(/secret:develop\/inventory\/db-AbCdEf/);
    const spec = JSON.parse(fs.readFileSync(path.join(dir, 'service.json'), 'utf-8'));
    expect(spec.spec).toEqual(expect.objectContaining({ name: 'inventory', exposure: 'public', config: { LOG_LEVEL: 'info' }, calls: ['ledger'] }));
    // no priority given: its place before the fleet's published rules (which start at 100)
    expect(spec.spec.route.priority).toBeGreaterThanOrEqual(1);
    expect(spec.spec.route.priority).toBeLessThan(100);
    // where the platform's environments are, published with the project types
    const deployments = JSON.parse(fs.readFileSync(path.join(ROOT, 'packages', 'environments', 'deployments.json'), 'utf-8'));
    expect(spec.targets.map((t: any) => t.account)).toEqual(deployments.map((d: any) => d.account));
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf-8'));
    expect(pkg.devDependencies).toEqual(expect.objectContaining({
      '@fargate-platform/constructs': VERSION, '@fargate-platform/service-model': VERSION, '@fargate-platform/projen': VERSION,
    }));
    // installed from the registry, not linked from this monorepo
    expect(fs.lstatSync(path.join(dir, 'node_modules', '@fargate-platform', 'constructs')).isSymbolicLink()).toBe(false);
  }, 900_000);

  test('npx projen again changes nothing; build and synth pass with zero open findings', () => {
    const output = runHandbookBlock('Then, in the project:', dir);
    expect(user.ok(dir, 'git', ['status', '--porcelain'])).toBe('');
    expect(output).toMatch(/Tests:\s+\d+ passed, \d+ total/);
    expect(output).not.toMatch(/Tests:.*failed/);

    const report = JSON.parse(fs.readFileSync(path.join(dir, 'cdk.out', 'compliance-report.json'), 'utf-8'));
    expect(report.passed).toBe(true);
    expect(report.openFindings).toBe(0);
    expect(report.stacks).toHaveLength(8);

    // every stack the project's README names in a deploy command is one the app synthesizes
    const named = [...fs.readFileSync(path.join(dir, 'README.md'), 'utf-8').matchAll(/\b(inventory-[a-z]+\/[A-Za-z]+)\b/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((n) => !stackNames(dir).includes(n))).toEqual([]);
  }, 1_200_000);

  test('a value out of range in .projenrc.ts is refused by npx projen, naming the field, the value and what is allowed', () => {
    const file = path.join(dir, '.projenrc.ts');
    const good = fs.readFileSync(file, 'utf-8');
    fs.writeFileSync(file, good.replace("name: 'inventory',", "name: 'inventory',\n  cpu: 300,"));
    try {
      const outcome = user.run(dir, 'npx', ['projen']);
      expect(outcome.status).not.toBe(0);
      expect(outcome.output).toMatch(/cpu/);
      expect(outcome.output).toMatch(/300/);
      expect(outcome.output).toMatch(/256/);
    } finally {
      fs.writeFileSync(file, good);
    }
  }, 600_000);

  test('the pipeline\'s build on a fresh clone passes its unit tests, and the Dockerfile finds what it copies', () => {
    const clone = path.join(workdir, 'inventory-clone');
    user.ok(workdir, 'git', ['clone', '--quiet', dir, clone]);
    user.ok(clone, 'bash', ['-euo', 'pipefail', '-c', pipelineTests(ServiceRuntime.NODEJS).join('\n')]);
    expect(missingCopySources(clone)).toEqual([]);
  }, 900_000);
});

describe('projen new refuses bad options before writing a project', () => {
  test.each([
    [['--exposure', 'sideways'], /exposure/],
    [['--cpu', '300'], /cpu/],
    [['--config', 'LOG_LEVEL=info'], /--config must be a JSON object/],
    // the fleet's api-gateway has /api/*, orders /api/orders/*: a service outside the fleet would take their requests
    [['--exposure', 'public', '--route-path', '/api/*'], /matches every path of the fleet's/],
  ])('%j', (args, message) => {
    const dir = UserShell.emptyFolder(workdir, `bad-${args[0].replace(/-/g, '')}`);
    const outcome = user.run(dir, 'npx', ['projen', 'new', '--from', '@fargate-platform/projen', 'fargate-service', '--no-post',
      '--name', 'bad', '--owner', 'team', '--cost-center', 'cc-1', '--source-repository', 'acme/bad', ...args]);
    expect(outcome.status).not.toBe(0);
    expect(outcome.output).toMatch(message);
    expect(fs.existsSync(path.join(dir, 'service.json'))).toBe(false);
  }, 600_000);
});

describe('a Python service, from an empty folder', () => {
  let dir: string;

  test('projen new writes a .projenrc.py project and installs it into .venv from the wheels', () => {
    dir = UserShell.emptyFolder(workdir, 'scoring');
    user.ok(dir, 'npx', ['projen', 'new', '--from', '@fargate-platform/projen', 'python-fargate-service',
      '--name', 'scoring', '--owner', 'risk-team', '--cost-center', 'cc-4200', '--source-repository', 'acme/scoring',
      '--exposure', 'public', '--route-path', '/api/scoring/*']);

    const projenrc = fs.readFileSync(path.join(dir, '.projenrc.py'), 'utf-8');
    expect(projenrc).toContain('PythonFargateServiceProject(');
    // an enum option, imported from the service model's Python module
    expect(projenrc).toContain('from fargate_platform_service_model import ServiceExposure');
    expect(projenrc).toContain('exposure=ServiceExposure.PUBLIC,');
    expect(fs.readFileSync(path.join(dir, 'requirements.txt'), 'utf-8')).toContain(`fargate-platform-constructs==${VERSION}`);
    const pip = user.ok(dir, path.join(dir, '.venv', 'bin', 'pip'), ['show', 'fargate-platform-constructs']);
    expect(pip).toContain(`Version: ${VERSION}`);
  }, 900_000);

  test('npx projen again changes nothing', () => {
    user.ok(dir, 'npx', ['projen']);
    expect(user.ok(dir, 'git', ['status', '--porcelain'])).toBe('');
  }, 600_000);

  test('npx projen build runs pytest: the server, the Dockerfile, every environment through every gate', () => {
    const output = user.ok(dir, 'npx', ['projen', 'build']);
    expect(output).toMatch(/\d+ passed/);
    expect(output).not.toMatch(/\d+ failed/);
  }, 900_000);

  test('npx projen synth writes every stack with zero open findings, and lists them as deploy names them', () => {
    const output = user.ok(dir, 'npx', ['projen', 'synth']);
    expect(output).toContain('scoring-develop/Delivery');
    expect(output).toContain('scoring-prod/Runtime');
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'cdk.out', 'compliance-report.json'), 'utf-8'));
    expect(report.passed).toBe(true);
    expect(report.openFindings).toBe(0);
    expect(report.stacks).toHaveLength(8);
  }, 900_000);

  test('a value out of range in .projenrc.py is refused by npx projen, naming the field, the value and what is allowed', () => {
    const file = path.join(dir, '.projenrc.py');
    const good = fs.readFileSync(file, 'utf-8');
    fs.writeFileSync(file, good.replace('name="scoring",', 'name="scoring",\n    cpu=300,'));
    try {
      const outcome = user.run(dir, 'npx', ['projen']);
      expect(outcome.status).not.toBe(0);
      expect(tail(outcome.output, 40)).toMatch(/cpu/);
      expect(outcome.output).toMatch(/300/);
      expect(outcome.output).toMatch(/256/);
    } finally {
      fs.writeFileSync(file, good);
    }
  }, 600_000);

  test('the pipeline\'s build on a fresh clone passes its unit tests, and the Dockerfile finds what it copies', () => {
    const clone = path.join(workdir, 'scoring-clone');
    user.ok(workdir, 'git', ['clone', '--quiet', dir, clone]);
    // CodeBuild's Python: its own interpreter, nothing of the project's .venv
    const python = `python3 -m venv ${path.join(workdir, 'scoring-ci-python')} && . ${path.join(workdir, 'scoring-ci-python', 'bin', 'activate')}`;
    user.ok(clone, 'bash', ['-euo', 'pipefail', '-c', [python, ...pipelineTests(ServiceRuntime.PYTHON)].join('\n')]);
    expect(missingCopySources(clone)).toEqual([]);
  }, 900_000);
});

describe('the next platform release', () => {
  test('moving to the next platform version is one edit of .projenrc.ts and npx projen', async () => {
    // the next release, as the release workflow would publish it
    for (const p of PACKAGES) {
      await registry.publish(repack(path.join(ROOT, 'packages', p, 'dist', 'js', `${p}@${VERSION}.jsii.tgz`), NEXT_VERSION));
    }
    const file = path.join(inventory, '.projenrc.ts');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf-8').replace(`@fargate-platform/projen@${VERSION}`, `@fargate-platform/projen@${NEXT_VERSION}`));

    user.ok(inventory, 'npx', ['projen']);

    const installed = (p: string) => JSON.parse(fs.readFileSync(path.join(inventory, 'node_modules', '@fargate-platform', p, 'package.json'), 'utf-8')).version;
    expect(PACKAGES.map(installed)).toEqual(PACKAGES.map(() => NEXT_VERSION));
    const spec = JSON.parse(fs.readFileSync(path.join(inventory, 'service.json'), 'utf-8'));
    expect(spec.platformVersion).toBe(NEXT_VERSION);
  }, 900_000);
});

describe('docs/HANDBOOK.md', () => {
  test('the environments synthesize through every gate as "Deploy and check" says (in the monorepo, as the platform team runs it)', () => {
    const block = handbook.block('### Deploy and check');
    const runnable = Handbook.commandsOf(block).filter((c) => !/^npx projen deploy /.test(c));
    execFileSync('bash', ['-euo', 'pipefail', '-c', runnable.join('\n')], { cwd: ROOT, stdio: 'pipe' });
    runnable.forEach((c) => ran.add(c));
    const report = JSON.parse(fs.readFileSync(path.join(ROOT, 'packages', 'environments', 'cdk.out', 'compliance-report.json'), 'utf-8'));
    expect(report.openFindings).toBe(0);
  }, 900_000);

  test('every command runs in a test, needs an AWS account, or deploys a stack the apps synthesize', () => {
    const account = /^(aws |[a-z]+=\$\(aws |npx cdk bootstrap )/;
    const deploy = /^npx projen deploy (?:-- )?(\S+)$/;
    // the handbook's deploy examples name the example service above, the monorepo's orders (same stacks), and the environments
    const known = [...stackNames(inventory), ...stackNames(path.join(ROOT, 'packages', 'environments'))];
    const problems: string[] = [];
    for (const { text, section } of handbook.commands()) {
      const stack = deploy.exec(text)?.[1];
      if (stack !== undefined) {
        if (!known.includes(stack.replace(/^orders-/, 'inventory-'))) {
          problems.push(`${section}: '${text}' deploys '${stack}', which no app synthesizes (${known.join(', ')})`);
        }
      } else if (!account.test(text) && !ran.has(text)) {
        problems.push(`${section}: '${text}' can run without an account, but no test runs it`);
      }
    }
    expect(problems).toEqual([]);
  });
});


/** The unit-test commands the pipeline's build runs on the source before `docker build` (ServiceBuildspec). */
function pipelineTests(runtime: ServiceRuntime): string[] {
  const build = ServiceBuildspec.forRuntime(runtime).commands('build');
  const tests = build.slice(build.indexOf('echo "Running unit tests"') + 1, build.findIndex((c) => c.startsWith('echo "Building')));
  expect(tests.length).toBeGreaterThan(0);
  return tests;
}

/** `COPY` sources of a project's Dockerfile that are not there (a glob stands for optional files). */
function missingCopySources(project: string): string[] {
  const sources = fs.readFileSync(path.join(project, 'Dockerfile'), 'utf-8').split('\n')
    .filter((line) => line.startsWith('COPY ') && !line.includes('--from='))
    .flatMap((line) => line.slice('COPY '.length).trim().split(/\s+/).slice(0, -1));
  expect(sources.length).toBeGreaterThan(0);
  return sources.filter((source) => !source.includes('*') && !fs.existsSync(path.join(project, source)));
}

/** The stacks a synthesized app lists (their display names, as `cdk deploy` takes them). */
function stackNames(project: string): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(project, 'cdk.out', 'manifest.json'), 'utf-8'));
  return Object.values(manifest.artifacts as Record<string, any>)
    .filter((a) => a.type === 'aws:cloudformation:stack').map((a) => a.displayName);
}

/**
 * The tarball of the next release of a package: the same contents with the version, and the
 * versions of the platform packages it depends on, moved to `version`.
 */
function repack(tarball: string, version: string): string {
  const dir = fs.mkdtempSync(path.join(workdir, 'repack-'));
  execFileSync('tar', ['-xzf', tarball, '-C', dir]);
  const manifest = path.join(dir, 'package', 'package.json');
  const pkg = JSON.parse(fs.readFileSync(manifest, 'utf-8'));
  pkg.version = version;
  for (const field of ['dependencies', 'peerDependencies', 'devDependencies']) {
    for (const name of Object.keys(pkg[field] ?? {}).filter((n) => n.startsWith('@fargate-platform/'))) {
      pkg[field][name] = version;
    }
  }
  fs.writeFileSync(manifest, JSON.stringify(pkg, null, 2));
  const packed = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: path.join(dir, 'package'), encoding: 'utf-8' });
  return path.join(dir, JSON.parse(packed)[0].filename);
}
