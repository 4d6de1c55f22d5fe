import { GC_DURATION_BUCKETS, HTTP_DURATION_BUCKETS } from '../../src/metrics/metric-names';
import { createOrganization, fakeSubject } from '../support/factories';
import { parseExposition } from '../support/replica';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The metrics that tell where a latency tail comes from (issue 14): the wait for a database
 * connection, the bound fast path's one statement, the pool's state at scrape time, and the
 * bucket bounds of the HTTP and GC histograms.
 */
describe('database and tail metrics', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const scrape = async () => {
    const text = await (await fetch(t.metricsUrl!)).text();
    return { text, samples: parseExposition(text) };
  };

  it('exposes the pool wait and resolution statement histograms and the pool gauges', async () => {
    const { text, samples } = await scrape();
    expect(text).toContain('# TYPE orgbind_db_pool_wait_seconds histogram');
    expect(text).toContain('# TYPE orgbind_resolution_query_duration_seconds histogram');
    expect(samples.has('orgbind_db_pool_wait_seconds_bucket{le="0.0001"}')).toBe(true);
    expect(samples.has('orgbind_resolution_query_duration_seconds_bucket{le="+Inf"}')).toBe(true);
    expect(samples.has('orgbind_db_pool_connections{state="idle"}')).toBe(true);
    expect(samples.has('orgbind_db_pool_waiting_requests')).toBe(true);
  });

  it('counts a pool checkout and one timed statement for a returning bound user', async () => {
    const organization = await createOrganization(t.dataSource);
    const token = await t.mint({ sub: fakeSubject('tail'), userType: 'legal_person', uscc: organization.uscc!, name: organization.name });
    expect((await t.request('/v1/resolutions', { method: 'POST', token })).body.status).toBe('BOUND');
    const before = (await scrape()).samples;
    const response = await t.request('/v1/resolutions', { method: 'POST', token });
    expect(response.body.status).toBe('BOUND');
    const after = (await scrape()).samples;
    const delta = (key: string) => (after.get(key) ?? 0) - (before.get(key) ?? 0);
    expect(delta('orgbind_resolution_query_duration_seconds_count')).toBe(1);
    expect(delta('orgbind_resolution_query_duration_seconds_sum')).toBeGreaterThan(0);
    // The fast path's statement, at least (other specs' apps have pools of their own).
    expect(delta('orgbind_db_pool_wait_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(delta('orgbind_db_pool_wait_seconds_bucket{le="+Inf"}')).toBe(delta('orgbind_db_pool_wait_seconds_count'));
  });

  it('times checkouts in the promise form too (TypeORM query runners)', async () => {
    const before = (await scrape()).samples.get('orgbind_db_pool_wait_seconds_count') ?? 0;
    await t.dataSource.query('SELECT 1');
    expect((await scrape()).samples.get('orgbind_db_pool_wait_seconds_count')).toBeGreaterThanOrEqual(before + 1);
  });

  it('uses fine buckets where tails are read: HTTP 1 ms to 10 s with 15 and 20 ms, GC 0.5 ms to 128 ms', async () => {
    expect(HTTP_DURATION_BUCKETS).toEqual(expect.arrayContaining([0.001, 0.0025, 0.015, 0.02]));
    await t.request('/v1/resolutions', { method: 'POST' });
    const bounds = (text: string, metric: string) => new Set([...text.matchAll(new RegExp(`^${metric}_bucket\\{[^}]*le="([^"]+)"`, 'gm'))].map((m) => m[1]));
    const http = bounds((await scrape()).text, 'orgbind_http_request_duration_seconds');
    for (const le of HTTP_DURATION_BUCKETS) expect(http.has(String(le))).toBe(true);
    // GC series appear after the first collection of a kind (the app runs in this process): make garbage until one shows.
    let gc = new Set<string>();
    for (let attempt = 0; attempt < 50 && gc.size === 0; attempt++) {
      const garbage: object[] = [];
      for (let i = 0; i < 200_000; i++) garbage.push({ i });
      garbage.length = 0;
      await new Promise((resolve) => setTimeout(resolve, 10));
      gc = bounds((await scrape()).text, 'nodejs_gc_duration_seconds');
    }
    expect(gc.size).toBeGreaterThan(0);
    for (const le of GC_DURATION_BUCKETS) expect(gc.has(String(le))).toBe(true);
  });
});
