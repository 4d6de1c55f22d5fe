import { randomUUID } from 'node:crypto';
import { BindingEntity } from '../../src/bindings/binding.entity';
import { LifecycleSweeper } from '../../src/organization-lifecycle/lifecycle-sweeper';
import { SessionEntity } from '../../src/sessions/session.entity';
import { boundNaturalPersonUser, legalPersonUser, serviceToken } from '../support/accounts';
import { createOrganization, fakeUscc } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The periodic sweep (`LifecycleSweeper.sweep`, run every LIFECYCLE_SWEEP_INTERVAL_SECONDS). It
 * acts on the whole shared test database, so this spec keeps the real clock and puts its own rows
 * in the past instead: other specs' rows (fresh, or stamped by clocks ahead of real time) are
 * never due.
 */
describe('LifecycleSweeper', () => {
  let t: TestApp;
  let registry: string;

  beforeAll(async () => {
    t = await startTestApp({ ESTABLISHMENT_GRACE_PERIOD_HOURS: '48', LIFECYCLE_SWEEP_INTERVAL_SECONDS: '0' });
    registry = await serviceToken(t, 'orgbind:registry.write');
  });
  afterAll(async () => {
    await t.close();
  });

  const open = (token: string) => t.request('/v1/sessions', { method: 'POST', token, json: { clientIp: '203.0.113.5' } });

  it('supersedes the bindings whose grace period is over and ends their sessions, once, with events and audit', async () => {
    const organization = await createOrganization(t.dataSource, { status: 'in_formation', uscc: null, externalId: `MGMT-${randomUUID()}` });
    const natural = await boundNaturalPersonUser(t, organization.id);
    const opened = await open(natural.token);
    expect(opened.status).toBe(201);
    const established = await t.request(`/v1/organizations/${organization.id}/establishment`, {
      method: 'POST', token: registry, json: { uscc: fakeUscc(), certificateName: organization.name, establishedAt: '2025-01-01' },
    });
    expect(established.body.effects).toMatchObject({ scheduledSupersessions: 1, endedSessions: 0 });
    await t.dataSource.query(`UPDATE binding SET supersede_at = now() - interval '1 minute' WHERE id = $1`, [natural.bindingId]);

    const sweeper = t.app.get(LifecycleSweeper);
    expect((await sweeper.sweep()).supersededBindings).toBeGreaterThanOrEqual(1);
    expect(await t.dataSource.getRepository(BindingEntity).findOneByOrFail({ id: natural.bindingId })).toMatchObject({ status: 'superseded', endedReason: 'organization_established' });
    expect(await t.dataSource.getRepository(SessionEntity).findOneByOrFail({ id: opened.body.id })).toMatchObject({ status: 'ended', endReason: 'binding_superseded' });
    const events = await t.dataSource.query(`SELECT type FROM outbox_event WHERE aggregate_id = ANY($1) ORDER BY id`, [[natural.bindingId, opened.body.id]]);
    expect(events.map((e: { type: string }) => e.type)).toEqual(['session.started', 'binding.supersession_scheduled', 'binding.superseded', 'session.ended']);
    const audit = await t.dataSource.query(`SELECT actor_kind, actor FROM audit_event WHERE action = 'binding.superseded' AND target_id = $1`, [natural.bindingId]);
    expect(audit).toEqual([{ actor_kind: 'system', actor: 'lifecycle-sweeper' }]);

    await sweeper.sweep();
    const again = await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox_event WHERE type = 'binding.superseded' AND aggregate_id = $1`, [natural.bindingId]);
    expect(again[0].n).toBe(1);
  });

  it('ends the sessions that have expired, with the moment they expired', async () => {
    const organization = await createOrganization(t.dataSource);
    const legal = await legalPersonUser(t, organization);
    const opened = await open(legal.token);
    await t.dataSource.query(`UPDATE session SET started_at = now() - interval '2 hours', last_activity_at = now() - interval '90 minutes' WHERE id = $1`, [opened.body.id]);
    expect((await t.app.get(LifecycleSweeper).sweep()).expiredSessions).toBeGreaterThanOrEqual(1);
    const row = await t.dataSource.getRepository(SessionEntity).findOneByOrFail({ id: opened.body.id });
    expect(row).toMatchObject({ status: 'ended', endReason: 'idle_timeout' });
    expect(row.endedAt!.getTime() - row.lastActivityAt.getTime()).toBe(30 * 60 * 1000);
    const events = await t.dataSource.query(`SELECT data FROM outbox_event WHERE type = 'session.ended' AND aggregate_id = $1`, [opened.body.id]);
    expect(events).toEqual([{ data: expect.objectContaining({ reason: 'idle_timeout' }) }]);
    expect((await open(legal.token)).status).toBe(201);
  });
});
