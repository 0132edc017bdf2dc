import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FargateServiceProject } from '../src';
import { asOptionProblem } from '../src/private/service-files';

describe('a bad option is named as the project writes it, not as service.json stores it', () => {
  test.each([
    ['spec.cpu must be one of 256, 512; got 300', 'cpu must be one of 256, 512; got 300'],
    ['spec.route.pathPattern may hold only letters; got "/a b"', 'routePath may hold only letters; got "/a b"'],
    ['spec.route.priority must be 1-50000; got 0', 'routePriority must be 1-50000; got 0'],
    ['spec.route is required for a public service', 'routePath is required for a public service'],
    ['spec.environments.develop.cpu must be one of 256; got 7', 'environments.develop.cpu must be one of 256; got 7'],
    ['targets[1].account must be 12 digits; got "1234"', 'deployments.json[1].account must be 12 digits; got "1234"'],
  ])('%s', (problem, told) => {
    expect(asOptionProblem(problem, 'deployments.json')).toBe(told);
  });

  test('the project type refuses cpu 300 with the option name, the value and the allowed sizes', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'option-problems-'));
    expect(() => new FargateServiceProject({
      name: 'checkout', owner: 'team', costCenter: 'cc-1', sourceRepository: 'acme/checkout', cpu: 300, outdir,
    } as any)).toThrow(/the options of service 'checkout': cpu must be one of 256, .*; got 300/);
  });
});
