import { randomUUID } from 'node:crypto';
import { AuditService } from '../../src/audit/audit.service';
import { AuditEventsRepository } from '../../src/audit/audit-events.repository';
import { AuditScope } from '../../src/audit/audit-scope';
import { DEV_PLATFORM_CLIENT_ID } from '../../src/dev-platform/dev-platform-claims';
import { OrganizationEntity } from '../../src/registry/entities/organization.entity';
import { RegistrationAuthorityEntity } from '../../src/registry/entities/registration-authority.entity';
import { sealedThrough } from '../support/audit';
import { createAuthority, createOrganization, fakeSubject } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const DTO_KEYS = ['action', 'actor', 'actorKind', 'chainHash', 'clientIpMasked', 'details', 'id', 'occurredAt', 'outcome', 'reason', 'requestId', 'targetId', 'targetType'];

/** GET /v1/audit-events: operator search of the audit trail, and the scoped query layer under it. */
describe('GET /v1/audit-events', () => {
  let t: TestApp;
  let operator: string;
  let authority: RegistrationAuthorityEntity;
  let otherAuthority: RegistrationAuthorityEntity;
  let organization: OrganizationEntity;
  let otherOrganization: OrganizationEntity;
  const binder = fakeSubject('binder');
  const latecomer = fakeSubject('latecomer');
  const requestId = `audit-spec-${randomUUID()}`;

  async function resolve(sub: string, org: OrganizationEntity, headers: Record<string, string> = {}) {
    const token = await t.mint({ sub, userType: 'legal_person', uscc: org.uscc!, name: org.name });
    return t.request('/v1/resolutions', { method: 'POST', token, headers });
  }

  async function list(query: string, token = operator) {
    return t.request(`/v1/audit-events${query ? `?${query}` : ''}`, { token });
  }

  beforeAll(async () => {
    t = await startTestApp();
    operator = await t.mint({ sub: 'operator-console', userType: 'service', scope: 'orgbind:operator' });
    authority = await createAuthority(t.dataSource);
    otherAuthority = await createAuthority(t.dataSource);
    organization = await createOrganization(t.dataSource, { authorityCode: authority.code });
    otherOrganization = await createOrganization(t.dataSource, { authorityCode: otherAuthority.code });
    expect((await resolve(binder, organization, { 'x-request-id': requestId })).body.status).toBe('BOUND');
    expect((await resolve(latecomer, organization)).body.status).toBe('LEGAL_PERSON_ALREADY_BOUND');
    expect((await resolve(fakeSubject(), otherOrganization)).body.status).toBe('BOUND');
  });
  afterAll(async () => {
    await t.close();
  });

  it('requires a service token with the operator scope', async () => {
    expect((await list('')).status).toBe(200);
    const missing = await t.request('/v1/audit-events');
    expect([missing.status, missing.body.code]).toEqual([401, 'TOKEN_MISSING']);
    const feedReader = await t.mint({ sub: 'management-system', userType: 'service', scope: 'orgbind:events.read' });
    expect((await list('', feedReader)).body.code).toBe('FORBIDDEN');
    const user = await t.mint({ sub: fakeSubject(), userType: 'natural_person' });
    expect((await list('', user)).status).toBe(403);
  });

  it('filters by organization, newest first, as response DTOs with the masked client IP as stored', async () => {
    const response = await list(`organizationId=${organization.id}`);
    expect(response.status).toBe(200);
    const { events } = response.body;
    expect(events.map((e: { action: string; reason: string | null }) => [e.action, e.reason])).toEqual([
      ['resolution.resolved', 'LEGAL_PERSON_ALREADY_BOUND'],
      ['resolution.resolved', 'BOUND'],
      ['binding.created', null],
    ]);
    expect(response.body).toMatchObject({ order: 'desc', hasMore: false, nextCursor: events[2].id });
    for (const event of events) {
      expect(Object.keys(event).sort()).toEqual(DTO_KEYS);
      expect(event).toMatchObject({ targetType: 'organization', targetId: organization.id, actorKind: 'platform_user', clientIpMasked: '127.0.0.*' });
      expect(event.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    }
    expect(events[2]).toMatchObject({ actor: `${t.platform.issuer}|${binder}`, outcome: 'success', requestId, details: { kind: 'legal_person' } });
    expect(events[0]).toMatchObject({ actor: `${t.platform.issuer}|${latecomer}`, outcome: 'failure', details: { userType: 'legal_person' } });
  });

  it('filters by platform account (actor), action (exact or family), outcome', async () => {
    const byBinder = await list(`actor=${encodeURIComponent(`${t.platform.issuer}|${binder}`)}`);
    expect(byBinder.body.events.map((e: { action: string }) => e.action)).toEqual(['resolution.resolved', 'binding.created']);
    const failures = await list(`organizationId=${organization.id}&action=resolution.resolved&outcome=failure`);
    expect(failures.body.events.map((e: { reason: string }) => e.reason)).toEqual(['LEGAL_PERSON_ALREADY_BOUND']);
    const family = await list(`organizationId=${organization.id}&action=binding.*`);
    expect(family.body.events.map((e: { action: string }) => e.action)).toEqual(['binding.created']);
    expect((await list(`organizationId=${organization.id}&action=binding`)).body.events).toEqual([]);
  });

  it('filters by a time range to the microsecond (from inclusive, to exclusive)', async () => {
    const all = (await list(`organizationId=${organization.id}&order=asc`)).body.events;
    const [first, second, third] = all.map((e: { occurredAt: string }) => e.occurredAt);
    const from = await list(`organizationId=${organization.id}&order=asc&from=${encodeURIComponent(second)}`);
    expect(from.body.events.map((e: { id: string }) => e.id)).toEqual(all.slice(1).map((e: { id: string }) => e.id));
    const range = await list(`organizationId=${organization.id}&order=asc&from=${encodeURIComponent(first)}&to=${encodeURIComponent(third)}`);
    expect(range.body.events.map((e: { id: string }) => e.id)).toEqual(all.slice(0, 2).map((e: { id: string }) => e.id));
    const later = new Date(Date.parse(third) + 60_000).toISOString().replace('Z', '+00:00');
    expect((await list(`organizationId=${organization.id}&from=${encodeURIComponent(later)}`)).body.events).toEqual([]);
  });

  it('pages by cursor, newest first or oldest first, without skipping or repeating', async () => {
    const all = (await list(`organizationId=${organization.id}`)).body.events.map((e: { id: string }) => e.id);
    for (const order of ['desc', 'asc'] as const) {
      const seen: string[] = [];
      let cursor = '';
      for (let page = 0; page < 10; page++) {
        const response = await list(`organizationId=${organization.id}&order=${order}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...response.body.events.map((e: { id: string }) => e.id));
        cursor = response.body.nextCursor;
        if (!response.body.hasMore) break;
      }
      expect(seen).toEqual(order === 'desc' ? all : [...all].reverse());
      const empty = await list(`organizationId=${organization.id}&order=${order}&cursor=${cursor}`);
      expect(empty.body).toMatchObject({ events: [], hasMore: false, nextCursor: cursor });
    }
  });

  it('shows each event\'s hash in the chain once sealed', async () => {
    const events = (await list(`organizationId=${organization.id}`)).body.events;
    await sealedThrough(t, events[0].id);
    const sealed = (await list(`organizationId=${organization.id}`)).body.events;
    const seals = await t.dataSource.query('SELECT event_id::text AS id, hash FROM audit_seal WHERE event_id = ANY($1::bigint[])', [sealed.map((e: { id: string }) => e.id)]);
    expect(sealed.map((e: { id: string; chainHash: string }) => [e.id, e.chainHash]).sort()).toEqual(seals.map((s: { id: string; hash: string }) => [s.id, s.hash]).sort());
  });

  it('rejects malformed filters with one field error each', async () => {
    const response = await t.request(
      '/v1/audit-events?organizationId=abc&action=Binding*&outcome=maybe&from=2026-13-01T00:00:00Z&cursor=-1&limit=0&order=sideways&extra=1',
      { token: operator, headers: { 'accept-language': 'en' } },
    );
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect([...new Set(response.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(['action', 'cursor', 'extra', 'from', 'limit', 'order', 'organizationId', 'outcome']);
    const week = await list('from=2026-W48-1');
    expect(week.body.errors.map((e: { field: string }) => e.field)).toEqual(['from']);
    const backwards = await t.request('/v1/audit-events?from=2026-11-29T08:00:00%2B08:00&to=2026-11-29T00:00:00Z', { token: operator, headers: { 'accept-language': 'en' } });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors).toEqual([{ field: 'to', code: 'isLaterThan', message: 'must be later than the start of the range' }]);
  });

  it('audits each search: who looked, at what', async () => {
    const marker = randomUUID();
    const response = await list(`organizationId=${organization.id}&action=binding.*&actor=${marker}`);
    expect(response.status).toBe(200);
    const [event] = await t.dataSource.query(
      "SELECT actor_kind, actor, target_type, target_id, outcome, request_id, details FROM audit_event WHERE action = 'audit.events_listed' AND details->'filters' ? $1",
      [`actor=${marker}`],
    );
    expect(event).toEqual({
      actor_kind: 'service',
      actor: DEV_PLATFORM_CLIENT_ID,
      target_type: 'audit_trail',
      target_id: null,
      outcome: 'success',
      request_id: response.headers.get('x-request-id'),
      details: { scope: 'all', filters: [`organizationId=${organization.id}`, `actor=${marker}`, 'action=binding.*'], order: 'desc', cursor: null, returned: 0 },
    });
  });

  describe('scoped query layer (registrar view plugs in here)', () => {
    const page = { order: 'desc' as const, limit: 200 };

    it('sees only events about organizations of the given authorities, and about those authorities', async () => {
      const repository = t.app.get(AuditEventsRepository);
      await t.app.get(AuditService).record({ actorKind: 'operator', actor: 'test', action: 'test.authority_touched', targetType: 'registration_authority', targetId: authority.code, outcome: 'success' });
      const scoped = await repository.findPage(AuditScope.authorities([authority.code]), {}, page);
      expect(scoped.events.length).toBe(4);
      expect(new Set(scoped.events.map((e) => e.targetId))).toEqual(new Set([organization.id, authority.code]));
      const other = await repository.findPage(AuditScope.authorities([otherAuthority.code]), {}, page);
      expect(other.events.map((e) => [e.targetId, e.action])).toEqual([[otherOrganization.id, 'resolution.resolved'], [otherOrganization.id, 'binding.created']]);
      const both = await repository.findPage(AuditScope.authorities([authority.code, otherAuthority.code]), { action: 'binding.*' }, page);
      expect(both.events.map((e) => e.targetId).sort()).toEqual([organization.id, otherOrganization.id].sort());
    });

    it('an organization outside the scope stays invisible even when asked for by id; no authorities sees nothing', async () => {
      const repository = t.app.get(AuditEventsRepository);
      expect((await repository.findPage(AuditScope.authorities([authority.code]), { organizationId: otherOrganization.id }, page)).events).toEqual([]);
      expect((await repository.findPage(AuditScope.authorities([]), {}, page)).events).toEqual([]);
      const everything = await repository.findPage(AuditScope.all(), { organizationId: otherOrganization.id }, page);
      expect(everything.events).toHaveLength(2);
    });
  });
});
