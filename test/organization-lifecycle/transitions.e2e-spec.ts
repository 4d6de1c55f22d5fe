import { randomUUID } from 'node:crypto';
import { BindingEntity } from '../../src/bindings/binding.entity';
import { OrganizationEntity } from '../../src/registry/entities/organization.entity';
import { SessionEntity } from '../../src/sessions/session.entity';
import { boundNaturalPersonUser, CHROME_ON_WINDOWS, legalPersonUser, serviceToken } from '../support/accounts';
import { createOrganization, fakeOrganizationName, fakeUscc } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** Establishment and deregistration: one spec per transition and per effect. */
describe('POST /v1/organizations/{id}/establishment and /deregistration', () => {
  let t: TestApp;
  let registry: string;

  beforeAll(async () => {
    t = await startTestApp({ LIFECYCLE_SWEEP_INTERVAL_SECONDS: '0' });
    registry = await serviceToken(t, 'orgbind:registry.write');
  });
  afterAll(async () => {
    await t.close();
  });

  const establish = (id: string, json: unknown, headers: Record<string, string> = {}) =>
    t.request(`/v1/organizations/${id}/establishment`, { method: 'POST', token: registry, json, headers });
  const deregister = (id: string, json: unknown = {}) => t.request(`/v1/organizations/${id}/deregistration`, { method: 'POST', token: registry, json });
  const resolve = (token: string) => t.request('/v1/resolutions', { method: 'POST', token });
  const openSession = (token: string, json: Record<string, unknown> = {}) =>
    t.request('/v1/sessions', { method: 'POST', token, json: { clientIp: '203.0.113.7', userAgent: CHROME_ON_WINDOWS, ...json } });
  const binding = (id: string) => t.dataSource.getRepository(BindingEntity).findOneByOrFail({ id });
  const session = (id: string) => t.dataSource.getRepository(SessionEntity).findOneByOrFail({ id });
  const inFormation = () => createOrganization(t.dataSource, { status: 'in_formation', uscc: null, externalId: `MGMT-${randomUUID()}` });

  describe('establishment (in_formation → established)', () => {
    it('supersedes the natural-person bindings, ends their sessions, and records events and audit in one go', async () => {
      const organization = await inFormation();
      const legacy = await boundNaturalPersonUser(t, organization.id, 'legacy_account');
      const opened = await openSession(legacy.token);
      expect(opened.status).toBe(201);
      const uscc = fakeUscc();
      const certificateName = fakeOrganizationName('联合会');
      const requestId = `establish-${randomUUID()}`;
      const response = await establish(organization.id, { uscc, certificateName, establishedAt: '2025-09-01' }, { 'x-request-id': requestId });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        outcome: 'updated',
        transition: 'establish',
        changedFields: ['name', 'status', 'uscc', 'establishedAt'],
        organization: { id: organization.id, status: 'established', uscc, name: certificateName, establishedAt: '2025-09-01', version: 2 },
        effects: { supersededBindings: 1, scheduledSupersessions: 0, revokedBindings: 0, endedSessions: 1, supersedeAt: null },
      });
      expect(await binding(legacy.bindingId)).toMatchObject({ status: 'superseded', endedReason: 'organization_established' });
      expect(await session(opened.body.id)).toMatchObject({ status: 'ended', endReason: 'binding_superseded' });

      const events = await t.dataSource.query(
        `SELECT type, aggregate_id, data FROM outbox_event WHERE aggregate_id = ANY($1) ORDER BY id`,
        [[organization.id, legacy.bindingId, opened.body.id]],
      );
      expect(events.map((e: { type: string }) => e.type)).toEqual(['session.started', 'organization.established', 'binding.superseded', 'session.ended']);
      expect(events[1].data).toMatchObject({ organizationId: organization.id, uscc, name: certificateName, supersedeAt: null });
      expect(events[3].data).toMatchObject({ sessionId: opened.body.id, reason: 'binding_superseded' });
      const audit = await t.dataSource.query(`SELECT action FROM audit_event WHERE request_id = $1 ORDER BY id`, [requestId]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['organization.established', 'binding.superseded', 'session.ended']);
    });

    it('the natural-person user is told to register a legal-person user with the certificate name and USCC; the legal-person user then binds to the same record', async () => {
      const organization = await inFormation();
      const applicant = await boundNaturalPersonUser(t, organization.id, 'application');
      expect((await resolve(applicant.token)).body.status).toBe('BOUND');
      const uscc = fakeUscc();
      const certificateName = fakeOrganizationName('研究会');
      await establish(organization.id, { uscc, certificateName, establishedAt: '2025-09-01' });

      const told = await resolve(applicant.token);
      expect(told.body).toMatchObject({
        status: 'LEGAL_PERSON_ACCOUNT_REQUIRED',
        organization: { id: organization.id, status: 'established', name: certificateName, uscc },
        legalPersonAccount: { name: certificateName, uscc },
      });
      expect(told.body.message).toContain(certificateName);
      expect(told.body.message).toContain(uscc);
      expect((await openSession(applicant.token)).body).toMatchObject({ status: 403, code: 'SESSION_REQUIRES_BOUND_ACCOUNT', resolution: { status: 'LEGAL_PERSON_ACCOUNT_REQUIRED' } });

      const legal = await legalPersonUser(t, { name: certificateName, uscc });
      const bound = await resolve(legal.token);
      expect(bound.body).toMatchObject({ status: 'BOUND', organization: { id: organization.id }, binding: { kind: 'legal_person' } });
      expect(await t.dataSource.getRepository(OrganizationEntity).countBy({ uscc })).toBe(1);
      expect((await openSession(legal.token)).status).toBe(201);
    });

    it('a natural-person user still told after the legal-person user bound (the superseded binding is remembered)', async () => {
      const organization = await inFormation();
      const legacy = await boundNaturalPersonUser(t, organization.id);
      const uscc = fakeUscc();
      await establish(organization.id, { uscc, certificateName: organization.name, establishedAt: '2025-01-02' });
      await resolve((await legalPersonUser(t, { name: organization.name, uscc })).token);
      expect((await resolve(legacy.token)).body.status).toBe('LEGAL_PERSON_ACCOUNT_REQUIRED');
    });

    it('repeating the same establishment answers unchanged (safe retry), no second event', async () => {
      const organization = await inFormation();
      const body = { uscc: fakeUscc(), certificateName: organization.name, establishedAt: '2025-03-04' };
      expect((await establish(organization.id, body)).body.outcome).toBe('updated');
      const again = await establish(organization.id, body);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ outcome: 'unchanged', transition: null, organization: { version: 2 } });
      const events = await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox_event WHERE type = 'organization.established' AND aggregate_id = $1`, [organization.id]);
      expect(events[0].n).toBe(1);
    });

    it('422 USCC_INVALID names the failing rule (strict: a new certificate has correct check characters); nothing changes', async () => {
      const organization = await inFormation();
      const valid = fakeUscc();
      const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
      const response = await establish(organization.id, { uscc: wrongCheck, certificateName: organization.name, establishedAt: '2025-01-01' });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'USCC_INVALID', usccCheck: { rule: 'CHECK_CHARACTER', position: 18, expected: valid[17], actual: wrongCheck[17] } });
      expect(response.body.detail).toContain(wrongCheck);
      expect((await t.dataSource.getRepository(OrganizationEntity).findOneByOrFail({ id: organization.id })).status).toBe('in_formation');
    });

    it('409 USCC_ALREADY_REGISTERED when another organization holds the code; the bindings stay', async () => {
      const other = await createOrganization(t.dataSource);
      const organization = await inFormation();
      const legacy = await boundNaturalPersonUser(t, organization.id);
      const response = await establish(organization.id, { uscc: other.uscc, certificateName: organization.name, establishedAt: '2025-01-01' });
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('USCC_ALREADY_REGISTERED');
      expect((await binding(legacy.bindingId)).status).toBe('active');
    });

    it('409 ORGANIZATION_TRANSITION_INVALID with the current status for a deregistered organization', async () => {
      const organization = await createOrganization(t.dataSource, { status: 'deregistered', uscc: null });
      const response = await establish(organization.id, { uscc: fakeUscc(), certificateName: organization.name, establishedAt: '2025-01-01' });
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code: 'ORGANIZATION_TRANSITION_INVALID', currentStatus: 'deregistered', requestedStatus: 'established', organizationId: organization.id });
    });

    it('409 for an organization already established with other data (e.g. another USCC)', async () => {
      const organization = await createOrganization(t.dataSource);
      const response = await establish(organization.id, { uscc: fakeUscc(), certificateName: organization.name, establishedAt: '2025-01-01' });
      expect(response.status).toBe(409);
      expect(response.body.currentStatus).toBe('established');
    });

    it('404 for an unknown organization, 400 for a malformed id or body', async () => {
      expect((await establish(randomUUID(), { uscc: fakeUscc(), certificateName: '鞍山市某协会', establishedAt: '2025-01-01' })).status).toBe(404);
      const badId = await establish('not-a-uuid', { uscc: fakeUscc(), certificateName: '鞍山市某协会', establishedAt: '2025-01-01' });
      expect(badId.status).toBe(400);
      expect(badId.body.errors.map((e: { field: string }) => e.field)).toEqual(['id']);
      const bad = await establish(randomUUID(), { uscc: 5, certificateName: '', establishedAt: 'yesterday' });
      expect(bad.status).toBe(400);
      expect(new Set(bad.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['uscc', 'certificateName', 'establishedAt']));
    });
  });

  describe('deregistration (→ deregistered)', () => {
    it('revokes every binding, ends the session, and deregistered users are told so (legal and natural person)', async () => {
      const organization = await inFormation();
      const legacy = await boundNaturalPersonUser(t, organization.id);
      const uscc = fakeUscc();
      await establish(organization.id, { uscc, certificateName: organization.name, establishedAt: '2024-01-01' });
      const legal = await legalPersonUser(t, { name: organization.name, uscc });
      const opened = await openSession(legal.token);
      expect(opened.status).toBe(201);
      const response = await deregister(organization.id, { deregisteredAt: '2026-01-15' });
      expect(response.body).toMatchObject({
        outcome: 'updated',
        transition: 'deregister',
        organization: { status: 'deregistered', deregisteredAt: '2026-01-15', uscc },
        effects: { revokedBindings: 1, endedSessions: 1 },
      });
      const bindings = await t.dataSource.getRepository(BindingEntity).findBy({ organizationId: organization.id });
      expect(bindings.map((b) => `${b.kind}:${b.status}`).sort()).toEqual(['legacy_account:superseded', 'legal_person:revoked']);
      expect(await session(opened.body.id)).toMatchObject({ status: 'ended', endReason: 'organization_deregistered' });
      const check = await t.request(`/v1/sessions/${opened.body.id}`, { token: legal.token });
      expect(check.body).toMatchObject({ status: 'ended', endReason: 'organization_deregistered' });
      expect((await resolve(legal.token)).body).toMatchObject({ status: 'ORGANIZATION_DEREGISTERED', organization: { id: organization.id } });
      expect((await resolve(legacy.token)).body).toMatchObject({ status: 'ORGANIZATION_DEREGISTERED', organization: { id: organization.id } });
      expect((await openSession(legal.token)).body).toMatchObject({ code: 'SESSION_REQUIRES_BOUND_ACCOUNT', resolution: { status: 'ORGANIZATION_DEREGISTERED' } });
      const events = await t.dataSource.query(`SELECT type FROM outbox_event WHERE aggregate_id = ANY($1) ORDER BY id`, [[organization.id, ...bindings.map((b) => b.id)]]);
      expect(events.map((e: { type: string }) => e.type)).toEqual(['organization.established', 'binding.superseded', 'binding.created', 'organization.deregistered', 'binding.revoked']);
    });

    it('an organization in formation can be deregistered: its natural-person binding is revoked', async () => {
      const organization = await inFormation();
      const legacy = await boundNaturalPersonUser(t, organization.id);
      const response = await deregister(organization.id);
      expect(response.body).toMatchObject({ transition: 'deregister', organization: { status: 'deregistered', deregisteredAt: null }, effects: { revokedBindings: 1 } });
      expect(await binding(legacy.bindingId)).toMatchObject({ status: 'revoked', endedReason: 'organization_deregistered' });
      expect((await resolve(legacy.token)).body.status).toBe('ORGANIZATION_DEREGISTERED');
    });

    it('repeating answers unchanged; a deregistration date before establishment is refused', async () => {
      const organization = await inFormation();
      expect((await deregister(organization.id)).body.outcome).toBe('updated');
      expect((await deregister(organization.id)).body).toMatchObject({ outcome: 'unchanged', organization: { version: 2 } });
      const established = await createOrganization(t.dataSource);
      await t.dataSource.query(`UPDATE organization SET established_at = '2025-05-05' WHERE id = $1`, [established.id]);
      const early = await deregister(established.id, { deregisteredAt: '2025-05-04' });
      expect(early.status).toBe(400);
      expect(early.body.errors).toEqual([expect.objectContaining({ field: 'deregisteredAt', code: 'notBeforeEstablishment' })]);
    });
  });

  it('establishment and a session opening racing for one organization never leave a session on a superseded binding', async () => {
    for (let round = 0; round < 5; round++) {
      const organization = await inFormation();
      const legacy = await boundNaturalPersonUser(t, organization.id);
      const [opened, established] = await Promise.all([
        openSession(legacy.token),
        establish(organization.id, { uscc: fakeUscc(), certificateName: organization.name, establishedAt: '2025-01-01' }),
      ]);
      expect(established.status).toBe(200);
      expect([201, 403]).toContain(opened.status);
      const active = await t.dataSource.query(`SELECT count(*)::int AS n FROM session WHERE organization_id = $1 AND ended_at IS NULL`, [organization.id]);
      expect(active[0].n).toBe(0);
    }
  });
});
