import { randomUUID } from 'node:crypto';
import { syncReferenceData } from '../../src/registry/reference-data';
import { DevPlatform } from '../../src/dev-platform/dev-platform';
import { applicationBody, createAuthority, createOrganization, fakeResidentId, fakeSubject } from '../support/factories';
import { Replica, startReplicaPlatform, startReplicas } from '../support/replica';
import { createScratchDatabase, ScratchDatabase } from '../support/scratch-database';
import { TestResponse } from '../support/test-app';
import { tallied } from './support/tally';

/**
 * Rate limits on the binding and application endpoints, per platform account and per client IP,
 * counted in PostgreSQL: two service processes (replicas) on one private database share every
 * limit. Client addresses come from X-Forwarded-For (TRUST_PROXY=true, as behind the ingress).
 */
describe('rate limits across replicas', () => {
  let scratch: ScratchDatabase;
  let platform: DevPlatform;
  let replicas: Replica[];

  beforeAll(async () => {
    scratch = await createScratchDatabase('ratelimit');
    await syncReferenceData(scratch.dataSource);
    platform = await startReplicaPlatform();
    replicas = await startReplicas(platform, 2, {
      name: 'ratelimit',
      env: {
        DATABASE_URL: scratch.url,
        TRUST_PROXY: 'true',
        RATE_LIMIT_WINDOW_SECONDS: '600',
        RATE_LIMIT_BINDING_PER_ACCOUNT: '4',
        RATE_LIMIT_BINDING_PER_IP: '10',
        RATE_LIMIT_APPLICATION_PER_ACCOUNT: '3',
        RATE_LIMIT_APPLICATION_PER_IP: '8',
        LIFECYCLE_SWEEP_INTERVAL_SECONDS: '0',
      },
    });
  }, 240_000);

  afterAll(async () => {
    await Promise.all((replicas ?? []).map((r) => r.stop()));
    await platform?.close();
    await scratch?.drop();
  });

  const natural = (sub = fakeSubject('limited')) => platform.mintToken({ sub, userType: 'natural_person', name: '张测试', residentId: fakeResidentId() });
  const bind = (replica: Replica, token: string, ip: string, json: Record<string, unknown>) =>
    replica.request('/v1/bindings/legacy-account', { method: 'POST', token, json, headers: { 'x-forwarded-for': ip } });

  function expectLimited(response: TestResponse) {
    expect(response.status).toBe(429);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe('TOO_MANY_REQUESTS');
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(response.body.retryAfterSeconds).toBe(retryAfter);
  }

  it('binding: the 5th attempt of one platform account within the window is 429 TOO_MANY_REQUESTS with Retry-After, whichever replica serves it', () =>
    tallied('rate limits', 'binding per account, two replicas', async () => {
      const organization = await createOrganization(scratch.dataSource, { status: 'in_formation', uscc: null });
      const token = await natural();
      const body = { organizationName: organization.name, loginName: `nobody-${randomUUID().slice(0, 8)}`, password: 'wrong' };
      const answers: TestResponse[] = [];
      // Different addresses so only the account limit applies; alternate replicas.
      for (let i = 0; i < 4; i++) answers.push(await bind(replicas[i % 2], token, `198.51.100.${10 + i}`, body));
      expect(answers.map((r) => r.body.code).filter((c) => c === 'TOO_MANY_REQUESTS')).toEqual([]);
      const fifth = await bind(replicas[0], token, '198.51.100.99', body);
      expectLimited(fifth);
      const sixth = await bind(replicas[1], token, '198.51.100.98', body);
      expectLimited(sixth);
      // Another account from the same addresses is not affected.
      const other = await bind(replicas[1], await natural(), '198.51.100.99', body);
      expect(other.body.code).not.toBe('TOO_MANY_REQUESTS');
    }));

  it('binding: one client IP is limited across accounts and replicas (10 per window), other IPs are not', () =>
    tallied('rate limits', 'binding per IP, two replicas', async () => {
      const organization = await createOrganization(scratch.dataSource, { status: 'in_formation', uscc: null });
      const ip = '203.0.113.77';
      const body = { organizationName: organization.name, loginName: `nobody-${randomUUID().slice(0, 8)}`, password: 'wrong' };
      const tokens = await Promise.all(Array.from({ length: 12 }, () => natural()));
      const answers = await Promise.all(tokens.map((token, i) => bind(replicas[i % 2], token, ip, body)));
      expect(answers.filter((r) => r.status >= 500)).toEqual([]);
      const limited = answers.filter((r) => r.body?.code === 'TOO_MANY_REQUESTS');
      expect(limited).toHaveLength(2);
      limited.forEach(expectLimited);
      const elsewhere = await bind(replicas[0], await natural(), '203.0.113.78', body);
      expect(elsewhere.body.code).not.toBe('TOO_MANY_REQUESTS');
      // Wrong credentials everywhere: no binding came of any of them.
      const [{ n }] = await scratch.dataSource.query(`SELECT count(*)::int AS n FROM binding WHERE organization_id = $1`, [organization.id]);
      expect(n).toBe(0);
    }));

  it('applications: per account (3 per window) across replicas; the refusal writes nothing', () =>
    tallied('rate limits', 'applications per account, two replicas', async () => {
      const authority = await createAuthority(scratch.dataSource);
      const token = await natural();
      const submit = (replica: Replica, ip: string, body: unknown) =>
        replica.request('/v1/registration-applications', { method: 'POST', token, json: body, headers: { 'x-forwarded-for': ip, 'idempotency-key': randomUUID() } });
      const first = await submit(replicas[0], '192.0.2.1', applicationBody(authority));
      expect(first.status).toBe(201);
      // Two more requests (refused by the rules: one pending application per account) still count.
      expect((await submit(replicas[1], '192.0.2.2', applicationBody(authority))).body.code).toBe('APPLICATION_ALREADY_PENDING');
      expect((await submit(replicas[0], '192.0.2.3', applicationBody(authority))).body.code).toBe('APPLICATION_ALREADY_PENDING');
      const [{ before }] = await scratch.dataSource.query(`SELECT count(*)::int AS before FROM registration_application`);
      const fourth = await submit(replicas[1], '192.0.2.4', applicationBody(authority));
      expectLimited(fourth);
      const withdraw = await replicas[0].request(`/v1/registration-applications/${first.body.id}/withdraw`, { method: 'POST', token, headers: { 'x-forwarded-for': '192.0.2.5' } });
      expectLimited(withdraw);
      const [{ after }] = await scratch.dataSource.query(`SELECT count(*)::int AS after FROM registration_application`);
      expect(after).toBe(before);
      const [row] = await scratch.dataSource.query(`SELECT status FROM registration_application WHERE id = $1`, [first.body.id]);
      expect(row.status).toBe('pending');
    }));

  it('counters are shared rows in PostgreSQL with hashed keys (no IP address or account in clear)', () =>
    tallied('rate limits', 'hashed shared counters', async () => {
      const rows: { key: string; hits: number }[] = await scratch.dataSource.query(`SELECT key, hits FROM rate_limit_bucket`);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.key).toMatch(/^[0-9a-f]{64}$/);
    }));
});
