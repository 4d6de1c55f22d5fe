import { createLegacyAccount, createOrganization, fakeLoginName, fakeSubject } from '../support/factories';
import { TestClock } from '../support/clock';
import { startTestApp, TestApp } from '../support/test-app';
import { activeLock, applyFailure, DEFAULT_LOCKOUT_POLICY, LockoutState } from '../../src/legacy-binding/domain/lockout';
import { LockoutService } from '../../src/legacy-binding/lockout.service';

/**
 * Lockout escalation and expiry (Keycloak's model, defaults 5 / 60 s / 900 s / 12 h) with a
 * clock the test moves: no waiting, no timing.
 */
describe('legacy-binding lockout', () => {
  let t: TestApp;
  const clock = new TestClock();

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
  });
  afterAll(async () => {
    await t.close();
  });

  async function inFormation() {
    const organization = await createOrganization(t.dataSource, { status: 'in_formation', uscc: null });
    return { organization, ...(await createLegacyAccount(t.dataSource, { organizationId: organization.id })) };
  }
  const user = (sub = fakeSubject('lock')) => t.mint({ sub, userType: 'natural_person' });
  const bind = (token: string, json: Record<string, string>) => t.request('/v1/bindings/legacy-account', { method: 'POST', token, json });
  const operator = () => t.mint({ sub: 'operator-console', userType: 'service', scope: 'orgbind:operator' });
  async function counter(kind: string, key: string) {
    const [row] = await t.dataSource.query('SELECT failures, locked_until FROM lockout_counter WHERE kind = $1 AND key = $2', [kind, key]);
    return row as { failures: number; locked_until: Date | null } | undefined;
  }

  it('locks at the 5th failure for 60 s, refuses without checking the password, escalates and expires', async () => {
    const { organization, loginName, password } = await inFormation();
    const wrong = { organizationName: organization.name, loginName, password: 'wrong' };
    const right = { organizationName: organization.name, loginName, password };
    const token = await user();

    for (let i = 1; i <= 4; i++) {
      const response = await bind(token, wrong);
      expect(response.body).toMatchObject({ code: 'INVALID_CREDENTIALS', remainingAttempts: 5 - i });
      clock.advance(10);
    }
    const fifth = await bind(token, wrong);
    expect(fifth.status).toBe(403);
    expect(fifth.body).toMatchObject({ code: 'INVALID_CREDENTIALS', remainingAttempts: 0, retryAfterSeconds: 60 });
    expect(fifth.headers.get('retry-after')).toBe('60');
    const lockedAt = clock.now();

    clock.advance(30);
    const locked = await bind(await user(), right);
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('30');
    expect(locked.body).toMatchObject({ code: 'ACCOUNT_TEMPORARILY_LOCKED', retryAfterSeconds: 30, retryAt: new Date(lockedAt.getTime() + 60_000).toISOString(), lockedBy: ['legacy_login'] });
    expect(locked.body.detail).toMatch(/临时锁定，请于 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d（北京时间，约 30 秒后）再试/);
    expect((await counter('legacy_login', loginName))!.failures).toBe(5);

    const english = await t.request('/v1/bindings/legacy-account', { method: 'POST', token, json: wrong, headers: { 'accept-language': 'en' } });
    expect(english.status).toBe(429);
    expect(english.body.lockedBy).toEqual(['legacy_login', 'platform_account']);
    expect(english.body.detail).toMatch(/locked until .* \(Beijing time, in about 30 seconds\)/);

    clock.advance(29);
    expect((await bind(token, right)).headers.get('retry-after')).toBe('1');
    clock.advance(1);
    // Past the threshold every further failure locks again (⌊6/5⌋ × 60 s).
    const sixth = await bind(token, wrong);
    expect(sixth.body).toMatchObject({ code: 'INVALID_CREDENTIALS', retryAfterSeconds: 60 });
    for (let failures = 7; failures <= 10; failures++) {
      clock.advance(60);
      const response = await bind(token, wrong);
      expect(response.body.code).toBe('INVALID_CREDENTIALS');
      expect(response.body.retryAfterSeconds).toBe(failures === 10 ? 120 : 60);
    }
    expect((await counter('legacy_login', loginName))!.failures).toBe(10);

    // The lock ends; the rightful holder binds, and a successful binding clears both counters.
    clock.advance(120);
    const holder = fakeSubject('holder');
    const success = await bind(await user(holder), right);
    expect(success.status).toBe(201);
    expect(await counter('legacy_login', loginName)).toBeUndefined();
    expect(await counter('platform_account', `${t.platform.issuer}|${holder}`)).toBeUndefined();
  });

  it('forgets failures after 12 hours without one', async () => {
    const { organization, loginName } = await inFormation();
    const token = await user();
    const wrong = { organizationName: organization.name, loginName, password: 'wrong' };
    for (let i = 0; i < 7; i++) await bind(token, wrong).then(() => clock.advance(120));
    expect((await counter('legacy_login', loginName))!.failures).toBe(7);
    clock.advance(12 * 3600);
    const response = await bind(token, wrong);
    expect(response.body).toMatchObject({ code: 'INVALID_CREDENTIALS', remainingAttempts: 4 });
    expect(await counter('legacy_login', loginName)).toEqual({ failures: 1, locked_until: null });
  });

  it('locks a login name for every platform account, and a platform account for every login name, known or not', async () => {
    const target = await inFormation();
    for (let i = 0; i < 5; i++) {
      await bind(await user(), { organizationName: target.organization.name, loginName: target.loginName, password: `guess-${i}` });
    }
    const holder = await bind(await user(), { organizationName: target.organization.name, loginName: target.loginName, password: target.password });
    expect(holder.body).toMatchObject({ code: 'ACCOUNT_TEMPORARILY_LOCKED', lockedBy: ['legacy_login'] });

    const sprayer = fakeSubject('sprayer');
    const token = await user(sprayer);
    for (let i = 0; i < 5; i++) {
      const response = await bind(token, { organizationName: '任意', loginName: fakeLoginName('spray'), password: 'guess' });
      expect(response.body.code).toBe('INVALID_CREDENTIALS');
    }
    const other = await inFormation();
    const blocked = await bind(token, { organizationName: other.organization.name, loginName: other.loginName, password: other.password });
    expect(blocked.body).toMatchObject({ code: 'ACCOUNT_TEMPORARILY_LOCKED', lockedBy: ['platform_account'] });
    expect((await counter('platform_account', `${t.platform.issuer}|${sprayer}`))!.failures).toBe(5);
    clock.advance(60);
  });

  it('operators read and clear counters with a reason (audited); registrars later use the same service', async () => {
    const { organization, loginName, password } = await inFormation();
    const sub = fakeSubject('cleared');
    const token = await user(sub);
    for (let i = 0; i < 5; i++) await bind(token, { organizationName: organization.name, loginName, password: 'wrong' });
    const ops = await operator();
    const path = `/v1/lockouts/legacy_login/${encodeURIComponent(loginName.toUpperCase())}`;

    const read = await t.request(path, { token: ops });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ kind: 'legacy_login', key: loginName, failures: 5, locked: true });

    expect((await t.request(path, { method: 'DELETE', token: ops })).body.code).toBe('VALIDATION_FAILED');
    expect((await t.request(`${path}?reason=x`, { method: 'DELETE', token: await t.mint({ sub: 'mgmt', userType: 'service', scope: 'orgbind:registry.write' }) })).status).toBe(403);
    expect((await t.request(`${path}?reason=x`, { method: 'DELETE', token })).body).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect((await t.request(`${path}?reason=x`, { method: 'DELETE' })).status).toBe(401);
    expect((await t.request('/v1/lockouts/other_kind/x?reason=x', { method: 'DELETE', token: ops })).body.code).toBe('VALIDATION_FAILED');

    const requestId = `clear-${loginName}`;
    const cleared = await t.request(`${path}?reason=${encodeURIComponent('电话核实后解锁')}`, { method: 'DELETE', token: ops, headers: { 'x-request-id': requestId } });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ kind: 'legacy_login', key: loginName, failures: 5, locked: true });
    expect((await t.request(path, { token: ops })).status).toBe(404);
    expect((await t.request(`${path}?reason=again`, { method: 'DELETE', token: ops })).status).toBe(404);
    const audit = await t.dataSource.query('SELECT actor_kind, actor, action, reason, target_id, details FROM audit_event WHERE request_id = $1', [requestId]);
    expect(audit).toEqual([{ actor_kind: 'service', actor: 'orgbind-dev-management-system', action: 'lockout.cleared', reason: '电话核实后解锁', target_id: loginName, details: expect.objectContaining({ kind: 'legacy_login', failures: 5, wasLocked: true }) }]);

    // The platform account is still locked (its own counter): clear it by its issuer|subject key, then bind.
    const platformKey = `${t.platform.issuer}|${sub}`;
    expect((await bind(token, { organizationName: organization.name, loginName, password })).body.lockedBy).toEqual(['platform_account']);
    const clearedAccount = await t.request(`/v1/lockouts/platform_account/${encodeURIComponent(platformKey)}?reason=verified`, { method: 'DELETE', token: ops });
    expect(clearedAccount.body).toMatchObject({ kind: 'platform_account', key: platformKey, failures: 5 });
    expect((await bind(token, { organizationName: organization.name, loginName, password })).status).toBe(201);
  });

  it('follows the domain model (applyFailure) step by step, through locks, escalation and the 12-hour reset', async () => {
    const { organization, loginName } = await inFormation();
    const token = await user();
    const wrong = { organizationName: organization.name, loginName, password: 'wrong' };
    // Seconds before each attempt: bursts, waits inside and past locks, and one quiet night.
    const gaps = [0, 1, 1, 1, 1, 1, 30, 31, 5, 60, 60, 60, 60, 1, 119, 1, 13 * 3600, 1, 1, 1, 1, 1, 59, 1];
    let model: LockoutState | null = null;
    for (const [step, gap] of gaps.entries()) {
      clock.advance(gap);
      const now = clock.now();
      const lock = model ? activeLock(model.lockedUntil, now) : null;
      const response = await bind(token, wrong);
      if (lock) {
        expect({ step, code: response.body.code, retryAfter: response.body.retryAfterSeconds }).toEqual({ step, code: 'ACCOUNT_TEMPORARILY_LOCKED', retryAfter: lock.retryAfterSeconds });
      } else {
        model = applyFailure(model, now, DEFAULT_LOCKOUT_POLICY);
        expect({ step, code: response.body.code }).toEqual({ step, code: 'INVALID_CREDENTIALS' });
      }
      const row = await counter('legacy_login', loginName);
      expect({ step, failures: row!.failures, lockedUntil: row!.locked_until?.getTime() ?? null })
        .toEqual({ step, failures: model!.failures, lockedUntil: model!.lockedUntil?.getTime() ?? null });
    }
    clock.advance(900);
  });

  it('housekeeping deletes counters whose failures are forgotten and whose lock is over', async () => {
    clock.set(new Date());
    const stale = fakeLoginName('stale');
    const fresh = fakeLoginName('fresh');
    await t.dataSource.query(
      `INSERT INTO lockout_counter (kind, key, failures, last_failure_at, locked_until) VALUES
         ('legacy_login', $1, 3, now() - interval '13 hours', NULL),
         ('legacy_login', $2, 3, now() - interval '1 hour', NULL)`,
      [stale, fresh],
    );
    expect(await t.app.get(LockoutService).deleteForgotten()).toBeGreaterThanOrEqual(1);
    expect(await counter('legacy_login', stale)).toBeUndefined();
    expect(await counter('legacy_login', fresh)).toEqual({ failures: 3, locked_until: null });
  });
});
