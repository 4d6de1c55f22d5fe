import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { importAuthorities } from '../../src/registry/import/authority-import';
import { RegistrationAuthorityEntity } from '../../src/registry/entities/registration-authority.entity';
import { registrarToken } from '../support/applications';
import { createAuthority, fakeSubject } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** The registrar roster through the operator API, and the authority import. */
describe('registrar roster (operator API)', () => {
  let t: TestApp;
  let operator: string;
  let qianshan: RegistrationAuthorityEntity;
  let anshan: RegistrationAuthorityEntity;

  beforeAll(async () => {
    t = await startTestApp();
    operator = await t.mint({ sub: 'operator-console', userType: 'service', scope: 'orgbind:operator' });
    qianshan = await createAuthority(t.dataSource, { divisionCode: '210311' });
    anshan = await createAuthority(t.dataSource, { divisionCode: '210300' });
  });
  afterAll(async () => {
    await t.close();
  });

  const add = (body: unknown, token = operator) => t.request('/v1/registrars', { method: 'POST', token, json: body });

  it('requires the operator scope: 401 without a token, 403 for users, other scopes and registrars themselves', async () => {
    expect((await t.request('/v1/registrars')).status).toBe(401);
    const user = await t.mint({ sub: fakeSubject(), userType: 'natural_person' });
    const management = await t.mint({ sub: 'management-system', userType: 'service', scope: 'orgbind:registry.write orgbind:events.read' });
    for (const token of [user, management]) {
      const response = await add({ issuer: t.platform.issuer, subject: fakeSubject(), authorityCodes: [qianshan.code] }, token);
      expect([response.status, response.body.code]).toEqual([403, 'FORBIDDEN']);
    }
  });

  it('adds a registrar (201), adds authorities to it (200), lists, assigns, unassigns and removes it, audited', async () => {
    const subject = fakeSubject('registrar');
    const created = await add({ issuer: t.platform.issuer, subject, authorityCodes: [qianshan.code] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ issuer: t.platform.issuer, subject, authorities: [{ code: qianshan.code, name: qianshan.name, divisionCode: '210311', active: true }] });
    const id = created.body.id;
    const token = await registrarToken(t, subject);
    expect((await t.request('/v1/review/statistics', { token })).body.authorities.map((a: { authorityCode: string }) => a.authorityCode)).toEqual([qianshan.code]);

    const again = await add({ issuer: t.platform.issuer, subject, authorityCodes: [qianshan.code, anshan.code] });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(id);
    expect(again.body.authorities.map((a: { code: string }) => a.code).sort()).toEqual([anshan.code, qianshan.code].sort());

    const listed = await t.request(`/v1/registrars?authorityCode=${anshan.code}`, { token: operator });
    expect(listed.body.registrars.map((r: { id: string }) => r.id)).toEqual([id]);
    expect((await t.request(`/v1/registrars/${id}`, { token: operator })).body.authorities).toHaveLength(2);

    expect((await t.request(`/v1/registrars/${id}/authorities/${qianshan.code}`, { method: 'DELETE', token: operator })).status).toBe(204);
    expect((await t.request('/v1/review/statistics', { token })).body.authorities.map((a: { authorityCode: string }) => a.authorityCode)).toEqual([anshan.code]);
    const reassigned = await t.request(`/v1/registrars/${id}/authorities/${qianshan.code}`, { method: 'PUT', token: operator });
    expect(reassigned.status).toBe(200);
    expect(reassigned.body.authorities).toHaveLength(2);

    expect((await t.request(`/v1/registrars/${id}`, { method: 'DELETE', token: operator })).status).toBe(204);
    expect((await t.request(`/v1/registrars/${id}`, { token: operator })).status).toBe(404);
    expect((await t.request('/v1/review/statistics', { token })).status).toBe(403);

    const audit = await t.dataSource.query(`SELECT action, actor_kind, actor, details FROM audit_event WHERE target_type = 'registrar' AND target_id = $1 ORDER BY id`, [id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['registrar.created', 'registrar.authorities_added', 'registrar.authority_removed', 'registrar.authorities_added', 'registrar.removed']);
    expect(audit[0]).toMatchObject({ actor_kind: 'service', details: { authorityCodes: [qianshan.code] } });
  });

  it('removing the last authority takes the registrar off the roster', async () => {
    const created = await add({ issuer: t.platform.issuer, subject: fakeSubject('registrar'), authorityCodes: [qianshan.code] });
    expect((await t.request(`/v1/registrars/${created.body.id}/authorities/${qianshan.code}`, { method: 'DELETE', token: operator })).status).toBe(204);
    expect((await t.request(`/v1/registrars/${created.body.id}`, { token: operator })).status).toBe(404);
    expect((await t.request(`/v1/registrars/${created.body.id}/authorities/${qianshan.code}`, { method: 'DELETE', token: operator })).status).toBe(404);
  });

  it('refuses unknown authorities (422, nothing written) and malformed bodies (400)', async () => {
    const subject = fakeSubject('registrar');
    const unknown = await add({ issuer: t.platform.issuer, subject, authorityCodes: [qianshan.code, 'NO-SUCH'] });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: 'AUTHORITY_NOT_FOUND', authorityCodes: ['NO-SUCH'] });
    const [{ count }] = await t.dataSource.query('SELECT count(*)::int AS count FROM registrar WHERE subject = $1', [subject]);
    expect(count).toBe(0);
    const malformed = await add({ issuer: '', subject: 'has space', authorityCodes: [] });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['authorityCodes', 'issuer', 'subject']);
    expect((await t.request(`/v1/registrars/${randomUUID()}/authorities/${qianshan.code}`, { method: 'PUT', token: operator })).status).toBe(404);
    expect((await t.request(`/v1/registrars/not-an-id`, { token: operator })).status).toBe(404);
  });

  it('answers a path authority code that is no code (a NUL, lower case) as an unknown one, never 500 (found by the fuzzer)', async () => {
    const created = await add({ issuer: t.platform.issuer, subject: fakeSubject('registrar'), authorityCodes: [qianshan.code] });
    for (const code of ['%00', 'mz-210311', 'MZ%00-1']) {
      const assigned = await t.request(`/v1/registrars/${created.body.id}/authorities/${code}`, { method: 'PUT', token: operator });
      expect(assigned.status).toBe(422);
      expect(assigned.body).toMatchObject({ code: 'AUTHORITY_NOT_FOUND', authorityCodes: [decodeURIComponent(code)] });
      expect((await t.request(`/v1/registrars/${created.body.id}/authorities/${code}`, { method: 'DELETE', token: operator })).status).toBe(404);
    }
    expect((await t.request(`/v1/registrars/${created.body.id}`, { token: operator })).body.authorities).toHaveLength(1);
  });

  it('concurrent additions of one account create one registrar', async () => {
    const subject = fakeSubject('registrar');
    const responses = await Promise.all(Array.from({ length: 8 }, () => add({ issuer: t.platform.issuer, subject, authorityCodes: [qianshan.code, anshan.code] })));
    expect(responses.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    const [{ count }] = await t.dataSource.query('SELECT count(*)::int AS count FROM registrar_authority ra JOIN registrar r ON r.id = ra.registrar_id WHERE r.subject = $1', [subject]);
    expect(count).toBe(2);
  });
});

