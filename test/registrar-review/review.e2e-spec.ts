import { randomUUID } from 'node:crypto';
import { CLOCK, Clock } from '../../src/common/clock';
import { RegistrationAuthorityEntity } from '../../src/registry/entities/registration-authority.entity';
import { decide, newApplicant, registrarToken, resolve, submitApplication } from '../support/applications';
import { applicationBody, createAuthority, createOrganization, createRegistrar, fakeApplicationName } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const DAY = 24 * 60 * 60 * 1000;

/** The registrar's API: roster-based rights, jurisdiction scoping, decisions, the applicant's resolution. */
describe('registrar review', () => {
  let t: TestApp;
  let qianshan: RegistrationAuthorityEntity;
  let anshan: RegistrationAuthorityEntity;
  let qianshanRegistrar: string;
  let anshanRegistrar: string;

  beforeAll(async () => {
    t = await startTestApp();
    qianshan = await createAuthority(t.dataSource, { divisionCode: '210311' });
    anshan = await createAuthority(t.dataSource, { divisionCode: '210300' });
    qianshanRegistrar = await registrarToken(t, (await createRegistrar(t.dataSource, { issuer: t.platform.issuer, authorityCodes: [qianshan.code] })).subject);
    anshanRegistrar = await registrarToken(t, (await createRegistrar(t.dataSource, { issuer: t.platform.issuer, authorityCodes: [anshan.code] })).subject);
  });
  afterAll(async () => {
    await t.close();
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  async function fileApplication(authority = qianshan, overrides: Record<string, unknown> = {}) {
    const applicant = await newApplicant(t);
    const response = await submitApplication(t, applicant.token, applicationBody(authority, overrides));
    expect(response.status).toBe(201);
    return { ...applicant, application: response.body };
  }

  describe('who is a registrar', () => {
    it('a platform user not on the roster gets 403 FORBIDDEN everywhere, audited as denied', async () => {
      const { token, application } = await fileApplication();
      const outsider = await t.mint({ sub: `outsider-${randomUUID()}`, userType: 'natural_person', extra: { registrar: true, authority_codes: [qianshan.code] } });
      for (const [method, path] of [
        ['GET', '/v1/review/registration-applications'],
        ['GET', `/v1/review/registration-applications/${application.id}`],
        ['POST', `/v1/review/registration-applications/${application.id}/approve`],
        ['POST', `/v1/review/registration-applications/${application.id}/reject`],
        ['GET', '/v1/review/statistics'],
      ]) {
        const response = await t.request(path, { method, token: outsider, json: method === 'POST' ? { reason: '不予受理的理由' } : undefined, headers: { 'if-match': 'W/"1"' } });
        expect([path, response.status, response.body.code]).toEqual([path, 403, 'FORBIDDEN']);
      }
      // Not even the applicant may review its own application.
      expect((await t.request('/v1/review/registration-applications', { token })).status).toBe(403);
      const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM audit_event WHERE action = 'review.access_denied' AND outcome = 'denied'`);
      expect(count).toBeGreaterThanOrEqual(6);
      expect((await t.request('/v1/review/registration-applications')).status).toBe(401);
    });

    it('a registrar cannot decide on an application filed from its own account (403, four eyes)', async () => {
      const registrar = await createRegistrar(t.dataSource, { issuer: t.platform.issuer, authorityCodes: [qianshan.code] });
      const token = await registrarToken(t, registrar.subject);
      const filed = await submitApplication(t, token, applicationBody(qianshan));
      expect(filed.status).toBe(201);
      const own = await decide(t, token, filed.body.id, 'approve', 1);
      expect([own.status, own.body.code, own.body.reason]).toEqual([403, 'FORBIDDEN', 'OWN_APPLICATION']);
      const [row] = await t.dataSource.query('SELECT status FROM registration_application WHERE id = $1', [filed.body.id]);
      expect(row.status).toBe('pending');
      expect((await decide(t, qianshanRegistrar, filed.body.id, 'approve', 1)).status).toBe(200);
    });

    it('a registrar taken off the roster loses access at once', async () => {
      const registrar = await createRegistrar(t.dataSource, { issuer: t.platform.issuer, authorityCodes: [qianshan.code] });
      const token = await registrarToken(t, registrar.subject);
      expect((await t.request('/v1/review/statistics', { token })).status).toBe(200);
      await t.dataSource.query('DELETE FROM registrar WHERE id = $1', [registrar.id]);
      expect((await t.request('/v1/review/statistics', { token })).status).toBe(403);
    });
  });

  describe('jurisdiction', () => {
    it('a registrar of 鞍山市 can neither list, read, approve nor reject a 千山区 application (404), and nothing changes', async () => {
      const { application } = await fileApplication(qianshan);
      const list = await t.request(`/v1/review/registration-applications?limit=100&nameContains=${encodeURIComponent(application.proposedName)}`, { token: anshanRegistrar });
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ items: [], total: 0 });
      const byCode = await t.request(`/v1/review/registration-applications?authorityCode=${qianshan.code}`, { token: anshanRegistrar });
      expect(byCode.body).toMatchObject({ items: [], total: 0 });
      const read = await t.request(`/v1/review/registration-applications/${application.id}`, { token: anshanRegistrar });
      expect([read.status, read.body.code]).toEqual([404, 'NOT_FOUND']);
      const approve = await decide(t, anshanRegistrar, application.id, 'approve', 1);
      const reject = await decide(t, anshanRegistrar, application.id, 'reject', 1);
      expect([approve.status, approve.body.code, reject.status, reject.body.code]).toEqual([404, 'NOT_FOUND', 404, 'NOT_FOUND']);
      // Indistinguishable from an application that does not exist.
      const missing = await decide(t, anshanRegistrar, randomUUID(), 'approve', 1);
      expect({ ...missing.body, requestId: undefined, instance: undefined }).toEqual({ ...approve.body, requestId: undefined, instance: undefined });
      const [row] = await t.dataSource.query('SELECT status, version, organization_id FROM registration_application WHERE id = $1', [application.id]);
      expect(row).toEqual({ status: 'pending', version: 1, organization_id: null });
      const mine = await t.request(`/v1/review/registration-applications/${application.id}`, { token: qianshanRegistrar });
      expect(mine.status).toBe(200);
    });

    it('a registrar of two authorities sees both', async () => {
      const both = await registrarToken(t, (await createRegistrar(t.dataSource, { issuer: t.platform.issuer, authorityCodes: [qianshan.code, anshan.code] })).subject);
      const marker = fakeApplicationName('', '');
      const a = await fileApplication(qianshan, { proposedName: `鞍山市千山区${marker}协会` });
      const b = await fileApplication(anshan, { proposedName: `鞍山市${marker}协会` });
      const list = await t.request(`/v1/review/registration-applications?nameContains=${encodeURIComponent(marker)}`, { token: both });
      expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([a.application.id, b.application.id]);
    });
  });

  describe('the queue', () => {
    it('lists oldest first with filters, masked contact, age and total; pages with a cursor', async () => {
      const marker = fakeApplicationName('', '');
      const filed = [];
      for (let i = 0; i < 5; i++) filed.push(await fileApplication(qianshan, { proposedName: `鞍山市千山区${marker}第${'一二三四五'[i]}协会`, contactMobile: '13911112222' }));
      const ids = filed.map((f) => f.application.id);
      const pages = [];
      let cursor: string | null = null;
      do {
        const query: string = `nameContains=${encodeURIComponent(marker)}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await t.request(`/v1/review/registration-applications?${query}`, { token: qianshanRegistrar });
        expect(page.status).toBe(200);
        expect(page.body.total).toBe(5);
        pages.push(page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
      expect(pages.flat().map((i: { id: string }) => i.id)).toEqual(ids);
      expect(pages[0][0]).toMatchObject({ status: 'pending', ageDays: 0, overdue: false, applicantUserType: 'natural_person', contact: { mobile: '139****2222', masked: true }, version: 1 });

      await t.request(`/v1/registration-applications/${ids[1]}/withdraw`, { method: 'POST', token: filed[1].token });
      const list = (query: string) => t.request(`/v1/review/registration-applications?nameContains=${encodeURIComponent(marker)}&${query}`, { token: qianshanRegistrar });
      const pending = await list('status=pending');
      expect(pending.body.items.map((i: { id: string }) => i.id)).toEqual([ids[0], ids[2], ids[3], ids[4]]);
      const withdrawn = await list('status=withdrawn');
      expect(withdrawn.body).toMatchObject({ total: 1, items: [{ id: ids[1], status: 'withdrawn' }] });
      const ranged = await list(`submittedFrom=${encodeURIComponent(filed[2].application.submittedAt)}&submittedTo=${encodeURIComponent(filed[4].application.submittedAt)}`);
      expect(ranged.body.items.map((i: { id: string }) => i.id)).toEqual([ids[2], ids[3]]);
      const byAuthority = await list(`authorityCode=${qianshan.code}&limit=1`);
      expect(byAuthority.body).toMatchObject({ total: 5, items: [{ id: ids[0] }] });
    });

    it('matches % and _ literally in nameContains', async () => {
      const name = `鞍山市千山区${fakeApplicationName('', '')}百分之百%协会`;
      const { application } = await fileApplication(qianshan, { proposedName: name });
      const literal = await t.request(`/v1/review/registration-applications?nameContains=${encodeURIComponent('百%协')}`, { token: qianshanRegistrar });
      expect(literal.body.items.map((i: { id: string }) => i.id)).toContain(application.id);
      const wildcard = await t.request(`/v1/review/registration-applications?nameContains=${encodeURIComponent('百_协')}`, { token: qianshanRegistrar });
      expect(wildcard.body.items.map((i: { id: string }) => i.id)).not.toContain(application.id);
    });

    it('flags applications pending longer than REVIEW_OVERDUE_DAYS (30) as overdue, and filters them', async () => {
      const marker = fakeApplicationName('', '');
      const { application } = await fileApplication(qianshan, { proposedName: `鞍山市千山区${marker}协会` });
      const submitted = new Date(application.submittedAt).getTime();
      const clock = t.app.get<Clock>(CLOCK);
      jest.spyOn(clock, 'now').mockReturnValue(new Date(submitted + 30 * DAY + 3600_000));
      const day30 = await t.request(`/v1/review/registration-applications?nameContains=${encodeURIComponent(marker)}`, { token: qianshanRegistrar });
      expect(day30.body.items[0]).toMatchObject({ ageDays: 30, overdue: false });
      expect(day30.body.overdueDays).toBe(30);
      jest.spyOn(clock, 'now').mockReturnValue(new Date(submitted + 31 * DAY));
      const day31 = await t.request(`/v1/review/registration-applications?nameContains=${encodeURIComponent(marker)}`, { token: qianshanRegistrar });
      expect(day31.body.items[0]).toMatchObject({ ageDays: 31, overdue: true });
      const overdueOnly = await t.request(`/v1/review/registration-applications?overdue=true&nameContains=${encodeURIComponent(marker)}`, { token: qianshanRegistrar });
      expect(overdueOnly.body.items.map((i: { id: string }) => i.id)).toEqual([application.id]);
      const notOverdue = await t.request(`/v1/review/registration-applications?overdue=false&nameContains=${encodeURIComponent(marker)}`, { token: qianshanRegistrar });
      expect(notOverdue.body.items).toEqual([]);
    });

    it('refuses a forged cursor and bad filters with field errors', async () => {
      const response = await t.request('/v1/review/registration-applications?cursor=forged&limit=0&status=lost&submittedFrom=yesterday', { token: qianshanRegistrar });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'status', 'submittedFrom']);
      const cursor = await t.request('/v1/review/registration-applications?cursor=forged', { token: qianshanRegistrar });
      expect(cursor.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    });
  });

  describe('reading one application', () => {
    it('shows the contact in clear with an ETag, and audits the view', async () => {
      const { application } = await fileApplication(qianshan, { contactName: '李文静', contactMobile: '13933334444' });
      const response = await t.request(`/v1/review/registration-applications/${application.id}`, { token: qianshanRegistrar });
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBe('W/"1"');
      expect(response.body).toMatchObject({ id: application.id, contact: { name: '李文静', mobile: '13933334444', masked: false }, ageDays: 0 });
      const audit = await t.dataSource.query(`SELECT outcome FROM audit_event WHERE action = 'registration_application.viewed' AND target_id = $1`, [application.id]);
      expect(audit).toEqual([{ outcome: 'success' }]);
      expect((await t.request('/v1/review/registration-applications/12345', { token: qianshanRegistrar })).status).toBe(404);
    });
  });

  describe('approve', () => {
    it('requires If-Match (428), refuses a stale one (412 with the current ETag)', async () => {
      const { application } = await fileApplication();
      const missing = await decide(t, qianshanRegistrar, application.id, 'approve', null);
      expect([missing.status, missing.body.code]).toEqual([428, 'PRECONDITION_REQUIRED']);
      const any = await t.request(`/v1/review/registration-applications/${application.id}/approve`, { method: 'POST', token: qianshanRegistrar, json: {}, headers: { 'if-match': '*' } });
      expect(any.status).toBe(428);
      const stale = await decide(t, qianshanRegistrar, application.id, 'approve', 5);
      expect([stale.status, stale.body.code, stale.headers.get('etag'), stale.body.currentVersion]).toEqual([412, 'PRECONDITION_FAILED', 'W/"1"', 1]);
      const [row] = await t.dataSource.query('SELECT status, version FROM registration_application WHERE id = $1', [application.id]);
      expect(row).toEqual({ status: 'pending', version: 1 });
    });

    it('in one transaction: approved, organization in formation under the authority, binding, audit, events; the applicant resolves BOUND', async () => {
      const { sub, token, application } = await fileApplication(qianshan, { organizationType: 'private_non_enterprise' });
      expect((await resolve(t, token)).body).toMatchObject({
        status: 'APPLICATION_PENDING',
        application: { id: application.id, status: 'pending', authority: { code: qianshan.code, name: qianshan.name }, submittedAt: application.submittedAt },
      });
      const approved = await decide(t, qianshanRegistrar, application.id, 'approve', 1, { note: '请尽快办理成立登记。' });
      expect(approved.status).toBe(200);
      expect(approved.headers.get('etag')).toBe('W/"2"');
      expect(approved.body).toMatchObject({ status: 'approved', version: 2, decisionNote: '请尽快办理成立登记。', decidedAt: expect.any(String), organizationId: expect.any(String) });
      const [organization] = await t.dataSource.query('SELECT name, type, status, uscc, division_code, authority_code FROM organization WHERE id = $1', [approved.body.organizationId]);
      expect(organization).toEqual({ name: application.proposedName, type: 'private_non_enterprise', status: 'in_formation', uscc: null, division_code: '210311', authority_code: qianshan.code });
      const bindings = await t.dataSource.query('SELECT subject, kind, user_type, status FROM binding WHERE organization_id = $1', [approved.body.organizationId]);
      expect(bindings).toEqual([{ subject: sub, kind: 'application', user_type: 'natural_person', status: 'active' }]);
      const bound = await resolve(t, token);
      expect(bound.body).toMatchObject({ status: 'BOUND', organization: { id: approved.body.organizationId, name: application.proposedName, status: 'in_formation', uscc: null }, binding: { kind: 'application' } });
      const events = await t.dataSource.query(`SELECT id, type, data FROM outbox_event WHERE aggregate_id = $1 OR data->>'applicationId' = $1 ORDER BY id`, [application.id]);
      expect(events.map((e: { type: string }) => e.type)).toEqual(['application.submitted', 'application.approved', 'binding.created']);
      expect(BigInt(events[2].id) - BigInt(events[1].id)).toBe(1n);
      expect(events[2].data).toMatchObject({ organizationId: approved.body.organizationId, kind: 'application', applicationId: application.id });
      const audit = await t.dataSource.query(`SELECT action, actor_kind, details FROM audit_event WHERE details->>'applicationId' = $1 OR (target_id = $1 AND action LIKE 'registration_application.%') ORDER BY id`, [application.id]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['registration_application.submitted', 'registration_application.approved', 'organization.created', 'binding.created']);
      expect(audit[1]).toMatchObject({ actor_kind: 'registrar', details: expect.objectContaining({ fromStatus: 'pending', toStatus: 'approved', authorityCode: qianshan.code }) });
      const again = await decide(t, qianshanRegistrar, application.id, 'reject', 2);
      expect([again.status, again.body.code, again.body.currentStatus]).toEqual([409, 'APPLICATION_STATUS_CONFLICT', 'approved']);
      expect(again.body.detail).toContain('已通过');
    });

    it('NAME_TAKEN when an organization got the name meanwhile: nothing changes', async () => {
      const { application } = await fileApplication();
      await createOrganization(t.dataSource, { name: application.proposedName });
      const response = await decide(t, qianshanRegistrar, application.id, 'approve', 1);
      expect([response.status, response.body.code]).toEqual([409, 'NAME_TAKEN']);
      const [row] = await t.dataSource.query('SELECT status, version FROM registration_application WHERE id = $1', [application.id]);
      expect(row).toEqual({ status: 'pending', version: 1 });
      const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM organization WHERE name = $1`, [application.proposedName]);
      expect(count).toBe(1);
    });

    it('ALREADY_BOUND when the applicant was bound meanwhile: nothing changes', async () => {
      const { sub, application } = await fileApplication();
      const other = await createOrganization(t.dataSource, { status: 'in_formation', uscc: null });
      await t.dataSource.query(`INSERT INTO binding (organization_id, issuer, subject, user_type, kind) VALUES ($1, $2, $3, 'natural_person', 'legacy_account')`, [other.id, t.platform.issuer, sub]);
      const response = await decide(t, qianshanRegistrar, application.id, 'approve', 1);
      expect([response.status, response.body.code]).toEqual([409, 'ALREADY_BOUND']);
      const [row] = await t.dataSource.query('SELECT status FROM registration_application WHERE id = $1', [application.id]);
      expect(row.status).toBe('pending');
    });

    it('20 concurrent decisions on one application: exactly one wins, the rest 409/412, no 5xx, one organization and one binding', async () => {
      const { sub, application } = await fileApplication();
      const registrars = [qianshanRegistrar, await registrarToken(t, (await createRegistrar(t.dataSource, { issuer: t.platform.issuer, authorityCodes: [qianshan.code] })).subject)];
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) => decide(t, registrars[i % 2], application.id, i % 3 === 0 ? 'reject' : 'approve', 1)),
      );
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.every((s) => s === 200 || s === 409 || s === 412)).toBe(true);
      const [row] = await t.dataSource.query('SELECT status, version, organization_id FROM registration_application WHERE id = $1', [application.id]);
      expect(row.version).toBe(2);
      const winner = responses.find((r) => r.status === 200)!;
      expect(row.status).toBe(winner.body.status);
      const [{ organizations }] = await t.dataSource.query(`SELECT count(*)::int AS organizations FROM organization WHERE name = $1`, [application.proposedName]);
      const [{ bindings }] = await t.dataSource.query(`SELECT count(*)::int AS bindings FROM binding WHERE subject = $1`, [sub]);
      expect([organizations, bindings]).toEqual(row.status === 'approved' ? [1, 1] : [0, 0]);
      const [{ decisions }] = await t.dataSource.query(`SELECT count(*)::int AS decisions FROM outbox_event WHERE aggregate_id = $1 AND type IN ('application.approved', 'application.rejected')`, [application.id]);
      expect(decisions).toBe(1);
    });
  });

  describe('reject', () => {
    it('requires a reason (field error)', async () => {
      const { application } = await fileApplication();
      const response = await decide(t, qianshanRegistrar, application.id, 'reject', 1, {});
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain('reason');
      const blank = await decide(t, qianshanRegistrar, application.id, 'reject', 1, { reason: '   ' });
      expect(blank.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'reason', code: 'isPlainText' })]));
    });

    it('rejected with the reason → APPLICATION_REJECTED; the user applies again → APPLICATION_PENDING → approved → BOUND', async () => {
      const { token, application } = await fileApplication();
      const reason = '拟定名称与发起人提交的章程不一致，请核对后重新申请。';
      const rejected = await decide(t, qianshanRegistrar, application.id, 'reject', 1, { reason });
      expect(rejected.status).toBe(200);
      expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: reason, version: 2, organizationId: null });
      const resolution = await resolve(t, token);
      expect(resolution.body).toMatchObject({
        status: 'APPLICATION_REJECTED',
        application: { id: application.id, status: 'rejected', rejectionReason: reason, decidedAt: rejected.body.decidedAt },
        options: ['LEGACY_ACCOUNT', 'REGISTRATION_APPLICATION'],
      });
      expect(resolution.body.message).toContain(reason);
      expect((await resolve(t, token, { 'accept-language': 'en' })).body.message).toContain('You may apply again');
      const mine = await t.request('/v1/registration-applications/mine', { token });
      expect(mine.body.applications[0]).toMatchObject({ status: 'rejected', rejectionReason: reason });
      const events = await t.dataSource.query(`SELECT type, data FROM outbox_event WHERE aggregate_id = $1 ORDER BY id`, [application.id]);
      expect(events.map((e: { type: string }) => e.type)).toEqual(['application.submitted', 'application.rejected']);
      expect(JSON.stringify(events)).not.toContain(reason);

      const again = await submitApplication(t, token, applicationBody(qianshan, { proposedName: application.proposedName }));
      expect(again.status).toBe(201);
      expect((await resolve(t, token)).body).toMatchObject({ status: 'APPLICATION_PENDING', application: { id: again.body.id } });
      expect((await decide(t, qianshanRegistrar, again.body.id, 'approve', 1)).status).toBe(200);
      expect((await resolve(t, token)).body.status).toBe('BOUND');
    });

    it('a withdrawn application cannot be decided (409 withdrawn)', async () => {
      const { token, application } = await fileApplication();
      await t.request(`/v1/registration-applications/${application.id}/withdraw`, { method: 'POST', token });
      const response = await decide(t, qianshanRegistrar, application.id, 'reject', 2);
      expect([response.status, response.body.currentStatus]).toEqual([409, 'withdrawn']);
    });
  });

  describe('statistics', () => {
    it('counts by status and age bucket, overdue and oldest pending, for the registrar\'s authorities only', async () => {
      const authority = await createAuthority(t.dataSource, { divisionCode: '210302' });
      const token = await registrarToken(t, (await createRegistrar(t.dataSource, { issuer: t.platform.issuer, authorityCodes: [authority.code] })).subject);
      const empty = await t.request('/v1/review/statistics', { token });
      expect(empty.status).toBe(200);
      expect(empty.body.authorities).toEqual([expect.objectContaining({ authorityCode: authority.code, authorityName: authority.name, total: 0, overdue: 0, oldestPendingSubmittedAt: null })]);

      const clock = t.app.get<Clock>(CLOCK);
      const start = Date.now();
      const at = (days: number) => jest.spyOn(clock, 'now').mockReturnValue(new Date(start + days * DAY));
      at(0);
      const old = await fileApplication(authority);
      const rejectedOne = await fileApplication(authority);
      at(20);
      await fileApplication(authority);
      await decide(t, token, rejectedOne.application.id, 'reject', 1);
      at(40);
      const stats = await t.request('/v1/review/statistics', { token });
      expect(stats.body.overdueDays).toBe(30);
      const [entry] = stats.body.authorities;
      expect(entry).toMatchObject({ authorityCode: authority.code, total: 3, overdue: 1, oldestPendingSubmittedAt: old.application.submittedAt });
      const count = (status: string, bucket: string) =>
        entry.byStatus.find((s: { status: string }) => s.status === status).byAge.find((b: { bucket: string }) => b.bucket === bucket).count;
      expect(entry.byStatus.map((s: { status: string; count: number }) => [s.status, s.count])).toEqual([['pending', 2], ['approved', 0], ['rejected', 1], ['withdrawn', 0]]);
      expect([count('pending', '31-60'), count('pending', '15-30'), count('rejected', '15-30')]).toEqual([1, 1, 1]);
      expect(entry.byStatus[0].byAge.map((b: { bucket: string }) => b.bucket)).toEqual(['0-7', '8-14', '15-30', '31-60', '61+']);
    });
  });
});
