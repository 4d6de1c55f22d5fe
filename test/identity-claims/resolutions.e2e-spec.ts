import { createConnection } from 'node:net';
import { fakeOrganizationName, fakeSubject, fakeUscc, createOrganization } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { BindingEntity } from '../../src/bindings/binding.entity';

/** One spec per legal-person row of the DOMAIN.md resolution table, through HTTP with real tokens. */
describe('POST /v1/resolutions (legal-person users)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  async function resolve(claims: Parameters<TestApp['mint']>[0], headers: Record<string, string> = {}) {
    const token = await t.mint(claims);
    return t.request('/v1/resolutions', { method: 'POST', token, headers });
  }

  it('binds on the first exact login and answers BOUND with the organization account', async () => {
    const organization = await createOrganization(t.dataSource);
    const sub = fakeSubject();
    const first = await resolve({ sub, userType: 'legal_person', uscc: organization.uscc!, name: organization.name, verificationLevel: 'none' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      status: 'BOUND',
      organization: { id: organization.id, name: organization.name, uscc: organization.uscc, status: 'established', type: 'social_group' },
      binding: { kind: 'legal_person' },
    });
    expect(first.body.message).toContain(organization.name);
    const second = await resolve({ sub, userType: 'legal_person', uscc: organization.uscc!, name: organization.name });
    expect(second.body.status).toBe('BOUND');
    expect(second.body.binding.id).toBe(first.body.binding.id);
    const bindings = await t.dataSource.getRepository(BindingEntity).find({ where: { organizationId: organization.id } });
    expect(bindings).toHaveLength(1);
    expect(bindings[0]).toMatchObject({ kind: 'legal_person', status: 'active', subject: sub, userType: 'legal_person' });
  });

  it('binds the real sample foundation by its exact certificate name', async () => {
    const uscc = '53210000MJ2831229F';
    const sub = fakeSubject('sample');
    const existing = await t.dataSource.query('SELECT id FROM organization WHERE uscc = $1', [uscc]);
    if (existing.length === 0) {
      await createOrganization(t.dataSource, { uscc, name: '辽宁省爱梦成真青年发展基金会', type: 'foundation', divisionCode: '210000' });
    }
    await t.dataSource.query(`UPDATE binding SET status = 'revoked', ended_at = now(), ended_reason = 'test' WHERE status = 'active' AND organization_id = (SELECT id FROM organization WHERE uscc = $1)`, [uscc]);
    const response = await resolve({ sub, userType: 'legal_person', uscc, name: '辽宁省爱梦成真青年发展基金会' });
    expect(response.body).toMatchObject({ status: 'BOUND', organization: { uscc, type: 'foundation', divisionCode: '210000' } });
  });

  it('USCC_INVALID says which rule failed (check character, expected vs actual)', async () => {
    const valid = fakeUscc();
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const response = await resolve({ sub: fakeSubject(), userType: 'legal_person', uscc: wrongCheck, name: fakeOrganizationName() });
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('USCC_INVALID');
    expect(response.body.usccCheck).toMatchObject({ rule: 'CHECK_CHARACTER', position: 18, expected: valid[17], actual: wrongCheck[17] });
    expect(response.body.message).toContain('第 18 位校验码');
  });

  it('USCC_INVALID for a wrong length, in English on Accept-Language: en', async () => {
    const response = await resolve({ sub: fakeSubject(), userType: 'legal_person', uscc: '5321000', name: 'x' }, { 'accept-language': 'en' });
    expect(response.body.status).toBe('USCC_INVALID');
    expect(response.body.usccCheck.rule).toBe('LENGTH');
    expect(response.body.message).toMatch(/must have 18 characters/);
  });

  it('ORGANIZATION_NOT_FOUND for a valid USCC nobody registered', async () => {
    const uscc = fakeUscc();
    const response = await resolve({ sub: fakeSubject(), userType: 'legal_person', uscc, name: fakeOrganizationName() });
    expect(response.body).toMatchObject({ status: 'ORGANIZATION_NOT_FOUND' });
    expect(response.body.message).toContain(uscc);
  });

  it('ORGANIZATION_NAME_MISMATCH explains a half-width bracket as a width difference, position by position', async () => {
    const name = `鞍山市${fakeOrganizationName('').slice(3)}（社区）服务中心`;
    const organization = await createOrganization(t.dataSource, { name });
    const claimed = name.replace('（', '(').replace('）', ')');
    const response = await resolve({ sub: fakeSubject(), userType: 'legal_person', uscc: organization.uscc!, name: claimed });
    expect(response.body.status).toBe('ORGANIZATION_NAME_MISMATCH');
    const positionOpen = [...name].indexOf('（') + 1;
    const positionClose = [...name].indexOf('）') + 1;
    expect(response.body.nameMismatch).toMatchObject({
      claimedName: claimed,
      registeredName: name,
      policy: 'exact',
      differences: [
        { kind: 'width', position: positionOpen, claimedChar: '(', claimedCodePoint: 'U+0028', registeredChar: '（', registeredCodePoint: 'U+FF08' },
        { kind: 'width', position: positionClose, claimedChar: ')', claimedCodePoint: 'U+0029', registeredChar: '）', registeredCodePoint: 'U+FF09' },
      ],
    });
    expect(response.body.nameMismatch.differences[0].explanation).toContain('半角');
    const bindings = await t.dataSource.getRepository(BindingEntity).count({ where: { organizationId: organization.id } });
    expect(bindings).toBe(0);
  });

  it('ORGANIZATION_NAME_MISMATCH for a missing character and for a traditional form', async () => {
    const organization = await createOrganization(t.dataSource, { name: `辽宁省${fakeOrganizationName().slice(3)}` });
    const missing = await resolve({ sub: fakeSubject(), userType: 'legal_person', uscc: organization.uscc!, name: organization.name.slice(0, -1) });
    expect(missing.body.status).toBe('ORGANIZATION_NAME_MISMATCH');
    expect(missing.body.nameMismatch.differences).toEqual([expect.objectContaining({ kind: 'missing', registeredChar: organization.name.slice(-1) })]);
    const traditional = await resolve({ sub: fakeSubject(), userType: 'legal_person', uscc: organization.uscc!, name: organization.name.replace('辽宁', '遼寧') });
    expect(traditional.body.nameMismatch.differences.map((d: { kind: string }) => d.kind)).toEqual(['traditional-vs-simplified', 'traditional-vs-simplified']);
  });

  it('LEGAL_PERSON_ALREADY_BOUND when a second platform account claims a bound USCC', async () => {
    const organization = await createOrganization(t.dataSource);
    const claims = { userType: 'legal_person', uscc: organization.uscc!, name: organization.name };
    expect((await resolve({ sub: fakeSubject('first'), ...claims })).body.status).toBe('BOUND');
    const second = await resolve({ sub: fakeSubject('second'), ...claims });
    expect(second.body).toMatchObject({ status: 'LEGAL_PERSON_ALREADY_BOUND', organization: { id: organization.id } });
    expect(new Date(second.body.boundSince).getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('ORGANIZATION_DEREGISTERED for a deregistered organization', async () => {
    const organization = await createOrganization(t.dataSource, { status: 'deregistered', uscc: fakeUscc() });
    const response = await resolve({ sub: fakeSubject(), userType: 'legal_person', uscc: organization.uscc!, name: organization.name });
    expect(response.body).toMatchObject({ status: 'ORGANIZATION_DEREGISTERED', organization: { status: 'deregistered' } });
  });

  it('concurrent first logins of different accounts for one USCC create exactly one binding', async () => {
    const organization = await createOrganization(t.dataSource);
    const tokens = await Promise.all(
      Array.from({ length: 20 }, () => t.mint({ sub: fakeSubject('race'), userType: 'legal_person', uscc: organization.uscc!, name: organization.name })),
    );
    const responses = await Promise.all(tokens.map((token) => t.request('/v1/resolutions', { method: 'POST', token })));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const statuses = responses.map((r) => r.body.status);
    expect(statuses.filter((s) => s === 'BOUND')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'LEGAL_PERSON_ALREADY_BOUND')).toHaveLength(19);
    const active = await t.dataSource.getRepository(BindingEntity).count({ where: { organizationId: organization.id, status: 'active' } });
    expect(active).toBe(1);
  });

  it('concurrent first logins of the same account create one binding and all answer BOUND', async () => {
    const organization = await createOrganization(t.dataSource);
    const token = await t.mint({ sub: fakeSubject('same'), userType: 'legal_person', uscc: organization.uscc!, name: organization.name });
    const responses = await Promise.all(Array.from({ length: 10 }, () => t.request('/v1/resolutions', { method: 'POST', token })));
    expect(responses.map((r) => r.body.status)).toEqual(Array(10).fill('BOUND'));
    expect(new Set(responses.map((r) => r.body.binding.id)).size).toBe(1);
  });

  it('natural-person users without a binding get BINDING_REQUIRED with both options', async () => {
    const response = await resolve({ sub: fakeSubject(), userType: 'natural_person', name: '张测试' });
    expect(response.body).toMatchObject({ status: 'BINDING_REQUIRED', options: ['LEGACY_ACCOUNT', 'REGISTRATION_APPLICATION'] });
  });

  it('audits every resolution outcome with the request id', async () => {
    const requestId = `audit-${Date.now()}`;
    await resolve({ sub: fakeSubject(), userType: 'legal_person', uscc: fakeUscc(), name: 'x' }, { 'x-request-id': requestId });
    const rows = await t.dataSource.query('SELECT action, outcome, reason FROM audit_event WHERE request_id = $1', [requestId]);
    expect(rows).toEqual([{ action: 'resolution.resolved', outcome: 'failure', reason: 'ORGANIZATION_NOT_FOUND' }]);
  });

  it('announces a new binding on the event feed, in the same transaction', async () => {
    const organization = await createOrganization(t.dataSource);
    const response = await resolve({ sub: fakeSubject(), userType: 'legal_person', uscc: organization.uscc!, name: organization.name });
    const rows = await t.dataSource.query(`SELECT type, data FROM outbox_event WHERE aggregate_type = 'binding' AND aggregate_id = $1`, [response.body.binding.id]);
    expect(rows).toEqual([{ type: 'binding.created', data: { bindingId: response.body.binding.id, organizationId: organization.id, kind: 'legal_person', userType: 'legal_person' } }]);
  });

  it('says when a lower-case or full-width USCC would be valid written properly', async () => {
    let uscc = fakeUscc();
    while (!/[A-Z]/.test(uscc)) uscc = fakeUscc();
    const organization = await createOrganization(t.dataSource, { uscc });
    const lower = uscc.toLowerCase();
    const response = await resolve({ sub: fakeSubject(), userType: 'legal_person', uscc: lower, name: organization.name });
    expect(response.body.status).toBe('USCC_INVALID');
    expect(response.body.usccCheck.normalized).toBe(organization.uscc);
    expect(response.body.message).toContain(organization.uscc);
  });

  it('marks answers as personal and language-dependent: no-store, Vary, Content-Language', async () => {
    const response = await resolve({ sub: fakeSubject(), userType: 'natural_person' }, { 'accept-language': 'en' });
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('vary')).toMatch(/Accept-Language/i);
    expect(response.headers.get('content-language')).toBe('en');
  });

  it('answers router and parser errors as problem+json too', async () => {
    const badUrl = await t.request('/%E0%A4%A');
    expect(badUrl.status).toBe(400);
    expect(badUrl.headers.get('content-type')).toMatch(/problem\+json/);
    expect(badUrl.body.code).toBe('MALFORMED_REQUEST');
    const hugeHeader = await fetch(`${t.url}/health/live`, { headers: { 'x-big': 'x'.repeat(20_000) } });
    expect(hugeHeader.status).toBe(431);
    expect(hugeHeader.headers.get('content-type')).toMatch(/problem\+json/);
    expect(await hugeHeader.json()).toMatchObject({ code: 'HEADERS_TOO_LARGE', status: 431, type: '/problems/headers-too-large' });
  });

  it('answers a method the path does not support with 405 METHOD_NOT_ALLOWED and Allow (RFC 9110 §15.5.6); an unknown path stays 404', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'OPTIONS']) {
      const response = await t.request('/v1/resolutions', { method });
      expect([method, response.status, response.headers.get('allow'), response.body?.code]).toEqual([method, 405, 'POST', 'METHOD_NOT_ALLOWED']);
    }
    const session = await t.request('/v1/sessions/7c1f7a4e-0000-4000-8000-000000000000', { method: 'PATCH' });
    expect([session.status, session.headers.get('allow')]).toEqual([405, 'DELETE, GET, HEAD']);
    const health = await t.request('/health/live', { method: 'POST' });
    expect([health.status, health.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
    const unknown = await t.request('/v1/nothing-here', { method: 'GET' });
    expect([unknown.status, unknown.headers.get('allow'), unknown.body.code]).toEqual([404, null, 'NOT_FOUND']);
  });

  it('answers what the HTTP parser refuses, and HTTP/1.1 without Host, as problem+json on the socket', async () => {
    const { port } = new URL(t.url);
    const raw = (request: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = createConnection({ host: '127.0.0.1', port: Number(port) }, () => socket.end(request));
        let answer = '';
        socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk)).on('end', () => resolve(answer)).on('error', reject);
      });
    const parse = (answer: string) => ({ status: Number(answer.split(' ')[1]), contentType: /content-type: ([^\r]+)/i.exec(answer)?.[1], body: JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as Record<string, unknown> });
    for (const [request, status, code] of [
      ['POST /v1/resolutions HTTP/1.1\r\nHost:\r\nConnection: close\r\n\r\n', 400, 'MALFORMED_REQUEST'],
      ['POST /v1/resolutions HTTP/1.1\r\nConnection: close\r\n\r\n', 400, 'MALFORMED_REQUEST'],
      ['BREW /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n', 400, 'MALFORMED_REQUEST'],
      ['GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Bad: a\nb\r\n\r\n', 400, 'MALFORMED_REQUEST'],
    ] as const) {
      const answer = parse(await raw(request));
      expect({ request, ...answer }).toMatchObject({ request, status, contentType: expect.stringContaining('application/problem+json'), body: { status, code, type: '/problems/malformed-request' } });
    }
    const http10 = parse(await raw('GET /health/live HTTP/1.0\r\n\r\n'));
    expect(http10.status).toBe(200);
  });
});
