import { legalPersonUser, SAFARI_ON_MAC } from '../support/accounts';
import { TestClock } from '../support/clock';
import { createOrganization } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** SESSION_POLICY=deny_new: a login while another session is active is refused, takeover or not. */
describe('/v1/sessions (policy deny_new)', () => {
  let t: TestApp;
  const clock = new TestClock();

  beforeAll(async () => {
    t = await startTestApp({ SESSION_POLICY: 'deny_new', SESSION_IDLE_TIMEOUT_MINUTES: '10', LIFECYCLE_SWEEP_INTERVAL_SECONDS: '0' }, { clock });
  });
  afterAll(async () => {
    await t.close();
  });

  const open = (token: string, json: Record<string, unknown> = {}) => t.request('/v1/sessions', { method: 'POST', token, json: { clientIp: '203.0.113.9', ...json } });

  it('refuses a second login with 409 SESSION_LIMIT_REACHED (no takeover), until the first ends', async () => {
    const organization = await createOrganization(t.dataSource);
    const user = await legalPersonUser(t, organization);
    const first = await open(user.token, { userAgent: SAFARI_ON_MAC });
    expect(first.status).toBe(201);
    expect(new Date(first.body.expiresAt).getTime() - new Date(first.body.startedAt).getTime()).toBe(10 * 60 * 1000);
    for (const takeover of [false, true]) {
      const second = await open(user.token, { takeover });
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({
        code: 'SESSION_LIMIT_REACHED',
        takeoverAllowed: false,
        policy: 'deny_new',
        activeSession: { clientIpMasked: '203.0.113.*', device: 'Safari 17 · macOS', expiresAt: first.body.expiresAt },
      });
      const expiresInChina = new Date(new Date(first.body.expiresAt).getTime() + 8 * 3600 * 1000).toISOString().slice(0, 19).replace('T', ' ');
      expect(second.body.detail).toContain(`${expiresInChina} (UTC+8)`);
    }
    clock.advance({ minutes: 10 });
    expect((await open(user.token)).status).toBe(201);
  });

  it('20 concurrent logins: exactly one session, nineteen refusals, no 5xx', async () => {
    const organization = await createOrganization(t.dataSource);
    const user = await legalPersonUser(t, organization);
    const responses = await Promise.all(Array.from({ length: 20 }, () => open(user.token, { takeover: true })));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409 && r.body.code === 'SESSION_LIMIT_REACHED')).toHaveLength(19);
    const active = await t.dataSource.query(`SELECT count(*)::int AS n FROM session WHERE organization_id = $1 AND ended_at IS NULL`, [organization.id]);
    expect(active[0].n).toBe(1);
  });
});
