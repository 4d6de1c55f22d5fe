import { randomUUID } from 'node:crypto';
import { SessionEntity } from '../../src/sessions/session.entity';
import { boundNaturalPersonUser, CHROME_ON_WINDOWS, legalPersonUser, SAFARI_ON_MAC, serviceToken, TestUser } from '../support/accounts';
import { TestClock } from '../support/clock';
import { createOrganization, fakeSubject, fakeUscc } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** One active session per organization account (guide 图11), policy `prompt` (the default). */
describe('/v1/sessions (policy prompt)', () => {
  let t: TestApp;
  const clock = new TestClock();
  let sessionsService: string;

  beforeAll(async () => {
    t = await startTestApp({ LIFECYCLE_SWEEP_INTERVAL_SECONDS: '0' }, { clock });
    sessionsService = await serviceToken(t, 'orgbind:sessions');
  });
  afterAll(async () => {
    await t.close();
  });

  const open = (token: string, json: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    t.request('/v1/sessions', { method: 'POST', token, json: { clientIp: '203.0.113.7', userAgent: CHROME_ON_WINDOWS, ...json }, headers });
  const check = (id: string, token = sessionsService) => t.request(`/v1/sessions/${id}`, { token });
  const logout = (id: string, token = sessionsService) => t.request(`/v1/sessions/${id}`, { method: 'DELETE', token });
  const activeCount = async (organizationId: string): Promise<number> =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM session WHERE organization_id = $1 AND ended_at IS NULL`, [organizationId]))[0].n;

  async function boundLegalPerson(): Promise<{ organizationId: string; user: TestUser }> {
    const organization = await createOrganization(t.dataSource);
    const user = await legalPersonUser(t, organization);
    expect((await t.request('/v1/resolutions', { method: 'POST', token: user.token })).body.status).toBe('BOUND');
    return { organizationId: organization.id, user };
  }

  it('opens a session for a bound account: masked IP, short device, deadlines; event and audit', async () => {
    const { organizationId, user } = await boundLegalPerson();
    const response = await open(user.token);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      status: 'active',
      organizationId,
      clientIpMasked: '203.0.113.*',
      device: 'Chrome 126 · Windows 10/11',
      endedAt: null,
      endReason: null,
      replaced: null,
    });
    const started = new Date(response.body.startedAt).getTime();
    expect(new Date(response.body.expiresAt).getTime() - started).toBe(30 * 60 * 1000);
    const row = await t.dataSource.getRepository(SessionEntity).findOneByOrFail({ id: response.body.id });
    expect(row).toMatchObject({ subject: user.sub, bindingId: response.body.bindingId, status: 'active' });
    const events = await t.dataSource.query(`SELECT type, data FROM outbox_event WHERE aggregate_id = $1`, [response.body.id]);
    expect(events).toEqual([{ type: 'session.started', data: expect.objectContaining({ organizationId, replacedSessionId: null }) }]);
  });

  it('a second login elsewhere gets 409 SESSION_ACTIVE_ELSEWHERE with the other session\'s start, last activity, masked IP and device', async () => {
    const { organizationId, user } = await boundLegalPerson();
    const first = await open(user.token);
    const second = await open(user.token, { clientIp: '198.51.100.23', userAgent: SAFARI_ON_MAC }, { 'accept-language': 'en' });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({
      code: 'SESSION_ACTIVE_ELSEWHERE',
      takeoverAllowed: true,
      policy: 'prompt',
      activeSession: {
        startedAt: first.body.startedAt,
        lastActivityAt: first.body.lastActivityAt,
        clientIpMasked: '203.0.113.*',
        device: 'Chrome 126 · Windows 10/11',
        expiresAt: first.body.expiresAt,
        sameAccount: true,
      },
    });
    expect(second.body.activeSession.id).toBeUndefined();
    expect(second.body.detail).toContain('203.0.113.*');
    expect(second.body.detail).toContain('takeover: true');
    expect(await activeCount(organizationId)).toBe(1);
    const denied = await t.dataSource.query(`SELECT outcome, reason FROM audit_event WHERE action = 'session.started' AND target_id = $1 AND outcome = 'denied'`, [organizationId]);
    expect(denied).toEqual([{ outcome: 'denied', reason: 'SESSION_ACTIVE_ELSEWHERE' }]);
  });

  it('takeover: true ends the other session (reason takeover) and opens the new one atomically', async () => {
    const { organizationId, user } = await boundLegalPerson();
    const first = await open(user.token);
    const second = await open(user.token, { clientIp: '198.51.100.23', userAgent: SAFARI_ON_MAC, takeover: true });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ status: 'active', device: 'Safari 17 · macOS', replaced: { startedAt: first.body.startedAt, clientIpMasked: '203.0.113.*' } });
    const old = await check(first.body.id);
    expect(old.body).toMatchObject({
      status: 'ended',
      endReason: 'takeover',
      replacedBy: { startedAt: second.body.startedAt, clientIpMasked: '198.51.100.*', device: 'Safari 17 · macOS' },
    });
    expect(await activeCount(organizationId)).toBe(1);
    const events = await t.dataSource.query(`SELECT type, data FROM outbox_event WHERE aggregate_id = ANY($1) ORDER BY id`, [[first.body.id, second.body.id]]);
    expect(events.map((e: { type: string }) => e.type)).toEqual(['session.started', 'session.ended', 'session.started']);
    expect(events[1].data).toMatchObject({ reason: 'takeover' });
    expect(events[2].data).toMatchObject({ replacedSessionId: first.body.id });
  });

  it('takeover: true without another session just opens', async () => {
    const { user } = await boundLegalPerson();
    const response = await open(user.token, { takeover: true });
    expect(response.status).toBe(201);
    expect(response.body.replaced).toBeNull();
  });

  it('the legal-person and a natural-person user of one organization share its one session (the account is the organization)', async () => {
    const organization = await createOrganization(t.dataSource, { status: 'in_formation', uscc: null });
    const natural = await boundNaturalPersonUser(t, organization.id);
    const other = await boundNaturalPersonUser(t, organization.id, 'application');
    expect((await open(natural.token)).status).toBe(201);
    const second = await open(other.token);
    expect(second.status).toBe(409);
    expect(second.body.activeSession.sameAccount).toBe(false);
  });

  it('20 concurrent openings for one account without takeover: exactly one active, the others prompted, no 5xx', async () => {
    const { organizationId, user } = await boundLegalPerson();
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => open(user.token, { clientIp: `203.0.113.${i + 1}` })));
    expect(responses.filter((r) => r.status >= 500)).toEqual([]);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409 && r.body.code === 'SESSION_ACTIVE_ELSEWHERE')).toHaveLength(19);
    expect(await activeCount(organizationId)).toBe(1);
    const total = await t.dataSource.query(`SELECT count(*)::int AS n FROM session WHERE organization_id = $1`, [organizationId]);
    expect(total[0].n).toBe(1);
  });

  it('20 concurrent openings with takeover: exactly one active at the end, every other ended by takeover, no 5xx', async () => {
    const { organizationId, user } = await boundLegalPerson();
    const responses = await Promise.all(Array.from({ length: 20 }, () => open(user.token, { takeover: true })));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(await activeCount(organizationId)).toBe(1);
    const ended = await t.dataSource.query(`SELECT end_reason, count(*)::int AS n FROM session WHERE organization_id = $1 AND ended_at IS NOT NULL GROUP BY end_reason`, [organizationId]);
    expect(ended).toEqual([{ end_reason: 'takeover', n: 19 }]);
  });

  it('concurrent openings by two platform accounts of one organization: exactly one wins', async () => {
    const organization = await createOrganization(t.dataSource, { status: 'in_formation', uscc: null });
    const users = await Promise.all([boundNaturalPersonUser(t, organization.id), boundNaturalPersonUser(t, organization.id, 'application')]);
    const responses = await Promise.all(users.flatMap((u) => Array.from({ length: 5 }, () => open(u.token))));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(9);
    expect(await activeCount(organization.id)).toBe(1);
  });

  it('the database itself refuses a second active session for one organization (the arbiter across replicas)', async () => {
    const { organizationId, user } = await boundLegalPerson();
    const opened = await open(user.token);
    const insert = t.dataSource.query(
      `INSERT INTO session (id, organization_id, binding_id, issuer, subject, status, started_at, last_activity_at)
       VALUES ($1, $2, $3, 'x', 'y', 'active', now(), now())`,
      [randomUUID(), organizationId, opened.body.bindingId],
    );
    await expect(insert).rejects.toMatchObject({ code: '23505', constraint: 'ux_session_active_organization' });
  });

  it('GET records activity at most once per 30 s; the owner may check it, other users get 404', async () => {
    const { user } = await boundLegalPerson();
    const opened = await open(user.token);
    clock.advance({ seconds: 10 });
    expect((await check(opened.body.id)).body.lastActivityAt).toBe(opened.body.lastActivityAt);
    clock.advance({ seconds: 25 });
    const later = await check(opened.body.id, user.token);
    expect(later.body.status).toBe('active');
    expect(new Date(later.body.lastActivityAt).getTime() - new Date(opened.body.lastActivityAt).getTime()).toBe(35_000);
    expect(new Date(later.body.expiresAt).getTime() - new Date(later.body.lastActivityAt).getTime()).toBe(30 * 60 * 1000);
    const stranger = await t.mint({ sub: fakeSubject(), userType: 'natural_person' });
    expect((await check(opened.body.id, stranger)).status).toBe(404);
    expect((await check(randomUUID())).status).toBe(404);
    expect((await check('x')).status).toBe(400);
  });

  it('GET/DELETE: a service token without scope orgbind:sessions is 403, no token 401', async () => {
    const { user } = await boundLegalPerson();
    const opened = await open(user.token);
    const wrongScope = await serviceToken(t, 'orgbind:registry.write');
    expect((await check(opened.body.id, wrongScope)).body.code).toBe('FORBIDDEN');
    expect((await logout(opened.body.id, wrongScope)).status).toBe(403);
    expect((await t.request(`/v1/sessions/${opened.body.id}`)).body.code).toBe('TOKEN_MISSING');
  });

  it('DELETE logs out (reason logout), is idempotent, and the next login opens without a prompt', async () => {
    const { organizationId, user } = await boundLegalPerson();
    const opened = await open(user.token);
    const out = await logout(opened.body.id, user.token);
    expect(out.status).toBe(200);
    expect(out.body).toMatchObject({ status: 'ended', endReason: 'logout', expiresAt: null });
    expect((await logout(opened.body.id)).body).toMatchObject({ status: 'ended', endReason: 'logout', endedAt: out.body.endedAt });
    expect((await open(user.token)).status).toBe(201);
    expect(await activeCount(organizationId)).toBe(1);
  });

  it('idle timeout: after 30 minutes without activity the session has expired and no longer counts', async () => {
    const { organizationId, user } = await boundLegalPerson();
    const opened = await open(user.token);
    clock.advance({ minutes: 29, seconds: 59 });
    expect((await check(opened.body.id)).body.status).toBe('active');
    clock.advance({ minutes: 30 });
    const expired = await check(opened.body.id);
    expect(expired.body).toMatchObject({ status: 'expired', endReason: 'idle_timeout' });
    expect(new Date(expired.body.endedAt).getTime() - new Date(expired.body.lastActivityAt).getTime()).toBe(30 * 60 * 1000);
    expect((await open(user.token)).status).toBe(201);
    expect(await activeCount(organizationId)).toBe(1);
  });

  it('an expired session met by a new login is ended in the same transaction (no prompt)', async () => {
    const { user } = await boundLegalPerson();
    const opened = await open(user.token);
    clock.advance({ minutes: 31 });
    const next = await open(user.token, { clientIp: '198.51.100.1' });
    expect(next.status).toBe(201);
    expect(next.body.replaced).toBeNull();
    expect(await t.dataSource.getRepository(SessionEntity).findOneByOrFail({ id: opened.body.id })).toMatchObject({ status: 'ended', endReason: 'idle_timeout' });
  });

  it('absolute timeout: 12 hours after the start, however active', async () => {
    const { user } = await boundLegalPerson();
    const opened = await open(user.token);
    for (let i = 0; i < 24; i++) {
      clock.advance({ minutes: 29 });
      expect((await check(opened.body.id)).body.status).toBe('active');
    }
    clock.advance({ minutes: 23, seconds: 59 });
    expect((await check(opened.body.id)).body.status).toBe('active');
    clock.advance({ seconds: 1 });
    const expired = await check(opened.body.id);
    expect(expired.body).toMatchObject({ status: 'expired', endReason: 'absolute_timeout' });
    expect(new Date(expired.body.endedAt).getTime() - new Date(opened.body.startedAt).getTime()).toBe(12 * 3600 * 1000);
  });

  it('403 SESSION_REQUIRES_BOUND_ACCOUNT with the resolution for an unbound user', async () => {
    const user = await t.mint({ sub: fakeSubject(), userType: 'natural_person', name: '李测试' });
    const response = await open(user, {}, { 'accept-language': 'en' });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'SESSION_REQUIRES_BOUND_ACCOUNT', resolution: { status: 'BINDING_REQUIRED' } });
    expect(response.body.resolution.message).toMatch(/legacy account/);
  });

  it('superseding the binding (establishment) ends its session', async () => {
    const registry = await serviceToken(t, 'orgbind:registry.write');
    const organization = await createOrganization(t.dataSource, { status: 'in_formation', uscc: null });
    const natural = await boundNaturalPersonUser(t, organization.id);
    const opened = await open(natural.token);
    await t.request(`/v1/organizations/${organization.id}/establishment`, {
      method: 'POST', token: registry, json: { uscc: fakeUscc(), certificateName: organization.name, establishedAt: '2025-01-01' },
    });
    expect((await check(opened.body.id, natural.token)).body).toMatchObject({ status: 'ended', endReason: 'binding_superseded' });
  });

  it('a session whose binding was ended without ending it (defence in depth) is ended when checked', async () => {
    const { user } = await boundLegalPerson();
    const opened = await open(user.token);
    await t.dataSource.query(`UPDATE binding SET status = 'revoked', ended_at = now(), ended_reason = 'registrar' WHERE id = $1`, [opened.body.bindingId]);
    expect((await check(opened.body.id)).body).toMatchObject({ status: 'ended', endReason: 'binding_revoked' });
  });

  it('rejects a malformed body with field errors', async () => {
    const { user } = await boundLegalPerson();
    const response = await t.request('/v1/sessions', { method: 'POST', token: user.token, json: { clientIp: '999.1.1.1', takeover: 'yes', userAgent: 'x'.repeat(2000) } });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['clientIp', 'takeover', 'userAgent']);
  });
});
