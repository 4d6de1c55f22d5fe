import { randomUUID } from 'node:crypto';
import { RegistrationAuthorityEntity } from '../../src/registry/entities/registration-authority.entity';
import { newApplicant, resolve, submitApplication } from '../support/applications';
import { applicationBody, createAuthority } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** GET /v1/registration-applications/mine, POST …/{id}/withdraw, GET /v1/registration-authorities. */
describe('the applicant\'s applications', () => {
  let t: TestApp;
  let authority: RegistrationAuthorityEntity;

  beforeAll(async () => {
    t = await startTestApp();
    authority = await createAuthority(t.dataSource, { divisionCode: '210311' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists only the caller\'s applications, newest first, contact masked', async () => {
    const { token } = await newApplicant(t);
    const first = await submitApplication(t, token, applicationBody(authority, { contactMobile: '13811112222' }));
    await t.request(`/v1/registration-applications/${first.body.id}/withdraw`, { method: 'POST', token });
    const second = await submitApplication(t, token, applicationBody(authority));
    await submitApplication(t, (await newApplicant(t)).token, applicationBody(authority));
    const mine = await t.request('/v1/registration-applications/mine', { token });
    expect(mine.status).toBe(200);
    expect(mine.body.applications.map((a: { id: string; status: string }) => [a.id, a.status])).toEqual([[second.body.id, 'pending'], [first.body.id, 'withdrawn']]);
    expect(mine.body.applications[1].contact).toEqual({ name: expect.stringMatching(/\*/), mobile: '138****2222', masked: true });
    const empty = await t.request('/v1/registration-applications/mine', { token: (await newApplicant(t)).token });
    expect(empty.body).toEqual({ applications: [] });
  });

  it('withdraws a pending application: audited, event, the resolution offers both options again, the same name may be filed again', async () => {
    const { token } = await newApplicant(t);
    const body = applicationBody(authority);
    const filed = await submitApplication(t, token, body);
    expect((await resolve(t, token)).body.status).toBe('APPLICATION_PENDING');
    const withdrawn = await t.request(`/v1/registration-applications/${filed.body.id}/withdraw`, { method: 'POST', token, headers: { 'if-match': 'W/"1"' } });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.headers.get('etag')).toBe('W/"2"');
    expect(withdrawn.body).toMatchObject({ id: filed.body.id, status: 'withdrawn', version: 2, withdrawnAt: expect.any(String) });
    expect((await resolve(t, token)).body).toMatchObject({ status: 'BINDING_REQUIRED', options: ['LEGACY_ACCOUNT', 'REGISTRATION_APPLICATION'] });
    const audit = await t.dataSource.query(`SELECT details FROM audit_event WHERE action = 'registration_application.withdrawn' AND target_id = $1`, [filed.body.id]);
    expect(audit).toEqual([{ details: expect.objectContaining({ fromStatus: 'pending', toStatus: 'withdrawn', authorityCode: authority.code }) }]);
    const events = await t.dataSource.query(`SELECT type FROM outbox_event WHERE aggregate_id = $1 ORDER BY id`, [filed.body.id]);
    expect(events.map((e: { type: string }) => e.type)).toEqual(['application.submitted', 'application.withdrawn']);
    expect((await submitApplication(t, token, body)).status).toBe(201);
  });

  it('a second withdrawal is 409 with the current status; a stale If-Match 412; malformed If-Match 400', async () => {
    const { token } = await newApplicant(t);
    const filed = await submitApplication(t, token, applicationBody(authority));
    const malformed = await t.request(`/v1/registration-applications/${filed.body.id}/withdraw`, { method: 'POST', token, headers: { 'if-match': 'version-1' } });
    expect(malformed.status).toBe(400);
    const stale = await t.request(`/v1/registration-applications/${filed.body.id}/withdraw`, { method: 'POST', token, headers: { 'if-match': 'W/"7"' } });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'PRECONDITION_FAILED', currentVersion: 1 });
    expect(stale.headers.get('etag')).toBe('W/"1"');
    await t.request(`/v1/registration-applications/${filed.body.id}/withdraw`, { method: 'POST', token });
    const again = await t.request(`/v1/registration-applications/${filed.body.id}/withdraw`, { method: 'POST', token });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'APPLICATION_STATUS_CONFLICT', currentStatus: 'withdrawn' });
    expect(again.body.detail).toContain('已撤回');
  });

  it('another account\'s application is a 404, and stays pending', async () => {
    const owner = await newApplicant(t);
    const filed = await submitApplication(t, owner.token, applicationBody(authority));
    const other = await newApplicant(t);
    const response = await t.request(`/v1/registration-applications/${filed.body.id}/withdraw`, { method: 'POST', token: other.token });
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('NOT_FOUND');
    const notAnId = await t.request('/v1/registration-applications/not-a-uuid/withdraw', { method: 'POST', token: other.token });
    expect(notAnId.status).toBe(404);
    const unknown = await t.request(`/v1/registration-applications/${randomUUID()}/withdraw`, { method: 'POST', token: other.token });
    expect(unknown.status).toBe(404);
    const [row] = await t.dataSource.query('SELECT status, version FROM registration_application WHERE id = $1', [filed.body.id]);
    expect(row).toEqual({ status: 'pending', version: 1 });
  });

  it('lists the authorities of a division for the form (图10), active ones only', async () => {
    const inactive = await createAuthority(t.dataSource, { divisionCode: '210311', active: false });
    const { token } = await newApplicant(t);
    const response = await t.request('/v1/registration-authorities?divisionCode=210311', { token });
    expect(response.status).toBe(200);
    const codes = response.body.authorities.map((a: { code: string }) => a.code);
    expect(codes).toContain(authority.code);
    expect(codes).not.toContain(inactive.code);
    expect(response.body.authorities.find((a: { code: string }) => a.code === authority.code)).toEqual({
      code: authority.code, name: authority.name, divisionCode: '210311', divisionName: '辽宁省鞍山市千山区', level: 'county',
    });
    expect((await t.request('/v1/registration-authorities?divisionCode=21031', { token })).status).toBe(400);
    expect((await t.request('/v1/registration-authorities')).status).toBe(401);
  });
});
