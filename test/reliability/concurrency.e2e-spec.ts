import { boundNaturalPersonUser, legalPersonUser } from '../support/accounts';
import { decide, newApplicant, registrarToken, submitApplication } from '../support/applications';
import { applicationBody, createAuthority, createLegacyAccount, createOrganization, createRegistrar, fakeSubject } from '../support/factories';
import { startTestApp, TestApp, TestResponse } from '../support/test-app';
import { brokenInvariants } from './support/invariants';
import { tallied } from './support/tally';

/**
 * Races at the sizes of the issue: each leaves exactly the state the rules allow (checked by SQL
 * afterwards, with the invariant queries scoped to the race's organization), and never a 5xx.
 * Rate limits are relaxed (test/support/test-app.ts): every request comes from one address.
 */
describe('concurrency: races at full size', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      DATABASE_POOL_SIZE: '20',
      LIFECYCLE_SWEEP_INTERVAL_SECONDS: '0',
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const no5xx = (responses: TestResponse[]) => expect(responses.filter((r) => r.status >= 500).map((r) => r.text)).toEqual([]);

  it('100 concurrent first logins of different platform accounts for one USCC: exactly one binding, 99 LEGAL_PERSON_ALREADY_BOUND', () =>
    tallied('concurrent races', '100 first logins, one USCC', async () => {
      const organization = await createOrganization(t.dataSource);
      const users = await Promise.all(Array.from({ length: 100 }, () => legalPersonUser(t, organization)));
      const responses = await Promise.all(users.map((u) => t.request('/v1/resolutions', { method: 'POST', token: u.token })));
      no5xx(responses);
      expect(responses.map((r) => r.status)).toEqual(Array(100).fill(200));
      const statuses = responses.map((r) => r.body.status);
      expect(statuses.filter((s) => s === 'BOUND')).toHaveLength(1);
      expect(statuses.filter((s) => s === 'LEGAL_PERSON_ALREADY_BOUND')).toHaveLength(99);
      const rows = await t.dataSource.query(`SELECT subject, kind, status FROM binding WHERE organization_id = $1`, [organization.id]);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ kind: 'legal_person', status: 'active', subject: users[statuses.indexOf('BOUND')].sub });
      expect(await brokenInvariants(t.dataSource, [organization.id])).toEqual({});
    }));

  it('100 concurrent legacy binds on one legacy account by different platform accounts (correct password): one binding, account bound once', () =>
    tallied('concurrent races', '100 legacy binds, one legacy account', async () => {
      const organization = await createOrganization(t.dataSource, { status: 'in_formation', uscc: null });
      const { account, loginName, password } = await createLegacyAccount(t.dataSource, { organizationId: organization.id });
      const subjects = Array.from({ length: 100 }, () => fakeSubject('race100'));
      const tokens = await Promise.all(subjects.map((sub) => t.mint({ sub, userType: 'natural_person', name: '李测试' })));
      const responses = await Promise.all(
        tokens.map((token) => t.request('/v1/bindings/legacy-account', { method: 'POST', token, json: { organizationName: organization.name, loginName, password } })),
      );
      no5xx(responses);
      expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
      const refusals = new Set(responses.filter((r) => r.status !== 201).map((r) => `${r.status} ${r.body.code}`));
      expect([...refusals].filter((r) => r !== '409 LEGACY_ACCOUNT_ALREADY_BOUND' && r !== '429 ACCOUNT_TEMPORARILY_LOCKED')).toEqual([]);
      const bindings = await t.dataSource.query(`SELECT id, subject, status FROM binding WHERE organization_id = $1`, [organization.id]);
      expect(bindings).toHaveLength(1);
      expect(bindings[0].status).toBe('active');
      expect(subjects).toContain(bindings[0].subject);
      const [row] = await t.dataSource.query('SELECT status, bound_binding_id FROM legacy_account WHERE id = $1', [account.id]);
      expect(row).toEqual({ status: 'bound', bound_binding_id: bindings[0].id });
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'binding.created' AND target_id = $1`, [organization.id]);
      expect(n).toBe(1);
      expect(await brokenInvariants(t.dataSource, [organization.id])).toEqual({});
    }));

  it('20 concurrent review decisions on one application (approve and reject, two registrars): exactly one wins', () =>
    tallied('concurrent races', '20 review decisions, one application', async () => {
      const authority = await createAuthority(t.dataSource);
      const registrars = await Promise.all(
        [0, 1].map(async () => registrarToken(t, (await createRegistrar(t.dataSource, { issuer: t.platform.issuer, authorityCodes: [authority.code] })).subject)),
      );
      const applicant = await newApplicant(t);
      const submitted = await submitApplication(t, applicant.token, applicationBody(authority));
      expect(submitted.status).toBe(201);
      const id: string = submitted.body.id;
      const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => decide(t, registrars[i % 2], id, i % 3 === 0 ? 'reject' : 'approve', 1)));
      no5xx(responses);
      expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
      expect(responses.filter((r) => r.status !== 200).map((r) => r.status).filter((s) => s !== 409 && s !== 412)).toEqual([]);
      const [row] = await t.dataSource.query('SELECT status, version, organization_id FROM registration_application WHERE id = $1', [id]);
      expect(row.version).toBe(2);
      expect(row.status).toBe(responses.find((r) => r.status === 200)!.body.status);
      const bindings = await t.dataSource.query(`SELECT organization_id, kind FROM binding WHERE subject = $1`, [applicant.sub]);
      if (row.status === 'approved') {
        expect(bindings).toEqual([{ organization_id: row.organization_id, kind: 'application' }]);
        expect(await brokenInvariants(t.dataSource, [row.organization_id])).toEqual({});
      } else {
        expect(bindings).toEqual([]);
      }
      const [{ decisions }] = await t.dataSource.query(`SELECT count(*)::int AS decisions FROM outbox_event WHERE aggregate_id = $1 AND type IN ('application.approved', 'application.rejected')`, [id]);
      expect(decisions).toBe(1);
    }));

  const openSession = (token: string, json: Record<string, unknown>) =>
    t.request('/v1/sessions', { method: 'POST', token, json: { clientIp: '203.0.113.7', userAgent: 'Mozilla/5.0 (reliability)', ...json } });

  it('50 concurrent session openings without takeover: exactly one active, 49 SESSION_ACTIVE_ELSEWHERE', () =>
    tallied('concurrent races', '50 session openings, no takeover', async () => {
      const organization = await createOrganization(t.dataSource, { status: 'in_formation', uscc: null });
      const user = await boundNaturalPersonUser(t, organization.id, 'application');
      const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => openSession(user.token, { clientIp: `203.0.113.${i + 1}` })));
      no5xx(responses);
      expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
      expect(responses.filter((r) => r.status === 409 && r.body.code === 'SESSION_ACTIVE_ELSEWHERE')).toHaveLength(49);
      const rows = await t.dataSource.query(`SELECT ended_at FROM session WHERE organization_id = $1`, [organization.id]);
      expect(rows).toEqual([{ ended_at: null }]);
      expect(await brokenInvariants(t.dataSource, [organization.id])).toEqual({});
    }));

  it('50 concurrent session openings with takeover: exactly one active at the end, 49 ended by takeover', () =>
    tallied('concurrent races', '50 session openings, takeover', async () => {
      const organization = await createOrganization(t.dataSource, { status: 'in_formation', uscc: null });
      const user = await boundNaturalPersonUser(t, organization.id, 'application');
      const responses = await Promise.all(Array.from({ length: 50 }, () => openSession(user.token, { takeover: true })));
      no5xx(responses);
      expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
      const [{ active }] = await t.dataSource.query(`SELECT count(*)::int AS active FROM session WHERE organization_id = $1 AND ended_at IS NULL`, [organization.id]);
      expect(active).toBe(1);
      const ended = await t.dataSource.query(`SELECT end_reason, count(*)::int AS n FROM session WHERE organization_id = $1 AND ended_at IS NOT NULL GROUP BY end_reason`, [organization.id]);
      expect(ended).toEqual([{ end_reason: 'takeover', n: 49 }]);
      // Every ended session names the session that took over from it.
      const [{ dangling }] = await t.dataSource.query(
        `SELECT count(*)::int AS dangling FROM session WHERE organization_id = $1 AND ended_at IS NOT NULL AND replaced_by_session_id IS NULL`,
        [organization.id],
      );
      expect(dangling).toBe(0);
      expect(await brokenInvariants(t.dataSource, [organization.id])).toEqual({});
    }));
});
