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
    expect(responses.filter((r) => r.status === 409 && r.body.code === 'LEGACY_ACCOUNT_ALREADY_BOUND')).toHaveLength(19);

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
    expect(responses.filter((r) => r.status !== 201).map((r) => r.body.code)).toEqual(Array(9).fill('ALREADY_BOUND'));

    const bindings = await t.dataSource.query(`SELECT organization_id FROM binding WHERE subject = $1 AND status = 'active'`, [sub]);
    expect(bindings).toHaveLength(1);
    const states = await t.dataSource.query('SELECT id, status FROM legacy_account WHERE id = ANY($1) ORDER BY status', [[first.account.id, second.account.id]]);
    expect(states.map((s: { status: string }) => s.status)).toEqual(['bound', 'unbound']);
    const boundAccount = states[0].id === first.account.id ? first : second;
    expect(bindings[0].organization_id).toBe(boundAccount.organization.id);
  });

  it('counts every one of 12 concurrent wrong passwords (atomic upsert), and locks', async () => {
    const { organization, loginName } = await inFormation();
    const tokens = await Promise.all(Array.from({ length: 12 }, () => t.mint({ sub: fakeSubject('guess'), userType: 'natural_person' })));
    const responses = await Promise.all(tokens.map((token) => bind(token, { organizationName: organization.name, loginName, password: 'guess' })));
    expect(responses.filter((r) => r.status >= 500)).toEqual([]);
    const [counter] = await t.dataSource.query(`SELECT failures, locked_until FROM lockout_counter WHERE kind = 'legacy_login' AND key = $1`, [loginName]);
    const counted = responses.filter((r) => r.body.code === 'INVALID_CREDENTIALS').length;
    expect(counter.failures).toBe(counted);
    expect(counted + responses.filter((r) => r.body.code === 'ACCOUNT_TEMPORARILY_LOCKED').length).toBe(12);
    expect(counter.failures).toBeGreaterThanOrEqual(5);
    expect(counter.locked_until).not.toBeNull();
  });
});
