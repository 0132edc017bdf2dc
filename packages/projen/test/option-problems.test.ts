import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ServiceExposure } from '@fargate-platform/service-model';
import { InitProjectOptionHints, Testing } from 'projen';
import { FargateServiceProject, PythonFargateServiceProject } from '../src';
import { asOptionProblem, pythonOptionName, sameInEveryEnvironment } from '../src/private/service-files';

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

  test('in Python, the options are named as .projenrc.py writes them', () => {
    expect(pythonOptionName('memoryLimitMiB')).toBe('memory_limit_mib');
    expect(pythonOptionName('desiredCount')).toBe('desired_count');
    expect(asOptionProblem('spec.route.priority must be 1-50000; got 0', 'deployments.json', pythonOptionName))
      .toBe('route_priority must be 1-50000; got 0');
    expect(asOptionProblem('spec.memoryLimitMiB (in develop) must be a Fargate size', 'deployments.json', pythonOptionName))
      .toBe('memory_limit_mib (in develop) must be a Fargate size');
  });

  test('a top-level value wrong in every environment is one problem; one wrong in some environments is told per environment', () => {
    const each = (envs: string[]) => envs.map((e) => `memoryLimitMiB (in ${e}) must be a Fargate size with cpu 256; got 100`);
    expect(sameInEveryEnvironment([...each(['develop', 'test', 'qa', 'prod']), 'cpu must be one of 256; got 300'], 4))
      .toEqual(['memoryLimitMiB must be a Fargate size with cpu 256; got 100', 'cpu must be one of 256; got 300']);
    expect(sameInEveryEnvironment(each(['prod']), 4)).toEqual(each(['prod']));
  });

  test('the project type refuses cpu 300 with the option name, the value and the allowed sizes', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'option-problems-'));
    expect(() => new FargateServiceProject({
      name: 'checkout', owner: 'team', costCenter: 'cc-1', sourceRepository: 'acme/checkout', cpu: 300, outdir,
    } as any)).toThrow(/the options of service 'checkout': cpu must be one of 256, .*; got 300/);
  });

  test('the project type refuses a service that calls itself, naming the option; service.json lists what it calls', () => {
    const base = { name: 'checkout', owner: 'team', costCenter: 'cc-1', sourceRepository: 'acme/checkout' };
    expect(() => new FargateServiceProject({ ...base, calls: ['checkout'], outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'option-problems-')) } as any))
      .toThrow(/calls must not name the service itself \('checkout'\)/);
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'option-problems-'));
    const files = Testing.synth(new FargateServiceProject({ ...base, calls: ['ledger'], outdir } as any));
    expect(files['service.json'].spec.calls).toEqual(['ledger']);
  });
});

describe('the .projenrc.py that projen new writes', () => {
  test('imports an enum option from the service model\'s Python module, and is valid Python', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'projenrc-py-'));
    const args = { name: 'scoring', owner: 'team', costCenter: 'cc-1', sourceRepository: 'acme/scoring', exposure: 'public', routePath: '/api/scoring/*' };
    const project = new PythonFargateServiceProject({
      ...args,
      exposure: ServiceExposure.PUBLIC,
      outdir,
      __new__: { fqn: '@fargate-platform/projen.PythonFargateServiceProject', args, comments: InitProjectOptionHints.NONE },
    } as any);
    // what `projen new` does once the project is built: each component's projectCreation (here, the .projenrc.py writer)
    project.components.forEach((c) => c.projectCreation?.((project as any).initProject));

    const projenrc = fs.readFileSync(path.join(outdir, '.projenrc.py'), 'utf-8');
    expect(projenrc).toContain('from fargate_platform_service_model import ServiceExposure');
    expect(projenrc).toContain('exposure=ServiceExposure.PUBLIC,');
    const compiled = spawnSync('python3', ['-c', 'import ast, sys; ast.parse(open(sys.argv[1]).read())', path.join(outdir, '.projenrc.py')], { encoding: 'utf-8' });
    expect(compiled.stderr).toBe('');
    expect(compiled.status).toBe(0);
  });
});
