import { randomUUID } from 'node:crypto';
import { EventsService } from '../../src/events/events.service';
import { legalPersonUser } from '../support/accounts';
import { createLegacyAccount, createOrganization, fakeResidentId, fakeSubject } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** GET /v1/events: scope-protected, ordered, complete under concurrent writers. */
describe('GET /v1/events', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp();
    token = await t.mint({ sub: 'management-system', userType: 'service', scope: 'orgbind:events.read' });
  });
  afterAll(async () => {
    await t.close();
  });

  async function appendConcurrently(count: number, marker: string): Promise<void> {
    const events = t.app.get(EventsService);
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        t.dataSource.transaction(async (manager) => {
          await manager.query('SELECT pg_sleep($1)', [Math.random() * 0.02]);
          await events.append(manager, { type: 'test.happened', aggregateType: 'test', aggregateId: `${marker}-${i}`, data: { marker, i } });
          await manager.query('SELECT pg_sleep($1)', [Math.random() * 0.02]);
        }),
      ),
    );
  }

  async function readAll(after = '0'): Promise<{ cursor: string; aggregateId: string; data: { marker?: string } }[]> {
    const all = [];
    let cursor = after;
    for (;;) {
      const page = await t.request(`/v1/events?after=${cursor}&limit=7`, { token });
      expect(page.status).toBe(200);
      all.push(...page.body.events);
      cursor = page.body.nextCursor;
      if (!page.body.hasMore) return all;
    }
  }

  it('refuses a missing token (401), a user token without the scope (403)', async () => {
    expect((await t.request('/v1/events')).body.code).toBe('TOKEN_MISSING');
    const user = await t.mint({ sub: 'someone', userType: 'natural_person' });
    const forbidden = await t.request('/v1/events', { token: user });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('FORBIDDEN');
    const wrongScope = await t.mint({ sub: 'management-system', userType: 'service', scope: 'orgbind:registry.write' });
    expect((await t.request('/v1/events', { token: wrongScope })).status).toBe(403);
  });

  it('rejects a malformed cursor and limit with field errors', async () => {
    const response = await t.request('/v1/events?after=abc&limit=5000', { token });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['after', 'limit']);
  });

  it('delivers events written by concurrent transactions strictly in order and completely', async () => {
    const marker = randomUUID();
    const start = (await readAll()).at(-1)?.cursor ?? '0';
    const reader = (async () => {
      // A consumer polling while writers commit must never skip an event.
      const seen: string[] = [];
      let cursor = start;
      for (let round = 0; round < 200; round++) {
        const page = await t.request(`/v1/events?after=${cursor}&limit=1000`, { token });
        for (const e of page.body.events) if (e.data.marker === marker) seen.push(e.aggregateId);
        cursor = page.body.nextCursor;
        if (seen.length === 40) break;
        await new Promise((r) => setTimeout(r, 5));
      }
      return seen;
    })();
    await appendConcurrently(40, marker);
    const seenWhileWriting = await reader;
    expect(new Set(seenWhileWriting).size).toBe(40);
    const events = (await readAll(start)).filter((e) => e.data.marker === marker);
    expect(events).toHaveLength(40);
    const cursors = events.map((e) => BigInt(e.cursor));
    expect(cursors.every((c, i) => i === 0 || c > cursors[i - 1])).toBe(true);
  });

  it('binding.created carries bindingId, organizationId, kind and userType for every kind of binding (docs/integration.md, "Event feed")', async () => {
    const established = await createOrganization(t.dataSource);
    const legal = await legalPersonUser(t, established);
    const resolved = await t.request('/v1/resolutions', { method: 'POST', token: legal.token });
    expect(resolved.body).toMatchObject({ status: 'BOUND', binding: { kind: 'legal_person' } });
    const forming = await createOrganization(t.dataSource, { status: 'in_formation', uscc: null });
    const legacy = await createLegacyAccount(t.dataSource, { organizationId: forming.id });
    const natural = await t.mint({ sub: fakeSubject('natural'), userType: 'natural_person', name: '张测试', residentId: fakeResidentId() });
    const bound = await t.request('/v1/bindings/legacy-account', {
      method: 'POST',
      token: natural,
      json: { organizationName: forming.name, loginName: legacy.loginName, password: legacy.password },
    });
    expect(bound.status).toBe(201);
    const created = (await readAll()).filter((e) => (e as { type?: string }).type === 'binding.created' && [resolved.body.binding.id, bound.body.binding.id].includes(e.aggregateId));
    expect(created.map((e) => e.data)).toEqual([
      { bindingId: resolved.body.binding.id, organizationId: established.id, kind: 'legal_person', userType: 'legal_person' },
      { bindingId: bound.body.binding.id, organizationId: forming.id, kind: 'legacy_account', userType: 'natural_person' },
    ]);
  });

  it('refuses to append outside a transaction', async () => {
    await expect(t.app.get(EventsService).append(t.dataSource.manager, { type: 'x', aggregateType: 'x', aggregateId: 'x' })).rejects.toThrow(/transactional/);
  });
});
