import { createLegacyAccount, createOrganization, fakeSubject } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** Races: row lock on the legacy account, unique index on active bindings per platform account, atomic counters. */
describe('legacy binding under concurrency', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  async function inFormation() {
    const organization = await createOrganization(t.dataSource, { status: 'in_formation', uscc: null });
    return { organization, ...(await createLegacyAccount(t.dataSource, { organizationId: organization.id })) };
  }
  const bind = (token: string, json: Record<string, string>) => t.request('/v1/bindings/legacy-account', { method: 'POST', token, json });

  it('20 platform accounts binding one legacy account at once: exactly one binding, the others LEGACY_ACCOUNT_ALREADY_BOUND, no 5xx', async () => {
    const { organization, account, loginName, password } = await inFormation();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => t.mint({ sub: fakeSubject('race'), userType: 'natural_person', name: '李测试' })));
    const responses = await Promise.all(tokens.map((token) => bind(token, { organizationName: organization.name, loginName, password })));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    // The others learn the account is taken, or — attempts being charged to the lockout while in
    // flight, so that no burst gets more password checks than the policy allows — are asked to wait.
    const refusals = responses.filter((r) => r.status !== 201).map((r) => `${r.status} ${r.body.code}`);
    expect(refusals).toHaveLength(19);
    expect(new Set(refusals)).toEqual(new Set(refusals.filter((r) => r === '409 LEGACY_ACCOUNT_ALREADY_BOUND' || r === '429 ACCOUNT_TEMPORARILY_LOCKED')));
    expect(refusals).toContain('409 LEGACY_ACCOUNT_ALREADY_BOUND');
    // Right credentials cost nothing once settled: every charged attempt was given back or cleared.
    expect(await t.dataSource.query('SELECT failures FROM lockout_counter WHERE key = $1', [loginName])).toEqual([]);

    const bindings = await t.dataSource.query(`SELECT id, subject FROM binding WHERE organization_id = $1 AND status = 'active'`, [organization.id]);
    expect(bindings).toHaveLength(1);
    const [row] = await t.dataSource.query('SELECT status, bound_binding_id FROM legacy_account WHERE id = $1', [account.id]);
    expect(row).toEqual({ status: 'bound', bound_binding_id: bindings[0].id });
    const winner = responses.find((r) => r.status === 201)!;
    expect(winner.body.binding.id).toBe(bindings[0].id);
    const created = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'binding.created' AND target_id = $1`, [organization.id]);
    expect(created[0].n).toBe(1);
  });

  it('one platform account racing on two legacy accounts: exactly one binding, the other account stays unbound', async () => {
    const first = await inFormation();
    const second = await inFormation();
    const sub = fakeSubject('split');
    const token = await t.mint({ sub, userType: 'natural_person', name: '李测试' });
    const attempts = Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? first : second));
    const responses = await Promise.all(attempts.map((a) => bind(token, { organizationName: a.organization.name, loginName: a.loginName, password: a.password })));
    expect(responses.filter((r) => r.status >= 500)).toEqual([]);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    const refusals = responses.filter((r) => r.status !== 201).map((r) => `${r.status} ${r.body.code}`);
    expect(refusals).toHaveLength(9);
    expect(refusals.filter((r) => r !== '409 ALREADY_BOUND' && r !== '429 ACCOUNT_TEMPORARILY_LOCKED')).toEqual([]);
    expect(await t.dataSource.query('SELECT failures FROM lockout_counter WHERE key = $1', [`${t.platform.issuer}|${sub}`])).toEqual([]);

    const bindings = await t.dataSource.query(`SELECT organization_id FROM binding WHERE subject = $1 AND status = 'active'`, [sub]);
    expect(bindings).toHaveLength(1);
    const states = await t.dataSource.query('SELECT id, status FROM legacy_account WHERE id = ANY($1) ORDER BY status', [[first.account.id, second.account.id]]);
    expect(states.map((s: { status: string }) => s.status)).toEqual(['bound', 'unbound']);
    const boundAccount = states[0].id === first.account.id ? first : second;
    expect(bindings[0].organization_id).toBe(boundAccount.organization.id);
  });

  it('12 concurrent wrong passwords on one login: exactly 5 are checked and counted, the rest are refused as locked', async () => {
    const { organization, loginName } = await inFormation();
    const subjects = Array.from({ length: 12 }, () => fakeSubject('guess'));
    const tokens = await Promise.all(subjects.map((sub) => t.mint({ sub, userType: 'natural_person' })));
    const responses = await Promise.all(tokens.map((token) => bind(token, { organizationName: organization.name, loginName, password: 'guess' })));
    expect(responses.filter((r) => r.status >= 500)).toEqual([]);
    const codes = responses.map((r) => r.body.code);
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(5);
    expect(codes.filter((c) => c === 'ACCOUNT_TEMPORARILY_LOCKED')).toHaveLength(7);
    const [counter] = await t.dataSource.query(`SELECT failures, locked_until FROM lockout_counter WHERE kind = 'legacy_login' AND key = $1`, [loginName]);
    expect(counter.failures).toBe(5);
    expect(counter.locked_until).not.toBeNull();
    // Each platform account is charged once per checked attempt; refused attempts gave theirs back.
    const keys = subjects.map((sub) => `${t.platform.issuer}|${sub}`);
    const [{ total }] = await t.dataSource.query(`SELECT coalesce(sum(failures), 0)::int AS total FROM lockout_counter WHERE kind = 'platform_account' AND key = ANY($1)`, [keys]);
    expect(total).toBe(5);
  });
});
