import { request as httpRequest } from 'node:http';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../src/database/data-source';
import { DevPlatform } from '../../src/dev-platform/dev-platform';
import { createOrganization, fakeSubject } from '../support/factories';
import { Replica, startReplica, startReplicaPlatform } from '../support/replica';

/**
 * SIGTERM on the compiled service process (what Kubernetes sends in a rolling upgrade):
 * readiness turns 503 first while requests are still served, then the listener closes, the
 * request in flight completes (with the database pool still open), and the process exits 0.
 * In-flight requests are bounded by SHUTDOWN_TIMEOUT_MS.
 */

/** A resolution request whose body is sent in two parts: in flight until `finish()`. */
function slowResolution(replica: Replica, token: string) {
  const body = `{${' '.repeat(2048)}}`;
  const url = new URL('/v1/resolutions', replica.url);
  const req = httpRequest(url, {
    method: 'POST',
    agent: false,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'content-length': String(body.length),
      // The server answers "100 Continue" once it has read the headers: the request is then in flight.
      expect: '100-continue',
    },
  });
  const inFlight = new Promise<void>((resolve) => req.once('continue', () => req.write(body.slice(0, 1000), () => resolve())));
  const response = new Promise<{ status: number; body: { status?: string } }>((resolve, reject) => {
    req.once('response', (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.once('error', reject);
  });
  req.flushHeaders();
  return { inFlight, response, finish: () => req.end(body.slice(1000)) };
}

/** Repeat `probe` until it returns a value (50 ms apart, at most `attempts` times). */
async function eventually<T>(probe: () => Promise<T | undefined>, attempts = 200): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('condition not reached');
}

describe('graceful shutdown of a service process', () => {
  let platform: DevPlatform;
  let dataSource: DataSource;

  beforeAll(async () => {
    platform = await startReplicaPlatform();
    dataSource = createDataSource(process.env.ORGBIND_E2E_DATABASE_URL!, 'orgbind-e2e-shutdown');
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await platform?.close();
  });

  it('SIGTERM: readiness 503 first while still serving, then the listener closes, the in-flight request completes, exit 0', async () => {
    // A drain delay far longer than the test: the second SIGTERM ends it, so nothing depends on timing.
    const replica = await startReplica(platform, { name: 'draining', env: { SHUTDOWN_DRAIN_DELAY_MS: '120000', SHUTDOWN_TIMEOUT_MS: '20000' } });
    try {
      const organization = await createOrganization(dataSource);
      const sub = fakeSubject('shutdown');
      const token = await platform.mintToken({ sub, userType: 'legal_person', uscc: organization.uscc!, name: organization.name });
      expect((await replica.request('/health/ready')).status).toBe(200);

      const slow = slowResolution(replica, token);
      await slow.inFlight;
      replica.signal('SIGTERM');

      const notReady = await eventually(async () => {
        const ready = await replica.request('/health/ready');
        return ready.status === 503 ? ready : undefined;
      });
      expect(notReady.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(notReady.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', checks: { lifecycle: 'down (draining)', database: 'up' } });
      expect(notReady.headers.get('connection')).toBe('close');

      // Draining: still alive, still serving the API and the metrics.
      expect((await replica.request('/health/live')).status).toBe(200);
      const natural = await replica.request('/v1/resolutions', {
        method: 'POST',
        token: await platform.mintToken({ sub: fakeSubject('drain'), userType: 'natural_person', name: '王测试' }),
      });
      expect(natural.status).toBe(200);
      expect(natural.body.status).toBe('BINDING_REQUIRED');
      expect(natural.headers.get('connection')).toBe('close');
      expect((await replica.metrics()).get('orgbind_resolutions_total{status="BINDING_REQUIRED"}')).toBeGreaterThanOrEqual(1);

      // Second SIGTERM: the rest of the drain delay is skipped; the listener closes.
      replica.signal('SIGTERM');
      await eventually(() => fetch(`${replica.url}/health/live`).then(() => undefined, () => true));

      slow.finish();
      const completed = await slow.response;
      expect(completed.status).toBe(200);
      expect(completed.body.status).toBe('BOUND');

      expect(await replica.exited).toEqual({ code: 0, signal: null });
      const output = replica.output();
      expect(output).toMatch(/SIGTERM: readiness now reports 503; still serving for 120000 ms/);
      expect(output).toMatch(/SIGTERM again: skipping the rest of the drain delay/);
      expect(output).toMatch(/shutdown: complete in \d+ ms/);
      expect(output.indexOf('readiness now reports 503')).toBeLessThan(output.indexOf('closing the listener'));
      const [binding] = await dataSource.query(`SELECT subject FROM binding WHERE organization_id = $1 AND status = 'active'`, [organization.id]);
      expect(binding.subject).toBe(sub);
    } finally {
      await replica.stop();
    }
  });

  it('in-flight requests are bounded by SHUTDOWN_TIMEOUT_MS: connections are cut and the exit code says so', async () => {
    const replica = await startReplica(platform, { name: 'stuck', env: { SHUTDOWN_DRAIN_DELAY_MS: '0', SHUTDOWN_TIMEOUT_MS: '300' } });
    try {
      const token = await platform.mintToken({ sub: fakeSubject('stuck'), userType: 'natural_person', name: '李测试' });
      const stuck = slowResolution(replica, token);
      const outcome = stuck.response.then(() => 'answered', (error: Error) => `failed: ${error.message}`);
      await stuck.inFlight;
      replica.signal('SIGTERM');
      expect(await replica.exited).toEqual({ code: 1, signal: null });
      expect(replica.output()).toMatch(/requests still running after 300 ms; cutting their connections/);
      expect(await outcome).toMatch(/^failed: /);
    } finally {
      await replica.stop();
    }
  });

  it('refuses to start in production without the platform settings, naming every offending variable (exit 78)', async () => {
    await expect(startReplica(platform, { name: 'misconfigured', env: { PLATFORM_ISSUER: '', PLATFORM_JWKS_URI: '', DEV_LOAD_SAMPLE_DATA: 'true' } }))
      .rejects.toThrow(/exited during start-up \(code 78[\s\S]*PLATFORM_ISSUER: required in production[\s\S]*PLATFORM_JWKS_URI: required in production[\s\S]*DEV_LOAD_SAMPLE_DATA: development-only/);
  });
});
