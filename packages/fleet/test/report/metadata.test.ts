import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { gitCommit, packageVersion, toolchainVersions } from '../../src/report/metadata';

describe('where a report comes from', () => {
  test('the commit of the repository, with its branch and subject', () => {
    const commit = gitCommit(path.join(__dirname, '..', '..'));

    expect(commit?.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(typeof commit?.dirty).toBe('boolean');
    expect(commit?.subject).toEqual(expect.any(String));
  });

  test('outside a git repository: no commit', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'no-git-'));
    try {
      expect(gitCommit(dir)).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the versions of the platform, the libraries, the gate\'s tools and Node.js', () => {
    expect(toolchainVersions(['0.1.0', '0.1.0', '0.2.0'], { 'cfn-lint': '1.58.0' })).toEqual({
      'platform': '0.1.0, 0.2.0',
      'aws-cdk-lib': packageVersion('aws-cdk-lib'),
      'cdk-nag': packageVersion('cdk-nag'),
      '@cdklabs/cdk-validator-cfnguard': packageVersion('@cdklabs/cdk-validator-cfnguard'),
      'cfn-lint': '1.58.0',
      'node': process.version,
    });
    expect(packageVersion('aws-cdk-lib')).toMatch(/^2\.\d+\.\d+$/);
    expect(packageVersion('no-such-package-here')).toBe('unknown');
  });
});
