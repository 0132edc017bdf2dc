import { ModelError } from './model-error';
import { ServiceRuntime } from './service-runtime';

/** Where the health check URL goes in a probe command. */
const URL_PLACEHOLDER = '{url}';

/**
 * What the platform assumes about a runtime's container, and what it adds to it: one place for
 * the project types (Dockerfile, server skeleton), the model (default port) and the constructs
 * (health check, image, test command).
 *
 * The service's Dockerfile follows the convention: it starts `FROM` `baseImage`, runs as the
 * numeric user `user`, writes only below `writablePaths` (the root filesystem is read-only) and
 * answers the health check path over HTTP on the container port with a status below 400.
 */
export class RuntimeDefaults {
  /** Node.js 22 LTS. Its images carry no curl, so node itself probes the health check path. */
  public static readonly NODEJS = new RuntimeDefaults(
    ServiceRuntime.NODEJS,
    'public.ecr.aws/docker/library/node:22-alpine',
    3000,
    { NODE_ENV: 'production' },
    `node -e "require('http').get('${URL_PLACEHOLDER}',r=>process.exit(r.statusCode<400?0:1)).on('error',()=>process.exit(1))"`,
    'npm test',
  );

  /**
   * Python 3.12. Output is unbuffered (it reaches the log driver at once) and no bytecode is
   * written (the root filesystem is read-only); `urlopen` raises on connection errors and on
   * statuses from 400, which exits non-zero.
   */
  public static readonly PYTHON = new RuntimeDefaults(
    ServiceRuntime.PYTHON,
    'public.ecr.aws/docker/library/python:3.12-slim',
    8000,
    { PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1' },
    `python -c "import urllib.request; urllib.request.urlopen('${URL_PLACEHOLDER}', timeout=4)"`,
    'python -m pytest',
  );

  /** The path every service answers its health check on, unless its description says otherwise. */
  public static readonly HEALTH_CHECK_PATH: string = '/health';

  /**
   * The defaults of a runtime.
   *
   * @param runtime nodejs or python
   */
  public static of(runtime: ServiceRuntime): RuntimeDefaults {
    const defaults = [RuntimeDefaults.NODEJS, RuntimeDefaults.PYTHON].find((d) => d.runtime === runtime);
    if (!defaults) {
      throw new ModelError('runtime', [`must be one of ${Object.values(ServiceRuntime).join(', ')}; got '${runtime}'`]);
    }
    return defaults;
  }

  /** The runtime these defaults are for. */
  public readonly runtime: ServiceRuntime;
  /** The image the service's Dockerfile starts from. */
  public readonly baseImage: string;
  /** The port a service of this runtime listens on unless its description says otherwise. */
  public readonly containerPort: number;
  /**
   * Configuration every container of the runtime receives. Like all configuration, it reaches
   * the container as SSM parameters through `secrets`, never as plain environment variables;
   * a service's own `config` may override it.
   */
  public readonly variables: { [name: string]: string };
  /** The numeric `uid:gid` the container runs as; never root. */
  public readonly user: string = '1000:1000';
  /** Paths the container may write to: each is a task-local volume, the rest of the filesystem is read-only. */
  public readonly writablePaths: string[] = ['/tmp'];
  /** How the pipeline runs the image's tests. */
  public readonly testCommand: string;

  private readonly probeCommand: string;

  private constructor(runtime: ServiceRuntime, baseImage: string, containerPort: number, variables: { [name: string]: string },
    probeCommand: string, testCommand: string) {
    this.runtime = runtime;
    this.baseImage = baseImage;
    this.containerPort = containerPort;
    this.variables = variables;
    this.probeCommand = probeCommand;
    this.testCommand = testCommand;
  }

  /**
   * The `CMD-SHELL` command of the container health check: exits 0 when the service answers
   * `http://localhost:{port}{path}` with a status below 400.
   *
   * @param containerPort the port the container listens on
   * @param path the health check path, starting with `/`
   */
  public healthCheckCommand(containerPort: number, path: string): string {
    return this.probeCommand.replace(URL_PLACEHOLDER, `http://localhost:${containerPort}${path}`);
  }
}