describe('authority import', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('imports the shipped sample (115 authorities), idempotently, with 鞍山市千山区民政局 as MZ-210311', async () => {
    const file = 'registration-authorities.tsv';
    const bytes = readFileSync(path.resolve(__dirname, '../../sample-data', file));
    const first = await importAuthorities(t.dataSource, bytes, { file, actor: 'test' });
    expect(first.rows).toBe(115);
    expect(first.rejected).toEqual([]);
    expect(first.imported + first.updated + first.unchanged).toBe(115);
    const second = await importAuthorities(t.dataSource, bytes, { file, actor: 'test' });
    expect(second).toMatchObject({ imported: 0, updated: 0, unchanged: 115 });
    const [row] = await t.dataSource.query(`SELECT name, division_code, level, active FROM registration_authority WHERE code = 'MZ-210311'`);
    expect(row).toEqual({ name: '鞍山市千山区民政局', division_code: '210311', level: 'county', active: true });
  });

  it('reports rejected rows by line, updates and deactivates by code, all in one audited transaction', async () => {
    const code = `T-${randomUUID().slice(0, 8).toUpperCase()}`;
    const csv = ['code,name,division_code,level,active', `${code},鞍山市审批局,210300,city,true`, `${code},重复,210300,,`, 'BAD CODE,x,210300,,', `${code}-2,北京市民政局,110000,,`].join('\n');
    const report = await importAuthorities(t.dataSource, new TextEncoder().encode(csv), { file: 'a.csv', actor: 'test' });
    expect(report.imported).toBe(1);
    expect(report.rejected.map((r) => r.line)).toEqual([3, 4, 5]);
    const update = await importAuthorities(t.dataSource, new TextEncoder().encode(`code,name,division_code,active\n${code},鞍山市行政审批局,210300,false\n`), { file: 'b.csv', actor: 'test' });
    expect(update.updated).toBe(1);
    const [row] = await t.dataSource.query('SELECT name, active FROM registration_authority WHERE code = $1', [code]);
    expect(row).toEqual({ name: '鞍山市行政审批局', active: false });
    const audit = await t.dataSource.query(`SELECT details FROM audit_event WHERE action = 'registry.authorities_imported' AND details->>'file' = 'b.csv'`);
    expect(audit).toHaveLength(1);
  });
});
