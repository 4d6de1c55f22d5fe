import { BindingEntity } from '../../src/bindings/binding.entity';
import { API_CSP, DOCS_CSP } from '../../src/common/http/security-headers';
import { APP_CONFIG } from '../../src/config/config.module';
import { MetricsService } from '../../src/metrics/metrics.service';
import { createOrganization, fakeSubject } from '../support/factories';
import { parseExposition } from '../support/replica';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * What production traffic meets before any business rule: the body size limit, security
 * headers (a strict CSP for the API, one that lets Swagger UI work on /docs), database timeouts
 * answered as 503 with Retry-After, and the metrics listener apart from the API.
 */
describe('HTTP hardening and metrics', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ DATABASE_STATEMENT_TIMEOUT_MS: '300' });
  });
  afterAll(async () => {
    await t.close();
  });

  const json = (bytes: number) => `{"padding":"${'x'.repeat(bytes - 14)}"}`;

  describe('request body limit (64 KiB)', () => {
    it('answers 413 PAYLOAD_TOO_LARGE as problem+json above the limit, before reading the token', async () => {
      const body = json(64 * 1024 + 1);
      expect(Buffer.byteLength(body)).toBe(64 * 1024 + 1);
      const response = await t.request('/v1/resolutions', { method: 'POST', body, headers: { 'content-type': 'application/json', 'accept-language': 'en' } });
      expect(response.status).toBe(413);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE', title: 'Payload too large', instance: '/v1/resolutions' });
      expect(response.body.requestId).toBe(response.headers.get('x-request-id'));
    });

    it('accepts exactly 64 KiB (the request then fails on its missing token)', async () => {
      const response = await t.request('/v1/resolutions', { method: 'POST', body: json(64 * 1024), headers: { 'content-type': 'application/json' } });
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('TOKEN_MISSING');
    });
  });

  describe('security headers', () => {
    it('every API response carries the strict policy', async () => {
      // A 405 is answered by our own onRequest hook, before any route: it carries them too.
      for (const response of [await t.request('/v1/resolutions', { method: 'POST' }), await t.request('/health/live'), await t.request('/nowhere'), await t.request('/v1/resolutions', { method: 'DELETE' })]) {
        expect(response.headers.get('content-security-policy')).toBe(API_CSP.replace(/; /g, ';'));
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('x-frame-options')).toBe('DENY');
        expect(response.headers.get('referrer-policy')).toBe('no-referrer');
        expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
        expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
        expect(response.headers.get('x-powered-by')).toBeNull();
      }
    });

    it('so does a problem Fastify answers before any hook (a malformed URL), with the request id and no-store', async () => {
      const response = await t.request('/%E0%A4%A', { headers: { 'x-request-id': 'malformed-url-1', 'accept-language': 'en' } });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-security-policy')).toBe(API_CSP.replace(/; /g, ';'));
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-request-id')).toBe('malformed-url-1');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('content-language')).toBe('en');
    });

    it('the API docs get a policy that lets Swagger UI load its own scripts and styles, and nothing foreign', async () => {
      const page = await t.request('/docs');
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toBe(DOCS_CSP);
      // Swagger UI's page loads only same-origin scripts (script-src 'self' allows them; no inline script).
      const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, inline] of scripts) {
        expect(attributes).toMatch(/src=["']\.\/docs\//);
        expect(inline.trim()).toBe('');
      }
      for (const asset of ['/docs/swagger-ui-init.js', '/docs/swagger-ui-bundle.js', '/docs/swagger-ui.css']) {
        const response = await t.request(asset);
        expect({ asset, status: response.status }).toEqual({ asset, status: 200 });
      }
      expect(DOCS_CSP).not.toMatch(/unsafe-eval|https?:|\*/);
    });
  });

  describe('database timeouts', () => {
    it('a statement that outlasts DATABASE_STATEMENT_TIMEOUT_MS ends in 503 with Retry-After, and writes nothing', async () => {
      const organization = await createOrganization(t.dataSource);
      const runner = t.dataSource.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      try {
        // An uncommitted binding holds the unique index entry: the service's insert waits on it.
        await runner.manager.insert(BindingEntity, {
          organizationId: organization.id, issuer: t.platform.issuer, subject: fakeSubject('holder'),
          userType: 'legal_person', kind: 'legal_person', status: 'active', endedAt: null, endedReason: null,
        });
        const token = await t.mint({ sub: fakeSubject('waiter'), userType: 'legal_person', uscc: organization.uscc!, name: organization.name });
        const response = await t.request('/v1/resolutions', { method: 'POST', token });
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toBe('5');
        expect(response.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
      expect(await t.dataSource.getRepository(BindingEntity).count({ where: { organizationId: organization.id } })).toBe(0);
    });
  });

  describe('metrics listener', () => {
    async function scrape() {
      const response = await fetch(t.metricsUrl!);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await response.text();
      return { text, samples: parseExposition(text) };
    }

    it('serves Prometheus text on its own port, not on the API port', async () => {
      expect(t.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      expect(new URL(t.metricsUrl!).port).not.toBe(new URL(t.url).port);
      const { text, samples } = await scrape();
      for (const name of ['process_cpu_user_seconds_total', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_p99_seconds']) {
        expect(text).toContain(`# TYPE ${name}`);
      }
      expect(samples.get('orgbind_db_pool_max_connections')).toBe(20);
      expect(samples.has('orgbind_db_pool_connections{state="idle"}')).toBe(true);
      expect(samples.has('orgbind_db_pool_connections{state="in_use"}')).toBe(true);
      expect(samples.get('orgbind_db_pool_waiting_requests')).toBe(0);
      expect(samples.has('orgbind_resolutions_total{status="APPLICATION_PENDING"}')).toBe(true);
      expect(samples.has('orgbind_binding_attempts_total{kind="legacy_account",outcome="locked_out"}')).toBe(true);
      expect(samples.get('orgbind_lockouts_total')).toBe(0);
      const onApi = await t.request('/metrics');
      expect(onApi.status).toBe(404);
      expect(onApi.body.code).toBe('NOT_FOUND');
    });

    it('labels requests by route template, never by raw URL', async () => {
      const secretish = `zz${Date.now()}`;
      await t.request(`/v1/unknown/${secretish}?id_number=210302199001011234`);
      await t.request('/v1/resolutions', { method: 'POST' });
      const { text, samples } = await scrape();
      expect(text).not.toContain(secretish);
      expect(text).not.toContain('210302199001011234');
      expect(samples.get('orgbind_http_requests_total{method="GET",route="unmatched",status_code="404"}')).toBeGreaterThanOrEqual(1);
      expect(samples.get('orgbind_http_requests_total{method="POST",route="/v1/resolutions",status_code="401"}')).toBeGreaterThanOrEqual(1);
      expect(samples.get('orgbind_http_request_duration_seconds_count{method="POST",route="/v1/resolutions",status_code="401"}')).toBeGreaterThanOrEqual(1);
    });

    it('counts resolutions by status and legal-person binding attempts by outcome', async () => {
      const before = (await scrape()).samples;
      const organization = await createOrganization(t.dataSource);
      const claims = { userType: 'legal_person', uscc: organization.uscc!, name: organization.name };
      await t.request('/v1/resolutions', { method: 'POST', token: await t.mint({ sub: fakeSubject('m1'), ...claims }) });
      await t.request('/v1/resolutions', { method: 'POST', token: await t.mint({ sub: fakeSubject('m2'), ...claims }) });
      await t.request('/v1/resolutions', { method: 'POST', token: await t.mint({ sub: fakeSubject('m3'), userType: 'natural_person', name: '赵测试' }) });
      const after = (await scrape()).samples;
      const delta = (key: string) => (after.get(key) ?? 0) - (before.get(key) ?? 0);
      expect(delta('orgbind_resolutions_total{status="BOUND"}')).toBe(1);
      expect(delta('orgbind_resolutions_total{status="LEGAL_PERSON_ALREADY_BOUND"}')).toBe(1);
      expect(delta('orgbind_resolutions_total{status="BINDING_REQUIRED"}')).toBe(1);
      expect(delta('orgbind_binding_attempts_total{kind="legal_person",outcome="bound"}')).toBe(1);
    });

    it('the applications module registers the pending-applications source: the gauge follows the database', async () => {
      const metrics = t.app.get(MetricsService);
      expect(() => metrics.setPendingApplicationsSource(async () => 0)).toThrow(/already registered/);
      const value = (await scrape()).samples.get('orgbind_registration_applications_pending');
      // Other specs submit and decide applications meanwhile: the exact figure is checked in test/support-api.
      expect(Number.isInteger(value) && value! >= 0).toBe(true);
      expect((await scrape()).samples.get('orgbind_metric_collection_failures_total{metric="orgbind_registration_applications_pending"}')).toBe(0);
    });

    it('reads pending applications from a source registered later; a failing source does not fail the scrape', async () => {
      // A registry of its own (the app's already has the applications module's source).
      const metrics = new MetricsService(t.app.get(APP_CONFIG), t.dataSource);
      const read = async () => parseExposition(await metrics.registry.metrics());
      let pending: number | Error = 7;
      metrics.setPendingApplicationsSource(async () => {
        if (pending instanceof Error) throw pending;
        return pending;
      });
      expect(() => metrics.setPendingApplicationsSource(async () => 0)).toThrow(/already registered/);
      expect((await read()).get('orgbind_registration_applications_pending')).toBe(7);
      metrics.recordLockout();
      pending = new Error('database unavailable');
      expect((await read()).get('orgbind_registration_applications_pending')).toBe(7);
      // The failure is counted during that scrape, so it shows from the next one.
      const samples = await read();
      expect(samples.get('orgbind_metric_collection_failures_total{metric="orgbind_registration_applications_pending"}')).toBe(1);
      expect(samples.get('orgbind_lockouts_total')).toBe(1);
    });

    it('answers only GET/HEAD /metrics', async () => {
      expect((await fetch(t.metricsUrl!, { method: 'POST' })).status).toBe(405);
      expect((await fetch(t.metricsUrl!.replace('/metrics', '/other'))).status).toBe(404);
      expect((await fetch(t.metricsUrl!, { method: 'HEAD' })).status).toBe(200);
    });
  });
});
