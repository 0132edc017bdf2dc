import { RuntimeDefaults, ServiceRuntime } from '../src';

describe('RuntimeDefaults', () => {
  test('Node.js: node 22 on Alpine, port 3000, production mode, probed with node itself (the image has no curl)', () => {
    const node = RuntimeDefaults.of(ServiceRuntime.NODEJS);
    expect(node).toMatchObject({
      runtime: ServiceRuntime.NODEJS,
      baseImage: 'public.ecr.aws/docker/library/node:22-alpine',
      containerPort: 3000,
      variables: { NODE_ENV: 'production' },
      user: '1000:1000',
      writablePaths: ['/tmp'],
      testCommand: 'npm test',
    });
    expect(node.healthCheckCommand(3000, '/health'))
      .toBe("node -e \"require('http').get('http://localhost:3000/health',r=>process.exit(r.statusCode<400?0:1)).on('error',()=>process.exit(1))\"");
  });

  test('Python: 3.12 slim, port 8000, unbuffered output and no bytecode (read-only root filesystem)', () => {
    const python = RuntimeDefaults.of(ServiceRuntime.PYTHON);
    expect(python).toMatchObject({
      runtime: ServiceRuntime.PYTHON,
      baseImage: 'public.ecr.aws/docker/library/python:3.12-slim',
      containerPort: 8000,
      variables: { PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1' },
      user: '1000:1000',
      testCommand: 'python -m pytest',
    });
    expect(python.healthCheckCommand(8000, '/ready')).toBe("python -c \"import urllib.request; urllib.request.urlopen('http://localhost:8000/ready', timeout=4)\"");
  });

  test('an unknown runtime is refused, naming the runtimes', () => {
    expect(() => RuntimeDefaults.of('java' as ServiceRuntime)).toThrow(/runtime: must be one of nodejs, python; got 'java'/);
  });
});
