import { CHROME_ON_WINDOWS, legalPersonUser, SAFARI_ON_MAC, serviceToken } from '../support/accounts';
import { createOrganization } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** SESSION_POLICY=terminate_oldest: a new login ends the other session without asking. */
describe('/v1/sessions (policy terminate_oldest)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ SESSION_POLICY: 'terminate_oldest', LIFECYCLE_SWEEP_INTERVAL_SECONDS: '0' });
  });
  afterAll(async () => {
    await t.close();
  });

  const open = (token: string, json: Record<string, unknown> = {}) => t.request('/v1/sessions', { method: 'POST', token, json });

  it('opens the new session and ends the old one (reason replaced_by_new_login), telling where', async () => {
    const organization = await createOrganization(t.dataSource);
    const user = await legalPersonUser(t, organization);
    const first = await open(user.token, { clientIp: '203.0.113.9', userAgent: CHROME_ON_WINDOWS });
    const second = await open(user.token, { clientIp: '2001:db8:85a3::8a2e:370:7334', userAgent: SAFARI_ON_MAC });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ clientIpMasked: '2001:db8:85a3:*', replaced: { clientIpMasked: '203.0.113.*', device: 'Chrome 126 · Windows 10/11' } });
    const old = await t.request(`/v1/sessions/${first.body.id}`, { token: await serviceToken(t, 'orgbind:sessions') });
    expect(old.body).toMatchObject({ status: 'ended', endReason: 'replaced_by_new_login', replacedBy: { clientIpMasked: '2001:db8:85a3:*' } });
  });

  it('20 concurrent logins: exactly one active at the end, no 5xx', async () => {
    const organization = await createOrganization(t.dataSource);
    const user = await legalPersonUser(t, organization);
    const responses = await Promise.all(Array.from({ length: 20 }, () => open(user.token)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    const rows = await t.dataSource.query(
      `SELECT count(*) FILTER (WHERE ended_at IS NULL)::int AS active, count(*) FILTER (WHERE end_reason = 'replaced_by_new_login')::int AS replaced
         FROM session WHERE organization_id = $1`,
      [organization.id],
    );
    expect(rows[0]).toEqual({ active: 1, replaced: 19 });
  });
});
