import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');

/** What a command printed and how it ended. */
export interface Outcome {
  readonly status: number | null;
  readonly output: string;
}

/**
 * A terminal of a new user: nothing of this monorepo on its PATH, no NODE_PATH, no npm settings
 * inherited from the build that runs the test, npm pointed at the local registry and pip at the
 * wheels the build made (as a company's .npmrc and pip.conf would point at its package mirror).
 */
export class UserShell {
  /** A new, empty folder. */
  public static emptyFolder(parent: string, name: string): string {
    const dir = path.join(parent, name);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }

  private readonly env: NodeJS.ProcessEnv;

  constructor(options: { readonly registry: string; readonly wheelDirs: readonly string[] }) {
    const env: NodeJS.ProcessEnv = {};
    for (const [key, value] of Object.entries(process.env)) {
      const inherited = /^(npm_|NODE_PATH$|NODE_OPTIONS$|NODE_ENV$|INIT_CWD$|PROJEN_|JEST_|TS_NODE_|CDK_|JSII_|VIRTUAL_ENV$|PIP_FIND_LINKS$)/.test(key);
      if (!inherited) {
        env[key] = value;
      }
    }
    env.PATH = (process.env.PATH ?? '').split(path.delimiter)
      .filter((dir) => dir && !path.resolve(dir).startsWith(ROOT + path.sep))
      .join(path.delimiter);
    env.npm_config_registry = options.registry;
    env.npm_config_audit = 'false';
    env.npm_config_fund = 'false';
    env.npm_config_update_notifier = 'false';
    // npx asks before installing projen; the user answers yes
    env.npm_config_yes = 'true';
    env.PIP_FIND_LINKS = options.wheelDirs.join(' ');
    env.PIP_DISABLE_PIP_VERSION_CHECK = '1';
    env.GIT_AUTHOR_NAME = env.GIT_COMMITTER_NAME = 'New User';
    env.GIT_AUTHOR_EMAIL = env.GIT_COMMITTER_EMAIL = 'new.user@example.com';
    // a terminal, not a CI job (projen would run `npm ci`, which needs the lockfile a new project does not have yet)
    delete env.CI;
    this.env = env;
  }

  /** Run a command line in `cwd` and return what it printed (stdout and stderr together). */
  public run(cwd: string, command: string, args: readonly string[]): Outcome {
    const result = spawnSync(command, args, { cwd, env: this.env, encoding: 'utf-8', maxBuffer: 256 * 1024 * 1024 });
    if (result.error) {
      throw result.error;
    }
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  }

  /** Run a command line that must succeed; its output is in the error when it does not. */
  public ok(cwd: string, command: string, args: readonly string[]): string {
    const outcome = this.run(cwd, command, args);
    if (outcome.status !== 0) {
      throw new Error(`\`${[command, ...args].join(' ')}\` in ${cwd} exited with ${outcome.status}:\n${tail(outcome.output)}`);
    }
    return outcome.output;
  }
}

/** The last lines of a long output: where a failure is. */
export function tail(text: string, lines = 80): string {
  return text.split('\n').slice(-lines).join('\n');
}
