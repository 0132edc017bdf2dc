import { createServer, Server } from 'http';
import { CONTAINER_PORT, HEALTH_CHECK_PATH } from './settings';

/** The service: it answers the platform's health check; add your routes here. */
export function createApp(): Server {
  return createServer((request, response) => {
    if (request.method === 'GET' && request.url === HEALTH_CHECK_PATH) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: 'ok' }));
      return;
    }
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: 'not found' }));
  });
}

if (require.main === module) {
  createApp().listen(CONTAINER_PORT, () => console.log(`listening on ${CONTAINER_PORT}`));
}
