import { randomUUID } from 'node:crypto';
import { AuditEventEntity } from '../../src/audit/audit-event.entity';
import { AuditSealEntity, AuditSealHeadEntity } from '../../src/audit/audit-seal.entity';
import { auditRow, AuditService } from '../../src/audit/audit.service';
import { verifyAuditChain } from '../../src/audit/chain/audit-chain-verification';
import { sealedThrough } from '../support/audit';
import { createOrganization, fakeSubject } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** Append-only through the service's own DataSource, on the shared e2e database. */
describe('audit trail is append-only', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  async function recordOne(marker = randomUUID()): Promise<string> {
    await t.app.get(AuditService).record({ actorKind: 'system', action: 'test.append_only', outcome: 'success', details: { marker } });
    const [row] = await t.dataSource.query(`SELECT id::text AS id FROM audit_event WHERE details->>'marker' = $1`, [marker]);
    return row.id;
  }

  it('refuses UPDATE and DELETE of audit events, by SQL and through the ORM', async () => {
    const id = await recordOne();
    await expect(t.dataSource.query("UPDATE audit_event SET reason = 'rewritten' WHERE id = $1", [id])).rejects.toThrow(/audit_event is append-only: UPDATE refused/);
    await expect(t.dataSource.query('DELETE FROM audit_event WHERE id = $1', [id])).rejects.toThrow(/audit_event is append-only: DELETE refused/);
    await expect(t.dataSource.getRepository(AuditEventEntity).update({ id }, { outcome: 'denied' })).rejects.toThrow(/append-only/);
    await expect(t.dataSource.getRepository(AuditEventEntity).delete({ id })).rejects.toThrow(/append-only/);
    await expect(t.dataSource.transaction((m) => m.query("UPDATE audit_event SET details = '{}' WHERE id = $1", [id]))).rejects.toThrow(/append-only/);
    const [row] = await t.dataSource.query('SELECT reason, outcome FROM audit_event WHERE id = $1', [id]);
    expect(row).toEqual({ reason: null, outcome: 'success' });
  });

  it('refuses TRUNCATE of the events, the chain and its head', async () => {
    for (const table of ['audit_event', 'audit_seal', 'audit_seal_head']) {
      await expect(t.dataSource.query(`TRUNCATE ${table}`)).rejects.toThrow(new RegExp(`${table} is append-only: TRUNCATE refused`));
    }
  });

  it('refuses rewriting or removing chain links and moving the head back', async () => {
    const id = await recordOne();
    await sealedThrough(t, id);
    await expect(t.dataSource.getRepository(AuditSealEntity).update({ eventId: id }, { hash: 'f'.repeat(64) })).rejects.toThrow(/audit_seal is append-only: UPDATE/);
    await expect(t.dataSource.query('DELETE FROM audit_seal WHERE event_id = $1', [id])).rejects.toThrow(/audit_seal is append-only: DELETE/);
    await expect(t.dataSource.getRepository(AuditSealHeadEntity).delete({ id: 1 })).rejects.toThrow(/DELETE refused/);
    await expect(t.dataSource.query('UPDATE audit_seal_head SET last_through_id = 0')).rejects.toThrow(/cannot move back|must point at the last link/);
    await expect(t.dataSource.query("UPDATE audit_seal_head SET last_hash = repeat('a', 64)")).rejects.toThrow(/must point at the last link/);
  });

  it('a purge setting does not open recent events, nor a cutoff within the legal minimum', async () => {
    const id = await recordOne();
    const attempt = (cutoff: Date) => t.dataSource.transaction(async (m) => {
      await m.query("SELECT set_config('orgbind.audit_purge_before', $1, true)", [cutoff.toISOString()]);
      await m.query('DELETE FROM audit_event WHERE id = $1', [id]);
    });
    await expect(attempt(new Date())).rejects.toThrow(/minimum retention of 180 days/);
    await expect(attempt(new Date(Date.now() - 200 * 86_400_000))).rejects.toThrow(/may not be purged/);
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM audit_event WHERE id = $1', [id]);
    expect(n).toBe(1);
  });

  it('every existing writer still appends: AuditService.record (alone and in a transaction), auditRow inserts, the resolution flow', async () => {
    const marker = randomUUID();
    const audit = t.app.get(AuditService);
    await audit.record({ actorKind: 'system', action: 'test.writer', outcome: 'success', details: { marker, via: 'record' } });
    await t.dataSource.transaction(async (m) => {
      await audit.record({ actorKind: 'system', action: 'test.writer', outcome: 'success', details: { marker, via: 'record-in-transaction' } }, m);
      await m.insert(AuditEventEntity, auditRow({ actorKind: 'operator', action: 'test.writer', outcome: 'success', details: { marker, via: 'auditRow' } }));
    });
    const rows = await t.dataSource.query(`SELECT details->>'via' AS via FROM audit_event WHERE details->>'marker' = $1 ORDER BY id`, [marker]);
    expect(rows.map((r: { via: string }) => r.via)).toEqual(['record', 'record-in-transaction', 'auditRow']);

    const organization = await createOrganization(t.dataSource);
    const token = await t.mint({ sub: fakeSubject(), userType: 'legal_person', uscc: organization.uscc!, name: organization.name });
    expect((await t.request('/v1/resolutions', { method: 'POST', token })).body.status).toBe('BOUND');
    const actions = await t.dataSource.query('SELECT action FROM audit_event WHERE target_id = $1 ORDER BY id', [organization.id]);
    expect(actions.map((a: { action: string }) => a.action)).toEqual(['binding.created', 'resolution.resolved']);
  });

  it('the shared e2e database, sealed concurrently by every spec\'s service instance, verifies intact', async () => {
    await recordOne();
    const report = await verifyAuditChain(t.dataSource);
    expect(report.problems).toEqual([]);
    expect(report.intact).toBe(true);
    expect(report.links).toBeGreaterThan(0);
  });
});
