import { RuntimeDefaults, ServiceRuntime } from '@fargate-platform/service-model';
import { Project, SampleFile, SourceCode, TextFile } from 'projen';
import { GENERATED } from './service-files';

/** Where the server is built: `tsc` compiles src/server/ to lib/server/, which the Dockerfile copies (and nothing else of lib/). */
export const NODE_SERVER_DIR = 'lib/server';

/**
 * The runnable part of a Node.js service: a minimal HTTP server that answers the platform's
 * health check (`src/server/index.ts`, the team's from then on), the settings it reads
 * (`src/server/settings.ts`, regenerated from the options), a Dockerfile that copies only what
 * the build produces and installs only runtime dependencies, and tests that start the server and
 * check every `COPY` source of the Dockerfile.
 */
export function nodeSkeleton(project: Project, port: number, healthCheckPath: string): void {
  const settings = new SourceCode(project, 'src/server/settings.ts');
  [
    `// ${GENERATED}`,
    '/** The port the container listens on (service.json `containerPort`). */',
    `export const CONTAINER_PORT = ${port};`,
    '/** The path the load balancer and the container health check probe (service.json `healthCheckPath`). */',
    `export const HEALTH_CHECK_PATH = '${healthCheckPath}';`,
  ].forEach((l) => settings.line(l));

  new SampleFile(project, 'src/server/index.ts', {
    contents: [
      "import { createServer, Server } from 'http';",
      "import { CONTAINER_PORT, HEALTH_CHECK_PATH } from './settings';",
      '',
      '/** The service: it answers the platform\'s health check; add your routes here. */',
      'export function createApp(): Server {',
      '  return createServer((request, response) => {',
      "    if (request.method === 'GET' && request.url === HEALTH_CHECK_PATH) {",
      "      response.writeHead(200, { 'content-type': 'application/json' });",
      "      response.end(JSON.stringify({ status: 'ok' }));",
      '      return;',
      '    }',
      "    response.writeHead(404, { 'content-type': 'application/json' });",
      "    response.end(JSON.stringify({ error: 'not found' }));",
      '  });',
      '}',
      '',
      'if (require.main === module) {',
      '  createApp().listen(CONTAINER_PORT, () => console.log(`listening on ${CONTAINER_PORT}`));',
      '}',
      '',
    ].join('\n'),
  });

  const serverTest = new SourceCode(project, 'test/server.test.ts');
  [
    `// ${GENERATED}`,
    "import { execFile } from 'child_process';",
    "import * as fs from 'fs';",
    "import { AddressInfo } from 'net';",
    "import * as path from 'path';",
    "import { promisify } from 'util';",
    "import { createApp } from '../src/server';",
    "import { CONTAINER_PORT, HEALTH_CHECK_PATH } from '../src/server/settings';",
    '',
    "test('the server answers its health check with 200, and an unknown path with 404', async () => {",
    '  const server = createApp().listen(0);',
    "  await new Promise((resolve) => server.once('listening', resolve));",
    '  const { port } = server.address() as AddressInfo;',
    '  try {',
    '    const health = await fetch(`http://127.0.0.1:${port}${HEALTH_CHECK_PATH}`);',
    '    expect(health.status).toBe(200);',
    '    expect((await fetch(`http://127.0.0.1:${port}/no-such-path`)).status).toBe(404);',
    '  } finally {',
    '    server.close();',
    '  }',
    '});',
    '',
    "test('the Dockerfile health check, run by sh as Docker runs it, passes while the server answers and fails after', async () => {",
    "  const line = fs.readFileSync(path.join(__dirname, '..', 'Dockerfile'), 'utf-8').split('\\n').find((l) => l.startsWith('HEALTHCHECK CMD '));",
    '  expect(line).toBeDefined();',
    '  const server = createApp().listen(0);',
    "  await new Promise((resolve) => server.once('listening', resolve));",
    '  const { port } = server.address() as AddressInfo;',
    '  // the server listens on a free port instead of the container port',
    "  const command = line!.slice('HEALTHCHECK CMD '.length).replace(`:${CONTAINER_PORT}/`, `:${port}/`);",
    '  const probe = () => promisify(execFile)(\'sh\', [\'-c\', command], { timeout: 30_000 });',
    '  try {',
    '    await expect(probe()).resolves.toBeDefined();',
    '  } finally {',
    '    await new Promise((resolve) => server.close(resolve));',
    '  }',
    '  await expect(probe()).rejects.toThrow();',
    '});',
  ].forEach((l) => serverTest.line(l));

  dockerfileTest(project, 'test/dockerfile.test.ts');
  new TextFile(project, 'Dockerfile', { lines: nodeDockerfile(port, healthCheckPath) });
  new TextFile(project, '.dockerignore', { lines: ['*', `!${NODE_SERVER_DIR}/`, '!package.json', '!package-lock.json'] });
}

/** The Node.js image: runtime dependencies only (the CDK app and its tools are development dependencies), then the built server. */
function nodeDockerfile(port: number, healthPath: string): string[] {
  const defaults = RuntimeDefaults.of(ServiceRuntime.NODEJS);
  return [
    `# ${GENERATED}`,
    `FROM ${defaults.baseImage}`,
    'ENV NODE_ENV=production',
    'WORKDIR /app',
    '# Runtime dependencies only: aws-cdk-lib, the platform constructs and the tools are development dependencies.',
    '# (A service of the platform monorepo has no lockfile of its own: the glob keeps COPY valid there.)',
    'COPY package.json package-lock.json* ./',
    'RUN if [ -f package-lock.json ]; then npm ci --omit=dev --ignore-scripts; else npm install --omit=dev --ignore-scripts; fi',
    `COPY ${NODE_SERVER_DIR}/ ./${NODE_SERVER_DIR}/`,
    `USER ${defaults.user}`,
    `EXPOSE ${port}`,
    `HEALTHCHECK CMD ${defaults.healthCheckCommand(port, healthPath)}`,
    `CMD ["node", "${NODE_SERVER_DIR}/index.js"]`,
  ];
}

/**
 * A test that every `COPY` source of the Dockerfile exists once the project is built (a glob
 * stands for optional files): the image copies what the build made.
 */
export function dockerfileTest(project: Project, file: string): void {
  const test = new SourceCode(project, file);
  [
    `// ${GENERATED}`,
    "import * as fs from 'fs';",
    "import * as path from 'path';",
    '',
    "const ROOT = path.join(__dirname, '..');",
    '',
    "test('every COPY source of the Dockerfile exists after the build (npx projen build compiles first)', () => {",
    "  const copies = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf-8').split('\\n')",
    "    .filter((line) => line.startsWith('COPY ') && !line.includes('--from='))",
    "    .flatMap((line) => line.slice('COPY '.length).trim().split(/\\s+/).slice(0, -1));",
    '',
    '  expect(copies.length).toBeGreaterThan(0);',
    '  // A glob (package-lock.json*) stands for optional files: Docker needs only one source of a COPY to match.',
    "  const missing = copies.filter((source) => !source.includes('*') && !fs.existsSync(path.join(ROOT, source)));",
    '  expect(missing).toEqual([]);',
    '});',
  ].forEach((l) => test.line(l));
}
