import { createLegacyAccount, createOrganization, fakeLoginName, fakeOrganizationName, fakeResidentId, fakeSubject, fakeUscc } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * One spec per outcome of `POST /v1/bindings/legacy-account` (guide 图9 option 一), through HTTP
 * with real platform tokens, checking the database after each.
 */
describe('POST /v1/bindings/legacy-account', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  type Body = { organizationName?: string; loginName?: string; password?: string };
  async function naturalPersonToken(sub = fakeSubject('np'), userType = 'natural_person') {
    return t.mint({ sub, userType, name: '张测试', residentId: fakeResidentId() });
  }
  function bind(token: string, json: Body | Record<string, unknown>, headers: Record<string, string> = {}) {
    return t.request('/v1/bindings/legacy-account', { method: 'POST', token, json, headers });
  }
  async function inFormation(name = fakeOrganizationName()) {
    const organization = await createOrganization(t.dataSource, { name, status: 'in_formation', uscc: null });
    const legacy = await createLegacyAccount(t.dataSource, { organizationId: organization.id });
    return { organization, ...legacy };
  }
  async function counters(...keys: string[]) {
    const rows: { kind: string; key: string; failures: number }[] = await t.dataSource.query(
      'SELECT kind, key, failures FROM lockout_counter WHERE key = ANY($1) ORDER BY kind', [keys]);
    return rows;
  }
  async function accountRow(id: string) {
    const [row] = await t.dataSource.query('SELECT status, bound_binding_id, bound_at, version FROM legacy_account WHERE id = $1', [id]);
    return row as { status: string; bound_binding_id: string | null; bound_at: Date | null; version: number };
  }
  async function bindingsOf(sub: string) {
    return t.dataSource.query('SELECT id, kind, status, user_type, organization_id FROM binding WHERE subject = $1', [sub]) as Promise<
      { id: string; kind: string; status: string; user_type: string; organization_id: string }[]
    >;
  }

  it('binds with the exact name, login and password: 201, binding of kind legacy_account, account bound, audited, resolution BOUND', async () => {
    const { organization, account, loginName, password } = await inFormation();
    const sub = fakeSubject('success');
    const token = await naturalPersonToken(sub);
    const requestId = `legacy-success-${account.id}`;
    const response = await bind(token, { organizationName: organization.name, loginName, password }, { 'x-request-id': requestId });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      status: 'BOUND',
      organization: { id: organization.id, name: organization.name, status: 'in_formation', uscc: null },
      binding: { kind: 'legacy_account' },
    });
    expect(response.body.message).toContain(organization.name);

    const bindings = await bindingsOf(sub);
    expect(bindings).toEqual([{ id: response.body.binding.id, kind: 'legacy_account', status: 'active', user_type: 'natural_person', organization_id: organization.id }]);
    const row = await accountRow(account.id);
    expect(row).toMatchObject({ status: 'bound', bound_binding_id: response.body.binding.id, version: 2 });
    expect(row.bound_at).not.toBeNull();
    const audit = await t.dataSource.query('SELECT action, outcome, target_id, details FROM audit_event WHERE request_id = $1', [requestId]);
    expect(audit).toEqual([{ action: 'binding.created', outcome: 'success', target_id: organization.id, details: expect.objectContaining({ kind: 'legacy_account', legacyAccountId: account.id, bindingId: response.body.binding.id }) }]);
    // The management system learns of it from the event feed, written in the same transaction.
    const events = await t.dataSource.query(`SELECT type, aggregate_type, data FROM outbox_event WHERE aggregate_id = $1`, [response.body.binding.id]);
    expect(events).toEqual([{ type: 'binding.created', aggregate_type: 'binding', data: { bindingId: response.body.binding.id, organizationId: organization.id, kind: 'legacy_account', userType: 'natural_person' } }]);
    expect(JSON.stringify(audit)).not.toContain(password);

    const resolution = await t.request('/v1/resolutions', { method: 'POST', token });
    expect(resolution.body).toMatchObject({ status: 'BOUND', organization: { id: organization.id }, binding: { id: response.body.binding.id, kind: 'legacy_account' } });
  });

  it('binds an individual-business user too, and matches the login name ignoring case, width and spaces', async () => {
    const organization = await createOrganization(t.dataSource, { status: 'in_formation', uscc: null });
    const { loginName, password } = await createLegacyAccount(t.dataSource, { organizationId: organization.id, loginName: fakeLoginName('Mixed') });
    const fullWidthUpper = ` ${[...loginName.toUpperCase()].map((c) => (c >= '!' && c <= '~' ? String.fromCodePoint(c.codePointAt(0)! + 0xfee0) : c)).join('')} `;
    const sub = fakeSubject('ib');
    const response = await bind(await naturalPersonToken(sub, 'individual_business'), { organizationName: organization.name, loginName: fullWidthUpper, password });
    expect(response.status).toBe(201);
    expect((await bindingsOf(sub))[0]).toMatchObject({ kind: 'legacy_account', user_type: 'individual_business' });
  });

  it('ALREADY_BOUND (409) when the platform account already has a binding; nothing changes and the password is not checked', async () => {
    const first = await inFormation();
    const second = await inFormation();
    const sub = fakeSubject('twice');
    const token = await naturalPersonToken(sub);
    expect((await bind(token, { organizationName: first.organization.name, loginName: first.loginName, password: first.password })).status).toBe(201);
    const response = await bind(token, { organizationName: second.organization.name, loginName: second.loginName, password: 'not-even-checked' });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'ALREADY_BOUND', organization: { id: first.organization.id } });
    expect(response.body.organization.name).toBe(first.organization.name);
    expect(await accountRow(second.account.id)).toMatchObject({ status: 'unbound', bound_binding_id: null, version: 1 });
    expect(await bindingsOf(sub)).toHaveLength(1);
    expect(await counters(second.loginName)).toEqual([]);
  });

  it('INVALID_CREDENTIALS (403) for a wrong password, counted per login name and platform account', async () => {
    const { organization, account, loginName } = await inFormation();
    const sub = fakeSubject('wrong');
    const response = await bind(await naturalPersonToken(sub), { organizationName: organization.name, loginName, password: 'wrong-password' });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'INVALID_CREDENTIALS', status: 403, remainingAttempts: 4 });
    expect(response.headers.get('retry-after')).toBeNull();
    expect(response.body.detail).toContain('登记管理机关');
    expect(await counters(loginName, `${t.platform.issuer}|${sub}`)).toEqual([
      { kind: 'legacy_login', key: loginName, failures: 1 },
      { kind: 'platform_account', key: `${t.platform.issuer}|${sub}`, failures: 1 },
    ]);
    expect(await accountRow(account.id)).toMatchObject({ status: 'unbound' });
    expect(await bindingsOf(sub)).toEqual([]);
  });

  it('INVALID_CREDENTIALS for an unknown login name: the same answer as a wrong password, and counted too', async () => {
    const { organization, loginName } = await inFormation();
    const wrongPassword = await bind(await naturalPersonToken(), { organizationName: organization.name, loginName, password: 'wrong-password' });
    const unknownLogin = fakeLoginName('nobody');
    const unknown = await bind(await naturalPersonToken(), { organizationName: organization.name, loginName: unknownLogin, password: 'wrong-password' });
    const comparable = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(unknown.status).toBe(wrongPassword.status);
    expect(comparable(unknown.body)).toEqual(comparable(wrongPassword.body));
    expect(await counters(unknownLogin)).toEqual([{ kind: 'legacy_login', key: unknownLogin, failures: 1 }]);
  });

  it('does not reveal a wrong organization name, a disabled account or an established organization without the right password', async () => {
    const disabledOrganization = await createOrganization(t.dataSource, { status: 'in_formation', uscc: null });
    const disabled = await createLegacyAccount(t.dataSource, { organizationId: disabledOrganization.id, status: 'disabled' });
    const established = await createOrganization(t.dataSource);
    const ofEstablished = await createLegacyAccount(t.dataSource, { organizationId: established.id });
    const { loginName } = await inFormation();
    for (const body of [
      { organizationName: '鞍山市不存在的协会', loginName, password: 'wrong' },
      { organizationName: disabledOrganization.name, loginName: disabled.loginName, password: 'wrong' },
      { organizationName: established.name, loginName: ofEstablished.loginName, password: 'wrong' },
    ]) {
      const response = await bind(await naturalPersonToken(), body);
      expect(response.body.code).toBe('INVALID_CREDENTIALS');
    }
  });

  it('ORGANIZATION_NAME_MISMATCH (422) after correct credentials, explained as in resolutions; not counted as a failure', async () => {
    const name = `鞍山市千山区${fakeOrganizationName('').slice(3)}（社区）服务中心`;
    const { organization, account, loginName, password } = await inFormation(name);
    const typed = name.replace('（', '(').replace('）', ')');
    const sub = fakeSubject('mismatch');
    const response = await bind(await naturalPersonToken(sub), { organizationName: typed, loginName, password });
    expect(response.status).toBe(422);
    const open = [...name].indexOf('（') + 1;
    expect(response.body).toMatchObject({
      code: 'ORGANIZATION_NAME_MISMATCH',
      organization: { id: organization.id, name },
      nameMismatch: {
        claimedName: typed,
        registeredName: name,
        policy: 'exact',
        differences: [
          { kind: 'width', position: open, claimedChar: '(', claimedCodePoint: 'U+0028', registeredChar: '（', registeredCodePoint: 'U+FF08' },
          { kind: 'width', position: open + 3, claimedChar: ')', registeredChar: '）' },
        ],
      },
    });
    expect(response.body.nameMismatch.differences[0].explanation).toBe(`第${open}个字符：平台为半角“(”(U+0028)，登记证书为全角“（”(U+FF08)`);
    expect(response.body.detail).toContain('一字不差');
    expect(response.body.detail).toContain(response.body.nameMismatch.differences[0].explanation);
    expect(await accountRow(account.id)).toMatchObject({ status: 'unbound' });
    expect(await bindingsOf(sub)).toEqual([]);
    expect(await counters(loginName)).toEqual([]);

    const english = await bind(await naturalPersonToken(), { organizationName: name.slice(0, -1), loginName, password }, { 'accept-language': 'en' });
    expect(english.body.code).toBe('ORGANIZATION_NAME_MISMATCH');
    expect(english.body.title).toBe('Organization name mismatch');
    expect(english.body.nameMismatch.differences).toEqual([expect.objectContaining({ kind: 'missing', registeredChar: name.slice(-1), explanation: expect.stringMatching(/^position \d+: certificate has/) })]);
  });

  it('LEGAL_PERSON_ACCOUNT_REQUIRED (403) when the organization is established', async () => {
    const organization = await createOrganization(t.dataSource);
    const { loginName, password } = await createLegacyAccount(t.dataSource, { organizationId: organization.id });
    const response = await bind(await naturalPersonToken(), { organizationName: organization.name, loginName, password });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'LEGAL_PERSON_ACCOUNT_REQUIRED', organization: { id: organization.id, status: 'established', uscc: organization.uscc } });
    expect(response.body.detail).toContain(organization.uscc);
    expect(response.body.detail).toContain('法人用户');
  });

  it('ORGANIZATION_DEREGISTERED (409) when the organization is deregistered', async () => {
    const organization = await createOrganization(t.dataSource, { status: 'deregistered', uscc: null });
    const { loginName, password } = await createLegacyAccount(t.dataSource, { organizationId: organization.id });
    const response = await bind(await naturalPersonToken(), { organizationName: organization.name, loginName, password });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'ORGANIZATION_DEREGISTERED', organization: { id: organization.id, status: 'deregistered' } });
  });

  it('LEGACY_ACCOUNT_ALREADY_BOUND (409) when another platform account holds the legacy account; says nothing of who', async () => {
    const { organization, loginName, password } = await inFormation();
    const holder = fakeSubject('holder');
    expect((await bind(await naturalPersonToken(holder), { organizationName: organization.name, loginName, password })).status).toBe(201);
    const other = fakeSubject('other');
    const response = await bind(await naturalPersonToken(other), { organizationName: organization.name, loginName, password });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('LEGACY_ACCOUNT_ALREADY_BOUND');
    expect(response.body.detail).toContain('登记管理机关');
    expect(response.text).not.toContain(holder);
    expect(await bindingsOf(other)).toEqual([]);
  });

  it('LEGACY_ACCOUNT_DISABLED (403) for an account the authority disabled', async () => {
    const organization = await createOrganization(t.dataSource, { status: 'in_formation', uscc: null });
    const { account, loginName, password } = await createLegacyAccount(t.dataSource, { organizationId: organization.id, status: 'disabled' });
    const response = await bind(await naturalPersonToken(), { organizationName: organization.name, loginName, password });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('LEGACY_ACCOUNT_DISABLED');
    expect(await accountRow(account.id)).toMatchObject({ status: 'disabled' });
  });

  it('USER_TYPE_NOT_ALLOWED (403) for a legal-person token', async () => {
    const { organization, loginName, password } = await inFormation();
    const token = await t.mint({ sub: fakeSubject('lp'), userType: 'legal_person', name: organization.name, uscc: '51210300MJ0000000X' });
    const response = await bind(token, { organizationName: organization.name, loginName, password });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('USER_TYPE_NOT_ALLOWED');
    expect(response.body.detail).toContain('自然人或个体工商户');
  });

  it('VALIDATION_FAILED (400) for missing, empty, overlong or extra fields; 401 without a token', async () => {
    const token = await naturalPersonToken();
    const response = await bind(token, { organizationName: '', loginName: 'x'.repeat(101), extra: 1 });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    const fields = response.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['organizationName', 'loginName', 'password', 'extra']));
    const anonymous = await t.request('/v1/bindings/legacy-account', { method: 'POST', json: { organizationName: 'a', loginName: 'b', password: 'c' } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('TOKEN_MISSING');
  });

  it('VALIDATION_FAILED (400), not 500, for control characters (NUL) in the login name or organization name (found by the fuzzer)', async () => {
    const { organization, loginName, password } = await inFormation();
    const token = await naturalPersonToken();
    const response = await bind(token, { organizationName: `${organization.name}\u0000`, loginName: `${loginName.slice(0, 3)}\u0000${loginName.slice(3)}`, password });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ field: 'loginName', code: 'isPlainText' }),
      expect.objectContaining({ field: 'organizationName', code: 'isPlainText' }),
    ]));
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM binding WHERE organization_id = $1`, [organization.id]);
    expect(n).toBe(0);
  });

  it('a natural person bound to an organization that is later established must use a legal-person user', async () => {
    const { organization, loginName, password } = await inFormation();
    const token = await naturalPersonToken();
    expect((await bind(token, { organizationName: organization.name, loginName, password })).status).toBe(201);
    await t.dataSource.query(`UPDATE organization SET status = 'established', uscc = $2 WHERE id = $1`, [organization.id, fakeUscc()]);
    const resolution = await t.request('/v1/resolutions', { method: 'POST', token });
    expect(resolution.body).toMatchObject({ status: 'LEGAL_PERSON_ACCOUNT_REQUIRED', organization: { id: organization.id } });
  });
});
