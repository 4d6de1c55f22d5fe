import { randomUUID } from 'node:crypto';
import { LegacyAccountEntity } from '../../src/legacy-binding/entities/legacy-account.entity';
import { serviceToken } from '../support/accounts';
import { registrarToken, resolve } from '../support/applications';
import { createAuthority, createLegacyAccount, createOrganization, createRegistrar, fakeMobile, fakeResidentId, fakeSubject, fakeUscc } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Support tools: registrars (`/v1/support`, their authorities only) and operators
 * (`/v1/operator/support`, all). Every endpoint is checked against another jurisdiction's data,
 * which must answer exactly like a missing record.
 */
describe('support API', () => {
  let t: TestApp;
  let operator: string;
  let registrar: string;
  let authorityA: string;
  let authorityB: string;

  beforeAll(async () => {
    t = await startTestApp({ LOCKOUT_MAX_FAILURES: '2' });
    operator = await serviceToken(t, 'orgbind:operator');
    authorityA = (await createAuthority(t.dataSource, { divisionCode: '210311' })).code;
    authorityB = (await createAuthority(t.dataSource, { divisionCode: '210302' })).code;
    const entry = await createRegistrar(t.dataSource, { issuer: t.platform.issuer, authorityCodes: [authorityA] });
    registrar = await registrarToken(t, entry.subject);
  });
  afterAll(async () => {
    await t.close();
  });

  /** A natural person of the test platform with known personal data. */
  async function person(): Promise<{ sub: string; token: string; residentId: string; mobile: string }> {
    const sub = fakeSubject('person');
    const residentId = fakeResidentId();
    const mobile = fakeMobile();
    return { sub, residentId, mobile, token: await t.mint({ sub, userType: 'natural_person', name: '王测试', residentId, phone: mobile }) };
  }

  /** An organization in formation under `authorityCode` with a legacy account bound by a person through the API. */
  async function boundThroughLegacyAccount(authorityCode: string) {
    const organization = await createOrganization(t.dataSource, { status: 'in_formation', authorityCode, divisionCode: '210300' });
    const legacy = await createLegacyAccount(t.dataSource, { organizationId: organization.id });
    const user = await person();
    const bound = await t.request('/v1/bindings/legacy-account', {
      method: 'POST',
      token: user.token,
      json: { organizationName: organization.name, loginName: legacy.loginName, password: legacy.password },
    });
    expect(bound.status).toBe(201);
    return { organization, legacy, user, bindingId: bound.body.binding.id as string };
  }

  const search = (token: string, json: Record<string, unknown>, prefix = '/v1/support') => t.request(`${prefix}/organizations/search`, { method: 'POST', token, json });
  const detail = (token: string, id: string, prefix = '/v1/support') => t.request(`${prefix}/organizations/${id}`, { token });
  const revoke = (token: string, id: string, reason = '经核实非本单位人员，依申请撤销', prefix = '/v1/support') =>
    t.request(`${prefix}/bindings/${id}/revoke`, { method: 'POST', token, json: { reason } });
  const clear = (json: Record<string, unknown>) => t.request('/v1/support/lockouts/clear', { method: 'POST', token: registrar, json: { reason: '电话核实身份后解锁', ...json } });

  it('shows an organization of my authority with the bound person masked and the legacy account without any secret', async () => {
    const { organization, legacy, user, bindingId } = await boundThroughLegacyAccount(authorityA);
    const response = await detail(registrar, organization.id);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: organization.id, name: organization.name, status: 'in_formation', authorityCode: authorityA });
    expect(response.body.bindings).toEqual([
      expect.objectContaining({
        id: bindingId,
        kind: 'legacy_account',
        status: 'active',
        userType: 'natural_person',
        platformAccount: `${t.platform.issuer}|${user.sub}`,
        endedAt: null,
        person: {
          name: '王**',
          residentId: `${user.residentId.slice(0, 3)}***********${user.residentId.slice(-4)}`,
          mobile: `${user.mobile.slice(0, 3)}****${user.mobile.slice(-4)}`,
        },
      }),
    ]);
    expect(response.body.legacyAccounts).toEqual([{ id: legacy.account.id, loginName: legacy.loginName, status: 'bound', boundBindingId: bindingId, boundAt: expect.any(String) }]);
    expect(response.text).not.toContain(user.residentId);
    expect(response.text).not.toContain(user.mobile);
    expect(response.text).not.toMatch(/verifier|password|argon2/i);
    const [audit] = await t.dataSource.query(`SELECT actor_kind, action FROM audit_event WHERE action = 'support.organization_viewed' AND target_id = $1`, [organization.id]);
    expect(audit).toEqual({ actor_kind: 'registrar', action: 'support.organization_viewed' });
  });

  it('searches by USCC, exact name, name fragment (wildcards literal, paginated) and resident ID, within my authorities only', async () => {
    const tag = randomUUID().slice(0, 6);
    const mine = await Promise.all(
      ['1', '2', '3'].map((c) => createOrganization(t.dataSource, { name: `千山区${tag}${c}协会`, authorityCode: authorityA, uscc: fakeUscc('social_group', '210300') })),
    );
    const theirs = await createOrganization(t.dataSource, { name: `千山区${tag}丁协会`, authorityCode: authorityB });
    const wild = await createOrganization(t.dataSource, { name: `千山区${tag}9%_社`, authorityCode: authorityA });

    const first = await search(registrar, { nameContains: tag, limit: 2 });
    expect(first.status).toBe(200);
    expect(first.body.organizations.map((o: { id: string }) => o.id)).toEqual([mine[0].id, mine[1].id]);
    const second = await search(registrar, { nameContains: tag, limit: 2, cursor: first.body.nextCursor });
    expect(second.body.organizations.map((o: { id: string }) => o.id)).toEqual([mine[2].id, wild.id]);
    expect(second.body.nextCursor).toBeNull();

    expect((await search(registrar, { nameContains: `${tag}9%_` })).body.organizations.map((o: { id: string }) => o.id)).toEqual([wild.id]);
    expect((await search(registrar, { nameContains: '%_' })).body.organizations.every((o: { name: string }) => o.name.includes('%_'))).toBe(true);
    expect((await search(registrar, { uscc: mine[1].uscc!.toLowerCase() })).body.organizations.map((o: { id: string }) => o.id)).toEqual([mine[1].id]);
    expect((await search(registrar, { name: mine[2].name })).body.organizations.map((o: { id: string }) => o.id)).toEqual([mine[2].id]);
    // Another jurisdiction: not found by any criterion.
    expect((await search(registrar, { name: theirs.name })).body.organizations).toEqual([]);
    expect((await search(registrar, { uscc: theirs.uscc })).body.organizations).toEqual([]);
    // Operators see every jurisdiction.
    expect((await search(operator, { name: theirs.name }, '/v1/operator/support')).body.organizations.map((o: { id: string }) => o.id)).toEqual([theirs.id]);

    const inA = await boundThroughLegacyAccount(authorityA);
    const inB = await boundThroughLegacyAccount(authorityB);
    const byId = await search(registrar, { residentId: ` ${inA.user.residentId.toLowerCase()} ` });
    expect(byId.body.organizations.map((o: { id: string }) => o.id)).toEqual([inA.organization.id]);
    expect((await search(registrar, { residentId: inB.user.residentId })).body.organizations).toEqual([]);
    expect((await search(operator, { residentId: inB.user.residentId }, '/v1/operator/support')).body.organizations.map((o: { id: string }) => o.id)).toEqual([inB.organization.id]);
    const audits = await t.dataSource.query(`SELECT details FROM audit_event WHERE action = 'support.organizations_searched' AND details->>'criterion' = 'residentIdHash'`);
    expect(JSON.stringify(audits)).not.toContain(inA.user.residentId);
  });

  it('refuses a search without exactly one criterion, a malformed resident ID or a foreign cursor (400)', async () => {
    expect((await search(registrar, {})).status).toBe(400);
    expect((await search(registrar, { name: 'a', uscc: fakeUscc() })).status).toBe(400);
    expect((await search(registrar, { residentId: '12345' })).status).toBe(400);
    // JSON null is "not given" (fuzzer counterexample, FUZZ_SEED=365675846: {"nameContains":null} was a 500)
    for (const criterion of ['uscc', 'name', 'nameContains', 'residentId']) {
      const nulled = await search(registrar, { [criterion]: null });
      expect([criterion, nulled.status, nulled.body.code]).toEqual([criterion, 400, 'VALIDATION_FAILED']);
    }
    expect((await search(registrar, { nameContains: null, name: 'x', cursor: null })).status).toBe(200);
    const bad = await search(registrar, { name: 'x', cursor: 'garbage' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('revokes a binding: sessions end, the legacy account is released, events and audit; the account then resolves to BINDING_REQUIRED', async () => {
    const { organization, legacy, user, bindingId } = await boundThroughLegacyAccount(authorityA);
    expect((await resolve(t, user.token)).body.status).toBe('BOUND');
    const session = await t.request('/v1/sessions', { method: 'POST', token: user.token, json: { clientIp: '203.0.113.7' } });
    expect(session.status).toBe(201);

    const response = await revoke(registrar, bindingId);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ binding: { id: bindingId, status: 'revoked', endedReason: 'revoked_by_registrar' }, sessionsEnded: 1, releasedLegacyAccountId: legacy.account.id });

    const [sessionRow] = await t.dataSource.query('SELECT status, end_reason FROM session WHERE id = $1', [session.body.id]);
    expect(sessionRow).toEqual({ status: 'ended', end_reason: 'binding_revoked' });
    const account = await t.dataSource.getRepository(LegacyAccountEntity).findOneByOrFail({ id: legacy.account.id });
    expect(account).toMatchObject({ status: 'unbound', boundBindingId: null, boundAt: null });
    const events = await t.dataSource.query('SELECT type FROM outbox_event WHERE aggregate_id = ANY($1::text[]) ORDER BY id', [[bindingId, session.body.id]]);
    expect(events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['binding.revoked', 'session.ended']));
    const [audit] = await t.dataSource.query(`SELECT actor_kind, reason, details FROM audit_event WHERE action = 'binding.revoked' AND target_id = $1`, [organization.id]);
    expect(audit).toMatchObject({ actor_kind: 'registrar', reason: '经核实非本单位人员，依申请撤销', details: { bindingId, sessionsEnded: 1 } });

    const resolution = await resolve(t, user.token);
    expect(resolution.body.status).toBe('BINDING_REQUIRED');
    expect((await revoke(registrar, bindingId)).body.code).toBe('BINDING_NOT_ACTIVE');

    // The rightful person binds the released legacy account again.
    const rightful = await person();
    const rebound = await t.request('/v1/bindings/legacy-account', {
      method: 'POST', token: rightful.token, json: { organizationName: organization.name, loginName: legacy.loginName, password: legacy.password },
    });
    expect(rebound.status).toBe(201);
  });

  it('two revocations at once: one revokes, the other gets 409 BINDING_NOT_ACTIVE; one audit event, one feed event', async () => {
    const { organization, bindingId } = await boundThroughLegacyAccount(authorityA);
    const results = await Promise.all([revoke(registrar, bindingId), revoke(operator, bindingId, '运维撤销', '/v1/operator/support')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const [audits] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'binding.revoked' AND target_id = $1`, [organization.id]);
    expect(audits.n).toBe(1);
    const [events] = await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox_event WHERE type = 'binding.revoked' AND aggregate_id = $1`, [bindingId]);
    expect(events.n).toBe(1);
  });

  it('refuses a NUL in a lockout key or reason as VALIDATION_FAILED (400), never 500, and clears nothing (found by the fuzzer, seed 522861284)', async () => {
    const response = await clear({ kind: 'legacy_login', key: 'qs-\u0000taiji', reason: '电话核实\u0000身份后解锁' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ field: 'key', code: 'isPlainText' }),
      expect.objectContaining({ field: 'reason', code: 'isPlainText' }),
    ]));
    const [audits] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'lockout.cleared' AND details::text LIKE '%taiji%'`);
    expect(audits.n).toBe(0);
  });

  it('refuses a NUL in any string a DTO lets through (the global backstop), naming the field, in zh-CN and in English', async () => {
    const zh = await search(registrar, { name: '千山区\u0000志愿者协会' });
    expect(zh.status).toBe(400);
    expect(zh.body.code).toBe('VALIDATION_FAILED');
    expect(zh.body.errors).toEqual([{ field: 'name', code: 'noNulCharacter', message: '不能包含 NUL 控制字符（U+0000）' }]);
    const en = await t.request('/v1/support/organizations/search', { method: 'POST', token: registrar, json: { name: '千山区\u0000志愿者协会' }, headers: { 'accept-language': 'en' } });
    expect(en.status).toBe(400);
    expect(en.body.errors).toEqual([{ field: 'name', code: 'noNulCharacter', message: 'must not contain the NUL character (U+0000)' }]);
  });

  it('requires a reason to revoke', async () => {
    const { bindingId } = await boundThroughLegacyAccount(authorityA);
    const response = await t.request(`/v1/support/bindings/${bindingId}/revoke`, { method: 'POST', token: registrar, json: {} });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
  });

  it('clears lockouts in my jurisdiction: legacy login names of my organizations, platform accounts bound or applying to my authorities', async () => {
    const organization = await createOrganization(t.dataSource, { status: 'in_formation', authorityCode: authorityA });
    const legacy = await createLegacyAccount(t.dataSource, { organizationId: organization.id });
    const user = await person();
    for (let i = 0; i < 2; i++) {
      await t.request('/v1/bindings/legacy-account', { method: 'POST', token: user.token, json: { organizationName: organization.name, loginName: legacy.loginName, password: 'wrong' } });
    }
    const cleared = await clear({ kind: 'legacy_login', key: legacy.loginName.toUpperCase() });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ kind: 'legacy_login', failures: 2, locked: true });
    expect((await clear({ kind: 'legacy_login', key: legacy.loginName })).status).toBe(404);
    const [audit] = await t.dataSource.query(`SELECT actor_kind, reason FROM audit_event WHERE action = 'lockout.cleared' AND target_id = $1`, [legacy.loginName.toLowerCase()]);
    expect(audit).toEqual({ actor_kind: 'registrar', reason: '电话核实身份后解锁' });

    // The platform account's counter: not bound, no application in my authorities → not mine.
    const platformKey = `${t.platform.issuer}|${user.sub}`;
    expect((await clear({ kind: 'platform_account', key: platformKey })).status).toBe(404);
    // Once it has a pending application to my authority it is.
    await t.request('/v1/registration-applications', {
      method: 'POST', token: user.token, headers: { 'idempotency-key': randomUUID() },
      json: { divisionCode: '210311', authorityCode: authorityA, proposedName: `鞍山市千山区${randomUUID().slice(0, 4)}协会`, organizationType: 'social_group', contactName: '王测试', contactMobile: user.mobile },
    });
    const platformCleared = await clear({ kind: 'platform_account', key: platformKey });
    expect(platformCleared.status).toBe(200);
  });

  describe('another jurisdiction answers exactly like a missing record', () => {
    it('organization view, revocation, lockouts, audit trail → 404 / nothing', async () => {
      const foreign = await boundThroughLegacyAccount(authorityB);
      const missing = await detail(registrar, randomUUID());
      const hidden = await detail(registrar, foreign.organization.id);
      expect(hidden.status).toBe(404);
      expect(hidden.body.code).toBe(missing.body.code);
      expect(hidden.body.title).toBe(missing.body.title);

      const revokeHidden = await revoke(registrar, foreign.bindingId);
      expect(revokeHidden.status).toBe(404);
      expect(revokeHidden.body.code).toBe((await revoke(registrar, randomUUID())).body.code);
      const [binding] = await t.dataSource.query('SELECT status FROM binding WHERE id = $1', [foreign.bindingId]);
      expect(binding.status).toBe('active');

      // Lock the foreign login name and platform account, then try to clear them.
      const guesser = await person();
      for (let i = 0; i < 2; i++) {
        await t.request('/v1/bindings/legacy-account', { method: 'POST', token: guesser.token, json: { organizationName: foreign.organization.name, loginName: foreign.legacy.loginName, password: 'wrong' } });
      }
      expect((await clear({ kind: 'legacy_login', key: foreign.legacy.loginName })).status).toBe(404);
      expect((await clear({ kind: 'platform_account', key: `${t.platform.issuer}|${foreign.user.sub}` })).status).toBe(404);
      const [counter] = await t.dataSource.query(`SELECT failures FROM lockout_counter WHERE kind = 'legacy_login' AND key = $1`, [foreign.legacy.loginName.toLowerCase()]);
      expect(counter.failures).toBe(2);

      const audit = await t.request(`/v1/support/audit-events?organizationId=${foreign.organization.id}`, { token: registrar });
      expect(audit.status).toBe(200);
      expect(audit.body.events).toEqual([]);
    });

    it('operators reach every jurisdiction with the same tools', async () => {
      const foreign = await boundThroughLegacyAccount(authorityB);
      const view = await detail(operator, foreign.organization.id, '/v1/operator/support');
      expect(view.status).toBe(200);
      expect(view.body.bindings[0].person.residentId).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
      const revoked = await revoke(operator, foreign.bindingId, '运维依登记管理机关书面申请撤销', '/v1/operator/support');
      expect(revoked.status).toBe(200);
      expect(revoked.body.binding.endedReason).toBe('revoked_by_operator');
      expect((await resolve(t, foreign.user.token)).body.status).toBe('BINDING_REQUIRED');
      expect((await detail(registrar, foreign.organization.id, '/v1/operator/support')).status).toBe(403);
    });
  });

  it('shows my authorities\' audit trail', async () => {
    const { organization } = await boundThroughLegacyAccount(authorityA);
    const audit = await t.request(`/v1/support/audit-events?organizationId=${organization.id}`, { token: registrar });
    expect(audit.status).toBe(200);
    expect(audit.body.events.map((e: { action: string }) => e.action)).toContain('binding.created');
  });

  it('is forbidden to platform accounts not on the roster', async () => {
    const stranger = await person();
    expect((await search(stranger.token, { nameContains: '协会' })).status).toBe(403);
    expect((await detail(stranger.token, randomUUID())).status).toBe(403);
  });

  it('counts legacy binding attempts, lockouts and pending applications in /metrics', async () => {
    await boundThroughLegacyAccount(authorityA);
    const organization = await createOrganization(t.dataSource, { status: 'in_formation', authorityCode: authorityA });
    const legacy = await createLegacyAccount(t.dataSource, { organizationId: organization.id });
    const user = await person();
    for (let i = 0; i < 2; i++) {
      await t.request('/v1/bindings/legacy-account', { method: 'POST', token: user.token, json: { organizationName: organization.name, loginName: legacy.loginName, password: 'wrong' } });
    }
    const submitted = await t.request('/v1/registration-applications', {
      method: 'POST', token: (await person()).token, headers: { 'idempotency-key': randomUUID() },
      json: { divisionCode: '210311', authorityCode: authorityA, proposedName: `鞍山市千山区${randomUUID().slice(0, 4)}学会`, organizationType: 'social_group', contactName: '王测试', contactMobile: fakeMobile() },
    });
    expect(submitted.status).toBe(201);
    const text = await (await fetch(t.metricsUrl!)).text();
    const value = (line: RegExp) => Number(text.split('\n').find((l) => line.test(l))?.split(' ').pop());
    expect(value(/^orgbind_binding_attempts_total\{kind="legacy_account",outcome="bound"\}/)).toBeGreaterThanOrEqual(1);
    expect(value(/^orgbind_binding_attempts_total\{kind="legacy_account",outcome="invalid_credentials"\}/)).toBeGreaterThanOrEqual(2);
    expect(value(/^orgbind_lockouts_total /)).toBeGreaterThanOrEqual(1);
    expect(value(/^orgbind_registration_applications_pending /)).toBeGreaterThanOrEqual(1);
  });
});
