import { RuntimeDefaults, ServiceRuntime } from '@fargate-platform/service-model';
import { Project, SampleFile, TextFile } from 'projen';
import { GENERATED } from './service-files';

/** The Python package of the service's own code: what the image runs (`python -m service_app.server`), apart from the CDK app (app.py). */
export const PYTHON_SERVICE_PACKAGE = 'service_app';

/**
 * The runnable part of a Python service: a minimal HTTP server (standard library only) that
 * answers the platform's health check (`service_app/server.py`, the team's from then on), the
 * settings it reads (`service_app/settings.py`, regenerated), a Dockerfile that copies only the
 * service's package, and pytest tests that start the server and check every `COPY` source.
 */
export function pythonSkeleton(project: Project, port: number, healthCheckPath: string): void {
  const pkg = PYTHON_SERVICE_PACKAGE;
  new TextFile(project, `${pkg}/settings.py`, {
    lines: [
      `# ${GENERATED}`,
      '"""What the platform says about the service (service.json): where the server listens and what it answers."""',
      '',
      `CONTAINER_PORT = ${port}`,
      `HEALTH_CHECK_PATH = "${healthCheckPath}"`,
    ],
  });
  new SampleFile(project, `${pkg}/__init__.py`, { contents: '"""The service\'s own code: what its container runs."""\n' });
  new SampleFile(project, `${pkg}/server.py`, {
    contents: [
      '"""The service: it answers the platform\'s health check; add your routes here."""',
      'import json',
      'from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer',
      '',
      'from service_app.settings import CONTAINER_PORT, HEALTH_CHECK_PATH',
      '',
      '',
      'class Handler(BaseHTTPRequestHandler):',
      '    def do_GET(self):  # noqa: N802 (the standard library\'s name)',
      '        status, body = (200, {"status": "ok"}) if self.path == HEALTH_CHECK_PATH else (404, {"error": "not found"})',
      '        payload = json.dumps(body).encode()',
      '        self.send_response(status)',
      '        self.send_header("content-type", "application/json")',
      '        self.send_header("content-length", str(len(payload)))',
      '        self.end_headers()',
      '        self.wfile.write(payload)',
      '',
      '',
      'def create_server(port: int = CONTAINER_PORT) -> ThreadingHTTPServer:',
      '    return ThreadingHTTPServer(("0.0.0.0", port), Handler)',
      '',
      '',
      'if __name__ == "__main__":',
      '    server = create_server()',
      '    print(f"listening on {server.server_port}", flush=True)',
      '    server.serve_forever()',
      '',
    ].join('\n'),
  });
  new TextFile(project, 'tests/test_server.py', {
    lines: [
      `# ${GENERATED}`,
      'import subprocess',
      'import threading',
      'import urllib.error',
      'import urllib.request',
      'from pathlib import Path',
      '',
      'from service_app.server import create_server',
      'from service_app.settings import CONTAINER_PORT, HEALTH_CHECK_PATH',
      '',
      'ROOT = Path(__file__).parent.parent',
      '',
      '',
      'def test_the_server_answers_its_health_check_and_404_elsewhere():',
      '    server = create_server(0)',
      '    threading.Thread(target=server.serve_forever, daemon=True).start()',
      '    base = f"http://127.0.0.1:{server.server_port}"',
      '    try:',
      '        assert urllib.request.urlopen(base + HEALTH_CHECK_PATH, timeout=5).status == 200',
      '        try:',
      '            urllib.request.urlopen(base + "/no-such-path", timeout=5)',
      '            raise AssertionError("an unknown path must not answer 200")',
      '        except urllib.error.HTTPError as e:',
      '            assert e.code == 404',
      '    finally:',
      '        server.shutdown()',
      '',
      '',
      'def test_the_dockerfile_health_check_run_by_sh_passes_while_the_server_answers_and_fails_after():',
      '    line = next(l for l in (ROOT / "Dockerfile").read_text().splitlines() if l.startswith("HEALTHCHECK CMD "))',
      '    server = create_server(0)',
      '    threading.Thread(target=server.serve_forever, daemon=True).start()',
      '    # Docker runs the shell form with sh -c; the server listens on a free port instead of the container port',
      '    command = line[len("HEALTHCHECK CMD "):].replace(f":{CONTAINER_PORT}/", f":{server.server_port}/")',
      '    try:',
      '        assert subprocess.run(["sh", "-c", command], timeout=30).returncode == 0',
      '    finally:',
      '        server.shutdown()',
      '        server.server_close()',
      '    assert subprocess.run(["sh", "-c", command], timeout=30).returncode != 0',
    ],
  });
  new TextFile(project, 'tests/test_dockerfile.py', {
    lines: [
      `# ${GENERATED}`,
      'from pathlib import Path',
      '',
      'ROOT = Path(__file__).parent.parent',
      '',
      '',
      'def test_every_copy_source_of_the_dockerfile_exists():',
      '    lines = (ROOT / "Dockerfile").read_text().splitlines()',
      '    sources = [s for line in lines if line.startswith("COPY ") and "--from=" not in line for s in line.split()[1:-1]]',
      '    assert sources',
      '    assert [s for s in sources if "*" not in s and not (ROOT / s).exists()] == []',
    ],
  });
  const defaults = RuntimeDefaults.of(ServiceRuntime.PYTHON);
  new TextFile(project, 'Dockerfile', {
    lines: [
      `# ${GENERATED}`,
      `FROM ${defaults.baseImage}`,
      'ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1',
      'WORKDIR /app',
      '# The service\'s own package only: the CDK app (app.py) and its dependencies stay out of the image.',
      `COPY ${pkg}/ ./${pkg}/`,
      `USER ${defaults.user}`,
      `EXPOSE ${port}`,
      `HEALTHCHECK CMD ${defaults.healthCheckCommand(port, healthCheckPath)}`,
      `CMD ["python", "-m", "${pkg}.server"]`,
    ],
  });
  new TextFile(project, '.dockerignore', { lines: ['*', `!${pkg}/`, `${pkg}/**/__pycache__`] });
}
