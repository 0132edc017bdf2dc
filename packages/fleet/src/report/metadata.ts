import { execFileSync } from 'child_process';
import * as fs from 'fs';

/** The commit a report was made from. */
export interface CommitInfo {
  readonly sha: string;
  readonly branch?: string;
  readonly subject?: string;
  /** Whether the working tree had changes not committed: the report is then of more than the commit. */
  readonly dirty: boolean;
}

/** The commit checked out in `root`, or undefined outside a git repository (or without git). */
export function gitCommit(root: string): CommitInfo | undefined {
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: root, encoding: 'utf-8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const branch = git('rev-parse', '--abbrev-ref', 'HEAD');
    return {
      sha: git('rev-parse', 'HEAD'),
      ...(branch && branch !== 'HEAD' ? { branch } : {}),
      subject: git('log', '-1', '--format=%s'),
      // Only what git tracks: the reports themselves and cdk.out are ignored.
      dirty: git('status', '--porcelain', '--untracked-files=no').length > 0,
    };
  } catch {
    return undefined;
  }
}

/** The version of an installed npm package, or `unknown`. */
export function packageVersion(name: string): string {
  try {
    return JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`), 'utf-8')).version;
  } catch {
    return 'unknown';
  }
}

/**
 * The versions a fleet report depends on: the platform's (from the rows), the libraries that
 * synthesize and check, the tools the gates ran, and Node.js.
 */
export function toolchainVersions(platformVersions: string[], toolVersions: Record<string, string>): Record<string, string> {
  return {
    'platform': [...new Set(platformVersions)].sort().join(', ') || 'unknown',
    'aws-cdk-lib': packageVersion('aws-cdk-lib'),
    'cdk-nag': packageVersion('cdk-nag'),
    '@cdklabs/cdk-validator-cfnguard': packageVersion('@cdklabs/cdk-validator-cfnguard'),
    ...toolVersions,
    'node': process.version,
  };
}
