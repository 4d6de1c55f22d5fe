import { DataSource } from 'typeorm';
import { verifyAuditChain } from '../../src/audit/chain/audit-chain-verification';
import { AUDIT_PURGED_ACTION, auditEventsPurgeTask } from '../../src/audit/retention/audit-events.purge-task';
import { PurgeContext, PurgeTask, runPurgeTasks } from '../../src/audit/retention/purge-task';
import { PURGE_TASKS } from '../../src/audit/retention/purge-tasks';
import { loadConfig } from '../../src/config/app-config';
import { asSuperuserWithoutTriggers, insertAuditEvents, rolledBackAuditEventIds, sealEverything, TestClock, testSealer } from '../support/audit';
import { createScratchDatabase, ScratchDatabase } from '../support/scratch-database';

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

/** Retention purge of audit events (`npm run audit:purge`), each test on a private database. */
describe('audit retention purge', () => {
  const scratch: ScratchDatabase[] = [];
  afterAll(async () => {
    for (const db of scratch) await db.drop();
  });
  async function database(label: string): Promise<ScratchDatabase> {
    const db = await createScratchDatabase(label);
    scratch.push(db);
    return db;
  }

  function context(dataSource: DataSource, overrides: Partial<PurgeContext> = {}): PurgeContext {
    return {
      dataSource,
      now: new Date(),
      actor: 'cli:test-operator',
      dryRun: false,
      config: loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://x@127.0.0.1/x', AUDIT_RETENTION_DAYS: '1825' }),
      batchSize: 10_000,
      log: () => undefined,
      ...overrides,
    };
  }

  /** 12 events from 2000 days ago (with a rolled-back id among them), 5 recent ones, 1 late-recorded old one; all sealed. */
  async function history(label: string): Promise<{ db: ScratchDatabase; old: string[]; recent: string[]; lateOld: string; clock: TestClock }> {
    const db = await database(label);
    const old = await insertAuditEvents(db.dataSource, 6, { occurredAt: daysAgo(2000), action: 'test.old' });
    await rolledBackAuditEventIds(db.dataSource, 2);
    old.push(...(await insertAuditEvents(db.dataSource, 6, { occurredAt: daysAgo(1900), action: 'test.old' })));
    const recent = await insertAuditEvents(db.dataSource, 5, { action: 'test.recent' });
    const [lateOld] = await insertAuditEvents(db.dataSource, 1, { occurredAt: daysAgo(2000), action: 'test.old' });
    const clock = new TestClock();
    await sealEverything(db.dataSource, testSealer(db.dataSource, clock), clock);
    return { db, old, recent, lateOld, clock };
  }

  async function ids(dataSource: DataSource, action?: string): Promise<string[]> {
    const rows: { id: string }[] = await dataSource.query(
      `SELECT e.id::text AS id FROM audit_event e ${action ? 'WHERE e.action = $1' : ''} ORDER BY e.id`,
      action ? [action] : [],
    );
    return rows.map((r) => r.id);
  }

  it('lists its tasks: audit events now, more (e.g. ended sessions) as capabilities add them', () => {
    expect(PURGE_TASKS.map((t) => t.name)).toContain('audit-events');
  });

  it('removes the sealed events past retention with their links, re-anchors the chain, and audits itself', async () => {
    const { db, old, recent, lateOld, clock } = await history('purge');
    const lastOldLink: { hash: string }[] = await db.dataSource.query('SELECT hash FROM audit_seal WHERE event_id = $1', [old[old.length - 1]]);

    const report = await auditEventsPurgeTask.run(context(db.dataSource));
    expect(report).toMatchObject({ task: 'audit-events', dryRun: false, retentionDays: 1825, deleted: 12, details: { links: 13, batches: 1, anchorThroughId: old[11], anchorHash: lastOldLink[0].hash, waitingForSealer: 0 } });
    expect(await ids(db.dataSource, 'test.old')).toEqual([lateOld]);
    expect(await ids(db.dataSource, 'test.recent')).toEqual(recent);
    const [{ links }] = await db.dataSource.query('SELECT count(*)::int AS links FROM audit_seal WHERE event_id <= $1', [old[11]]);
    expect(links).toBe(0);
    const [head] = await db.dataSource.query('SELECT anchor_through_id::text AS anchor, anchor_hash FROM audit_seal_head');
    expect(head).toEqual({ anchor: old[11], anchor_hash: lastOldLink[0].hash });

    const [purged] = await db.dataSource.query('SELECT actor_kind, actor, outcome, reason, details FROM audit_event WHERE action = $1', [AUDIT_PURGED_ACTION]);
    expect(purged).toEqual({
      actor_kind: 'operator',
      actor: 'cli:test-operator',
      outcome: 'success',
      reason: 'retention 1825 days',
      details: expect.objectContaining({
        task: 'audit-events', retentionDays: 1825, fromEventId: '1', throughEventId: old[11], deletedEvents: 12, deletedLinks: 13,
        anchorThroughId: old[11], anchorHash: lastOldLink[0].hash, cutoff: report.cutoff,
      }),
    });

    expect(await verifyAuditChain(db.dataSource)).toMatchObject({ intact: true, anchor: { throughId: old[11] }, eventLinks: 6, unsealed: { count: 1 } });
    await sealEverything(db.dataSource, testSealer(db.dataSource, clock), clock);
    expect(await verifyAuditChain(db.dataSource)).toMatchObject({ intact: true, eventLinks: 7, unsealed: { count: 0 } });
  });

  it('purges nothing within retention, and still records that it ran', async () => {
    const { db } = await history('again');
    await auditEventsPurgeTask.run(context(db.dataSource));
    const before = await ids(db.dataSource);
    const second = await auditEventsPurgeTask.run(context(db.dataSource));
    expect(second).toMatchObject({ deleted: 0, details: { links: 0, batches: 0 } });
    const after = await ids(db.dataSource);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after).toHaveLength(before.length + 1);
    const runs = await db.dataSource.query(`SELECT details->>'deletedEvents' AS n FROM audit_event WHERE action = $1 ORDER BY id`, [AUDIT_PURGED_ACTION]);
    expect(runs).toEqual([{ n: '12' }, { n: '0' }]);
    expect((await verifyAuditChain(db.dataSource)).intact).toBe(true);
  });

  it('works in batches, each one transaction with its own audit event; the chain verifies after each', async () => {
    const { db } = await history('batches');
    const report = await auditEventsPurgeTask.run(context(db.dataSource, { batchSize: 5 }));
    expect(report).toMatchObject({ deleted: 12, details: { links: 13, batches: 3 } });
    const runs = await db.dataSource.query(`SELECT (details->>'deletedLinks')::int AS links FROM audit_event WHERE action = $1 ORDER BY id`, [AUDIT_PURGED_ACTION]);
    expect(runs).toEqual([{ links: 5 }, { links: 5 }, { links: 3 }]);
    expect((await verifyAuditChain(db.dataSource)).intact).toBe(true);
  });

  it('a dry run reports what would go and removes nothing', async () => {
    const { db } = await history('dryrun');
    const before = await ids(db.dataSource);
    const report = await auditEventsPurgeTask.run(context(db.dataSource, { dryRun: true }));
    expect(report).toMatchObject({ dryRun: true, deleted: 12, details: { links: 13 } });
    expect(await ids(db.dataSource)).toEqual(before);
  });

  it('leaves old events the sealer has not reached yet, and says so', async () => {
    const db = await database('unsealed');
    await insertAuditEvents(db.dataSource, 4, { occurredAt: daysAgo(2000) });
    const report = await auditEventsPurgeTask.run(context(db.dataSource));
    expect(report).toMatchObject({ deleted: 0, details: { waitingForSealer: 4 } });
    const [{ n }] = await db.dataSource.query("SELECT count(*)::int AS n FROM audit_event WHERE action = 'test.event'");
    expect(n).toBe(4);
  });

  it('uses the configured retention', async () => {
    const { db, old } = await history('retention');
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://x@127.0.0.1/x', AUDIT_RETENTION_DAYS: '1950' });
    const report = await auditEventsPurgeTask.run(context(db.dataSource, { config }));
    expect(report).toMatchObject({ retentionDays: 1950, deleted: 6 });
    expect((await ids(db.dataSource, 'test.old'))[0]).toBe(old[6]);
    expect(() => loadConfig({ AUDIT_RETENTION_DAYS: '179' })).toThrow(/AUDIT_RETENTION_DAYS/);
  });

  it('the triggers let through only what a purge may remove', async () => {
    const { db, old, recent } = await history('guards');
    const inPurge = (cutoff: Date, work: (q: (sql: string, params?: unknown[]) => Promise<unknown>) => Promise<unknown>) =>
      db.dataSource.transaction(async (m) => {
        await m.query("SELECT set_config('orgbind.audit_purge_before', $1, true)", [cutoff.toISOString()]);
        await work((sql, params) => m.query(sql, params));
      });
    const [link] = await db.dataSource.query('SELECT hash FROM audit_seal WHERE event_id = $1', [old[2]]);
    await expect(inPurge(daysAgo(10), (q) => q('DELETE FROM audit_event WHERE id = $1', [old[0]]))).rejects.toThrow(/minimum retention of 180 days/);
    await expect(inPurge(daysAgo(1825), (q) => q('DELETE FROM audit_event WHERE id = $1', [old[0]]))).rejects.toThrow(/at or below the chain anchor/);
    await expect(inPurge(daysAgo(1825), async (q) => {
      await q('UPDATE audit_seal_head SET anchor_through_id = $1, anchor_hash = $2', [old[2], link.hash]);
      await q('DELETE FROM audit_event WHERE id = $1', [recent[0]]);
    })).rejects.toThrow(/may not be purged/);
    await expect(inPurge(daysAgo(1825), (q) => q('UPDATE audit_seal_head SET anchor_through_id = $1, anchor_hash = $2', [old[2], 'f'.repeat(64)]))).rejects.toThrow(/must be an existing link/);
    await expect(db.dataSource.query('UPDATE audit_seal_head SET anchor_through_id = $1, anchor_hash = $2', [old[2], link.hash])).rejects.toThrow(/moves only forward, by the retention purge/);
    await expect(inPurge(daysAgo(1825), (q) => q('UPDATE audit_event SET reason = $1 WHERE id = $2', ['x', old[0]]))).rejects.toThrow(/append-only: UPDATE/);
    await expect(inPurge(daysAgo(1825), (q) => q('TRUNCATE audit_event'))).rejects.toThrow(/TRUNCATE refused/);

    await auditEventsPurgeTask.run(context(db.dataSource));
    await expect(inPurge(daysAgo(1825), (q) => q('UPDATE audit_seal_head SET anchor_through_id = 0, anchor_hash = $1', ['0'.repeat(64)]))).rejects.toThrow(/only forward/);
    expect((await verifyAuditChain(db.dataSource)).intact).toBe(true);
  });

  it('verification flags an anchor moved without a purge event', async () => {
    const { db, old } = await history('sneaky');
    const [link] = await db.dataSource.query('SELECT hash FROM audit_seal WHERE event_id = $1', [old[3]]);
    await asSuperuserWithoutTriggers(db.dataSource, async (m) => {
      await m.query('UPDATE audit_seal_head SET anchor_through_id = $1, anchor_hash = $2', [old[3], link.hash]);
      await m.query('DELETE FROM audit_seal WHERE event_id <= $1', [old[3]]);
      await m.query('DELETE FROM audit_event WHERE id <= $1', [old[3]]);
    });
    const report = await verifyAuditChain(db.dataSource);
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'ANCHOR_UNJUSTIFIED', eventId: old[3] })]);
  });

  it('runs its tasks in order and passes each the same context', async () => {
    const db = await database('tasks');
    const seen: string[] = [];
    const fake = (name: string): PurgeTask => ({
      name,
      description: name,
      run: async (c) => {
        seen.push(`${name}:${c.actor}:${c.dryRun}`);
        return { task: name, dryRun: c.dryRun, retentionDays: 0, cutoff: c.now.toISOString(), deleted: 0, details: {} };
      },
    });
    const reports = await runPurgeTasks([fake('first'), fake('second')], context(db.dataSource, { dryRun: true }));
    expect(seen).toEqual(['first:cli:test-operator:true', 'second:cli:test-operator:true']);
    expect(reports.map((r) => r.task)).toEqual(['first', 'second']);
  });
});
