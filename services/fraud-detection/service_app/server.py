"""The service: it answers the platform's health check; add your routes here."""
import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from service_app.settings import CONTAINER_PORT, HEALTH_CHECK_PATH


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (the standard library's name)
        status, body = (200, {"status": "ok"}) if self.path == HEALTH_CHECK_PATH else (404, {"error": "not found"})
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


def create_server(port: int = CONTAINER_PORT) -> ThreadingHTTPServer:
    return ThreadingHTTPServer(("0.0.0.0", port), Handler)


if __name__ == "__main__":
    server = create_server()
    print(f"listening on {server.server_port}", flush=True)
    server.serve_forever()
