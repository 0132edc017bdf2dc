import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

/**
 * A local npm registry (verdaccio) in a folder of its own: the `@fargate-platform/*` packages are
 * published to it from the tarballs the build packed, everything else comes through it from the
 * registry this machine's npm uses. A new service installs from it exactly as it would from npmjs.
 */
export class LocalRegistry {
  /** Start a registry whose storage and configuration live under `dir`. */
  public static async start(dir: string): Promise<LocalRegistry> {
    fs.mkdirSync(dir, { recursive: true });
    const port = await freePort();
    const uplink = execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf-8' }).trim();
    const config = path.join(dir, 'config.yaml');
    fs.writeFileSync(config, [
      `storage: ${path.join(dir, 'storage')}`,
      'uplinks:',
      '  upstream:',
      `    url: ${uplink}`,
      '    timeout: 120s',
      'packages:',
      "  '@fargate-platform/*':",
      '    access: $all',
      '    publish: $authenticated',
      "  '**':",
      '    access: $all',
      '    proxy: upstream',
      'auth:',
      '  htpasswd:',
      `    file: ${path.join(dir, 'htpasswd')}`,
      '    max_users: 1',
      'log: { type: stdout, format: pretty, level: warn }',
      '',
    ].join('\n'));
    const log = fs.openSync(path.join(dir, 'verdaccio.log'), 'w');
    const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'verdaccio'), ['--config', config, '--listen', `127.0.0.1:${port}`],
      { stdio: ['ignore', log, log] });
    const registry = new LocalRegistry(`http://127.0.0.1:${port}/`, child, dir);
    await registry.waitUntilUp();
    return registry;
  }

  private token?: string;

  private constructor(public readonly url: string, private readonly child: ChildProcess, private readonly dir: string) {}

  /** Publish a packed package (`npm pack`'s tarball). */
  public async publish(tarball: string): Promise<void> {
    const token = this.token ?? (this.token = await this.createUser());
    const host = this.url.replace(/^http:/, '');
    execFileSync('npm', ['publish', tarball, '--registry', this.url, `--${host}:_authToken=${token}`, '--provenance=false'],
      { stdio: 'pipe', cwd: this.dir });
  }

  public stop(): void {
    this.child.kill();
  }

  private async createUser(): Promise<string> {
    const response = await fetch(`${this.url}-/user/org.couchdb.user:golden-path`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'golden-path', password: 'golden-path-password' }),
    });
    if (!response.ok) {
      throw new Error(`the local registry refused to create a user: ${response.status} ${await response.text()}`);
    }
    return ((await response.json()) as { token: string }).token;
  }

  private async waitUntilUp(): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) {
        break;
      }
      try {
        if ((await fetch(`${this.url}-/ping`)).ok) {
          return;
        }
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    this.stop();
    throw new Error(`verdaccio did not start; its log: ${fs.readFileSync(path.join(this.dir, 'verdaccio.log'), 'utf-8')}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}
