import { randomUUID } from 'node:crypto';
import { BindingEntity } from '../../src/bindings/binding.entity';
import { OrganizationEntity } from '../../src/registry/entities/organization.entity';
import { boundNaturalPersonUser, serviceToken } from '../support/accounts';
import { createAuthority, createOrganization, fakeOrganizationName, fakeUscc } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** PUT /v1/organizations/{externalId}: the management system syncs its registry records. */
describe('PUT /v1/organizations/{externalId} (registry sync)', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp({ LIFECYCLE_SWEEP_INTERVAL_SECONDS: '0' });
    token = await serviceToken(t, 'orgbind:registry.write');
  });
  afterAll(async () => {
    await t.close();
  });

  const externalId = () => `MGMT-${randomUUID()}`;
  const put = (id: string, json: unknown, headers: Record<string, string> = {}) =>
    t.request(`/v1/organizations/${encodeURIComponent(id)}`, { method: 'PUT', token, json, headers });
  const eventsOf = (organizationId: string) =>
    t.dataSource.query('SELECT type, data FROM outbox_event WHERE aggregate_type = $1 AND aggregate_id = $2 ORDER BY id', ['organization', organizationId]);

  it('refuses a missing token (401), a user token and a token without the scope (403)', async () => {
    const body = { name: fakeOrganizationName(), type: 'social_group', status: 'in_formation' };
    expect((await t.request(`/v1/organizations/${externalId()}`, { method: 'PUT', json: body })).body.code).toBe('TOKEN_MISSING');
    const user = await t.mint({ sub: 'someone', userType: 'natural_person' });
    expect((await t.request(`/v1/organizations/${externalId()}`, { method: 'PUT', json: body, token: user })).status).toBe(403);
    const events = await serviceToken(t, 'orgbind:events.read');
    const forbidden = await t.request(`/v1/organizations/${externalId()}`, { method: 'PUT', json: body, token: events });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('FORBIDDEN');
  });

  it('creates (201), then the same body again changes nothing: no new version, no event (200 unchanged)', async () => {
    const authority = await createAuthority(t.dataSource, { divisionCode: '210300' });
    const id = externalId();
    const body = { name: fakeOrganizationName(), type: 'social_group', status: 'established', uscc: fakeUscc(), authorityCode: authority.code, establishedAt: '2024-05-01' };
    const created = await put(id, body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      outcome: 'created',
      transition: null,
      warnings: [],
      organization: { externalId: id, name: body.name, uscc: body.uscc, status: 'established', authorityCode: authority.code, divisionCode: '210300', establishedAt: '2024-05-01', deregisteredAt: null, version: 1 },
    });
    const again = await put(id, body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ outcome: 'unchanged', changedFields: [], organization: { id: created.body.organization.id, version: 1 } });
    expect(again.body.organization.updatedAt).toBe(created.body.organization.updatedAt);
    const events = await eventsOf(created.body.organization.id);
    expect(events.map((e: { type: string }) => e.type)).toEqual(['organization.upserted']);
    const audit = await t.dataSource.query(`SELECT action, actor_kind FROM audit_event WHERE target_type = 'organization' AND target_id = $1`, [created.body.organization.id]);
    expect(audit).toEqual([{ action: 'organization.created', actor_kind: 'service' }]);
  });

  it('renames keep the bindings (they are keyed by organization) and bump the version once', async () => {
    const id = externalId();
    const body = { name: fakeOrganizationName(), type: 'social_group', status: 'in_formation' };
    const created = await put(id, body);
    const organizationId = created.body.organization.id;
    const user = await boundNaturalPersonUser(t, organizationId);
    const renamed = await put(id, { ...body, name: fakeOrganizationName('商会') });
    expect(renamed.body).toMatchObject({ outcome: 'updated', changedFields: ['name'], organization: { id: organizationId, version: 2 } });
    const binding = await t.dataSource.getRepository(BindingEntity).findOneByOrFail({ id: user.bindingId });
    expect(binding).toMatchObject({ status: 'active', organizationId });
    const resolution = await t.request('/v1/resolutions', { method: 'POST', token: user.token });
    expect(resolution.body).toMatchObject({ status: 'BOUND', organization: { id: organizationId, name: renamed.body.organization.name } });
    const events = await eventsOf(organizationId);
    expect(events.at(-1)).toMatchObject({ type: 'organization.upserted', data: { operation: 'updated', changedFields: ['name'], version: 2 } });
  });

  it('adopts a record imported with the same USCC and no external id instead of duplicating it', async () => {
    const imported = await createOrganization(t.dataSource);
    const id = externalId();
    const response = await put(id, { name: imported.name, type: 'social_group', status: 'established', uscc: imported.uscc, divisionCode: '210300' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ outcome: 'updated', changedFields: ['externalId'], organization: { id: imported.id, externalId: id } });
    expect(await t.dataSource.getRepository(OrganizationEntity).countBy({ uscc: imported.uscc! })).toBe(1);
  });

  it('409 USCC_ALREADY_REGISTERED when another synced organization holds the code', async () => {
    const uscc = fakeUscc();
    await put(externalId(), { name: fakeOrganizationName(), type: 'social_group', status: 'established', uscc });
    const other = await put(externalId(), { name: fakeOrganizationName(), type: 'social_group', status: 'established', uscc });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('USCC_ALREADY_REGISTERED');
    expect(other.body.detail).toContain(uscc);
    // An existing record taking a code held by another: the unique index decides.
    const mine = await put(externalId(), { name: fakeOrganizationName(), type: 'social_group', status: 'in_formation' });
    const update = await put(mine.body.organization.externalId, { name: mine.body.organization.name, type: 'social_group', status: 'in_formation', uscc });
    expect(update.status).toBe(409);
    expect(update.body.code).toBe('USCC_ALREADY_REGISTERED');
  });

  it('422 USCC_INVALID for a code of the wrong length; a failing check character is kept with a warning (registry data is authoritative)', async () => {
    const short = await put(externalId(), { name: fakeOrganizationName(), type: 'social_group', status: 'established', uscc: '5121030' });
    expect(short.status).toBe(422);
    expect(short.body).toMatchObject({ code: 'USCC_INVALID', usccCheck: { rule: 'LENGTH' } });
    const valid = fakeUscc();
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const kept = await put(externalId(), { name: fakeOrganizationName(), type: 'social_group', status: 'established', uscc: wrongCheck.toLowerCase() }, { 'accept-language': 'en' });
    expect(kept.status).toBe(201);
    expect(kept.body.organization.uscc).toBe(wrongCheck);
    expect(kept.body.warnings.join('\n')).toMatch(/normalised/);
    expect(kept.body.warnings.join('\n')).toMatch(/CHECK_CHARACTER/);
  });

  it('422 REGISTRATION_AUTHORITY_NOT_FOUND for an unknown authority; nothing written', async () => {
    const id = externalId();
    const response = await put(id, { name: fakeOrganizationName(), type: 'foundation', status: 'in_formation', authorityCode: 'NO-SUCH-AUTHORITY' });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('REGISTRATION_AUTHORITY_NOT_FOUND');
    expect(await t.dataSource.getRepository(OrganizationEntity).countBy({ externalId: id })).toBe(0);
  });

  it('VALIDATION_FAILED lists every bad field: enums, USCC required when established, name, division, dates', async () => {
    const response = await put(externalId(), {
      name: ' 鞍山市\u200b协会',
      type: 'company',
      status: 'established',
      divisionCode: '110000',
      establishedAt: '2023-02-29',
      extra: 1,
    }, { 'accept-language': 'en' });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    const fields = response.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`);
    expect(fields).toEqual(expect.arrayContaining(['divisionCode:isLiaoningDivision', 'establishedAt:isDateOnly', 'extra:whitelistValidation', 'name:isCertificateName', 'type:isIn', 'uscc:isDefined']));
    expect(new Set(response.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['divisionCode', 'establishedAt', 'extra', 'name', 'type', 'uscc']));
    expect(response.body.errors.find((e: { code: string }) => e.code === 'isCertificateName').message).toMatch(/no leading\/trailing white space/);
    const future = await put(externalId(), { name: fakeOrganizationName(), type: 'social_group', status: 'established', uscc: fakeUscc(), establishedAt: '2999-01-01' });
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([expect.objectContaining({ field: 'establishedAt', code: 'notInFuture' })]);
    const badId = await t.request(`/v1/organizations/${encodeURIComponent('has space')}`, { method: 'PUT', token, json: { name: fakeOrganizationName(), type: 'social_group', status: 'in_formation' } });
    expect(badId.status).toBe(400);
    expect(badId.body.errors[0].field).toBe('externalId');
  });

  it('warns about half-width brackets in a certificate name but stores it exactly', async () => {
    const name = `鞍山市${randomUUID().slice(0, 6)}(社区)服务中心`;
    const response = await put(externalId(), { name, type: 'private_non_enterprise', status: 'in_formation' }, { 'accept-language': 'en' });
    expect(response.status).toBe(201);
    expect(response.body.organization.name).toBe(name);
    expect(response.body.warnings.some((w: string) => w.startsWith('name:') && w.includes('half-width'))).toBe(true);
  });

  it('a status change is a transition with its effects: established supersedes the natural-person bindings', async () => {
    const id = externalId();
    const body = { name: fakeOrganizationName(), type: 'social_group', status: 'in_formation' };
    const created = await put(id, body);
    const user = await boundNaturalPersonUser(t, created.body.organization.id);
    const uscc = fakeUscc();
    const established = await put(id, { ...body, status: 'established', uscc, establishedAt: '2025-06-30' });
    expect(established.body).toMatchObject({
      outcome: 'updated',
      transition: 'establish',
      changedFields: ['status', 'uscc', 'divisionCode', 'establishedAt'],
      effects: { supersededBindings: 1, revokedBindings: 0 },
    });
    expect((await t.dataSource.getRepository(BindingEntity).findOneByOrFail({ id: user.bindingId })).status).toBe('superseded');
    const resolution = await t.request('/v1/resolutions', { method: 'POST', token: user.token });
    expect(resolution.body).toMatchObject({ status: 'LEGAL_PERSON_ACCOUNT_REQUIRED', legalPersonAccount: { name: body.name, uscc } });
  });

  it('409 ORGANIZATION_TRANSITION_INVALID with the current status for a move the state machine refuses', async () => {
    const id = externalId();
    const uscc = fakeUscc();
    await put(id, { name: fakeOrganizationName(), type: 'social_group', status: 'established', uscc });
    const back = await put(id, { name: fakeOrganizationName(), type: 'social_group', status: 'in_formation', uscc }, { 'accept-language': 'en' });
    expect(back.status).toBe(409);
    expect(back.body).toMatchObject({ code: 'ORGANIZATION_TRANSITION_INVALID', currentStatus: 'established', requestedStatus: 'in_formation' });
    expect(back.body.detail).toContain('established');
  });

  it('concurrent first syncs of one external id create exactly one organization, no 5xx', async () => {
    const id = externalId();
    const body = { name: fakeOrganizationName(), type: 'social_group', status: 'in_formation' };
    const responses = await Promise.all(Array.from({ length: 10 }, () => put(id, body)));
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(await t.dataSource.getRepository(OrganizationEntity).countBy({ externalId: id })).toBe(1);
  });
});
