import { request } from 'node:http';
import { loadConfig } from '../config/app-config';

/** Longest wait for the answer; the container runtime's own timeout is longer. */
const TIMEOUT_MS = 2000;

/**
 * The container image's HEALTHCHECK (`node dist/cli/healthcheck.js`): the distroless runtime
 * has no shell or curl. Asks the service in this container for `GET /health/live` on its
 * configured port; exit 0 on 200, 1 otherwise. Liveness only: readiness (the database) is
 * Kubernetes' business, and a container must not be restarted because the database is down.
 */
function main(): void {
  const config = loadConfig(process.env);
  const { host, port } = config.http;
  const target = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const req = request({ host: target, port, path: '/health/live', method: 'GET', timeout: TIMEOUT_MS }, (res) => {
    res.resume();
    process.exitCode = res.statusCode === 200 ? 0 : 1;
    if (res.statusCode !== 200) process.stderr.write(`healthcheck: /health/live answered ${res.statusCode}\n`);
  });
  req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
  req.on('error', (error) => {
    process.stderr.write(`healthcheck: ${error.message}\n`);
    process.exitCode = 1;
  });
  req.end();
}

try {
  main();
} catch (error) {
  process.stderr.write(`healthcheck: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
