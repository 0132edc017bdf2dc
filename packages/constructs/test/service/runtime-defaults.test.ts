import { ServiceRuntime, ServiceRuntimeDefaults } from '../../src';

describe('ServiceRuntimeDefaults', () => {
  test.each([
    [ServiceRuntime.NODEJS, 'public.ecr.aws/docker/library/node:22-alpine', { NODE_ENV: 'production' }],
    [ServiceRuntime.PYTHON, 'public.ecr.aws/docker/library/python:3.12-slim', { PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1' }],
  ])('%s documents its base image and its configuration defaults', (runtime, baseImage, variables) => {
    const defaults = ServiceRuntimeDefaults.of(runtime);

    expect(defaults.runtime).toBe(runtime);
    expect(defaults.baseImage).toBe(baseImage);
    expect(defaults.variables).toEqual(variables);
    expect(defaults.user).toBe('1000:1000');
    expect(defaults.writablePaths).toEqual(['/tmp']);
  });

  test('the Node.js health check probes with node itself (the images carry no curl)', () => {
    expect(ServiceRuntimeDefaults.NODEJS.healthCheckCommand(3000, '/health')).toBe(
      'node -e "require(\'http\').get(\'http://localhost:3000/health\',r=>process.exit(r.statusCode<400?0:1)).on(\'error\',()=>process.exit(1))"');
  });

  test('the Python health check probes with urllib, which raises on errors and statuses from 400', () => {
    expect(ServiceRuntimeDefaults.PYTHON.healthCheckCommand(8000, '/ready')).toBe(
      'python -c "import urllib.request; urllib.request.urlopen(\'http://localhost:8000/ready\', timeout=4)"');
  });

  test('an unknown runtime is refused with the allowed values', () => {
    expect(() => ServiceRuntimeDefaults.of('java' as ServiceRuntime)).toThrow(/runtime must be one of nodejs, python; got 'java'/);
  });
});
