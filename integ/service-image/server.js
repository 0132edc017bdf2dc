// The probe service of the integration scenarios (see Dockerfile). No dependencies.
const http = require('http');

const PORT = 8080;
let taskDefinition = 'unknown';

// ECS injects the task metadata endpoint into every container; the task's family and revision say which
// task definition this container belongs to.
const metadata = process.env.ECS_CONTAINER_METADATA_URI_V4;
if (metadata) {
  http.get(`${metadata}/task`, (res) => {
    let body = '';
    res.on('data', (chunk) => { body += chunk; });
    res.on('end', () => {
      try {
        const task = JSON.parse(body);
        taskDefinition = `${task.Family}:${task.Revision}`;
      } catch (e) {
        console.error('cannot read the task metadata', e);
      }
    });
  }).on('error', (e) => console.error('cannot reach the task metadata endpoint', e));
}

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ status: 'ok', path: req.url, taskDefinition }));
});
server.listen(PORT, () => console.log(`probe listening on ${PORT}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
