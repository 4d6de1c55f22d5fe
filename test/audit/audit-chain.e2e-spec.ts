import { AuditService } from '../../src/audit/audit.service';
import { verifyAuditChain } from '../../src/audit/chain/audit-chain-verification';
import { STORED_EVENT_COLUMNS } from '../../src/audit/chain/audit-chain.sql';
import { formatChainReport } from '../../src/audit/chain/chain-report';
import { AUDIT_EVENT_COLUMNS, eventLink, GENESIS_HASH, StoredAuditEvent } from '../../src/audit/domain/audit-chain';
import { asSuperuserWithoutTriggers, insertAuditEvents, rolledBackAuditEventIds, sealEverything, TestClock, testSealer } from '../support/audit';
import { createScratchDatabase, ScratchDatabase } from '../support/scratch-database';
import { startTestApp } from '../support/test-app';

/**
 * The tamper-evident chain on a private database per test (these tests tamper with the trail
 * as a superuser would, which must not disturb the specs sharing the e2e database).
 */
describe('audit hash chain', () => {
  const scratch: ScratchDatabase[] = [];
  async function database(label: string): Promise<ScratchDatabase> {
    const db = await createScratchDatabase(label);
    scratch.push(db);
    return db;
  }
  afterAll(async () => {
    for (const db of scratch) await db.drop();
  });

  async function sealedDatabase(label: string, events = 20): Promise<{ db: ScratchDatabase; ids: string[]; clock: TestClock }> {
    const db = await database(label);
    const ids = await insertAuditEvents(db.dataSource, events);
    const clock = new TestClock();
    await sealEverything(db.dataSource, testSealer(db.dataSource, clock), clock);
    return { db, ids, clock };
  }

  it('hashes every column of audit_event (a new column must join the canonical record)', async () => {
    const db = await database('columns');
    const columns: { column_name: string }[] = await db.dataSource.query(
      "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'audit_event'",
    );
    expect(columns.map((c) => c.column_name).sort()).toEqual([...AUDIT_EVENT_COLUMNS].sort());
    await insertAuditEvents(db.dataSource, 1);
    const [row] = await db.dataSource.query(`SELECT ${STORED_EVENT_COLUMNS} FROM audit_event e`);
    expect(Object.keys(row).sort()).toEqual([...AUDIT_EVENT_COLUMNS].sort());
    expect(row.occurred_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });

  it('seals events in id order into a chain that verifies; the hashes do not depend on the session time zone', async () => {
    const { db, ids } = await sealedDatabase('order', 25);
    const links: { event_id: string; kind: string; prev_hash: string; hash: string }[] = await db.dataSource.query(
      'SELECT s.event_id::text AS event_id, s.kind, s.prev_hash, s.hash FROM audit_seal s ORDER BY s.event_id',
    );
    expect(links.map((l) => l.event_id)).toEqual(ids);
    expect(links[0].prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < links.length; i++) expect(links[i].prev_hash).toBe(links[i - 1].hash);
    const [first]: StoredAuditEvent[] = await db.dataSource.query(`SELECT ${STORED_EVENT_COLUMNS} FROM audit_event e WHERE e.id = $1`, [ids[0]]);
    expect(links[0].hash).toBe(eventLink(GENESIS_HASH, first).hash);

    const report = await verifyAuditChain(db.dataSource);
    expect(report).toMatchObject({ intact: true, links: 25, eventLinks: 25, gapLinks: 0, problemCount: 0, head: { throughId: ids[24] }, unsealed: { count: 0 } });

    await db.dataSource.query(`ALTER DATABASE ${db.name} SET TimeZone = 'Pacific/Chatham'`);
    const otherZone = await db.connect('orgbind-chatham');
    const [{ zone }] = await otherZone.query("SELECT current_setting('TimeZone') AS zone");
    expect(zone).toBe('Pacific/Chatham');
    expect((await verifyAuditChain(otherZone)).intact).toBe(true);
  });

  it('detects a changed sealed row and names the first broken link with the expected and the stored hash', async () => {
    const { db, ids } = await sealedDatabase('tamper');
    const [target, later] = [ids[7], ids[12]];
    const [seal] = await db.dataSource.query('SELECT hash FROM audit_seal WHERE event_id = $1', [target]);
    await asSuperuserWithoutTriggers(db.dataSource, async (manager) => {
      await manager.query("UPDATE audit_event SET reason = 'nothing happened' WHERE id = $1", [target]);
      await manager.query(`UPDATE audit_event SET details = jsonb_set(details, '{n}', '999') WHERE id = $1`, [later]);
    });
    const report = await verifyAuditChain(db.dataSource);
    expect(report.intact).toBe(false);
    expect(report.problems.map((p) => [p.kind, p.eventId])).toEqual([['HASH_MISMATCH', target], ['HASH_MISMATCH', later]]);
    expect(report.problems[0].stored).toBe(seal.hash);
    expect(report.problems[0].expected).toMatch(/^[0-9a-f]{64}$/);
    expect(report.problems[0].expected).not.toBe(seal.hash);
    const text = formatChainReport(report);
    expect(text).toContain('audit chain: BROKEN (2 problems)');
    expect(text).toContain(`first broken link: event ${target} — HASH_MISMATCH`);
    expect(text).toContain(`stored:   ${seal.hash}`);
    expect(text).toContain(`expected: ${report.problems[0].expected}`);
  });

  it('detects a changed timestamp down to the microsecond', async () => {
    const { db, ids } = await sealedDatabase('micro', 3);
    await asSuperuserWithoutTriggers(db.dataSource, (m) => m.query("UPDATE audit_event SET occurred_at = occurred_at + interval '1 microsecond' WHERE id = $1", [ids[1]]));
    expect((await verifyAuditChain(db.dataSource)).problems).toEqual([expect.objectContaining({ kind: 'HASH_MISMATCH', eventId: ids[1] })]);
  });

  it('detects a deleted sealed row, a row deleted with its link, and a cut end of the chain', async () => {
    const { db, ids } = await sealedDatabase('delete');
    await asSuperuserWithoutTriggers(db.dataSource, async (m) => {
      await m.query('DELETE FROM audit_event WHERE id = $1', [ids[3]]);
      await m.query('DELETE FROM audit_event WHERE id = $1', [ids[9]]);
      await m.query('DELETE FROM audit_seal WHERE event_id = $1', [ids[9]]);
      await m.query('DELETE FROM audit_event WHERE id >= $1', [ids[17]]);
      await m.query('DELETE FROM audit_seal WHERE event_id >= $1', [ids[17]]);
    });
    const report = await verifyAuditChain(db.dataSource);
    expect(report.problems.map((p) => [p.kind, p.eventId])).toEqual([
      ['EVENT_MISSING', ids[3]],
      ['LINK_MISSING', ids[10]],
      ['PREVIOUS_HASH_MISMATCH', ids[10]],
      ['HEAD_MISMATCH', ids[19]],
    ]);
    expect(report.problems[1]).toMatchObject({ expected: ids[9], stored: ids[10] });
    expect(formatChainReport(report)).toContain(`first broken link: event ${ids[3]} — EVENT_MISSING`);
  });

  it('detects an event slipped into a gap the chain recorded as rolled back', async () => {
    const db = await database('gapinsert');
    await insertAuditEvents(db.dataSource, 2);
    const [rolledBack] = await rolledBackAuditEventIds(db.dataSource, 1);
    await insertAuditEvents(db.dataSource, 2);
    const clock = new TestClock();
    await sealEverything(db.dataSource, testSealer(db.dataSource, clock), clock);
    const [gap] = await db.dataSource.query("SELECT event_id::text, through_id::text FROM audit_seal WHERE kind = 'gap'");
    expect(gap).toEqual({ event_id: rolledBack, through_id: rolledBack });
    expect((await verifyAuditChain(db.dataSource)).intact).toBe(true);
    await asSuperuserWithoutTriggers(db.dataSource, (m) => m.query("INSERT INTO audit_event (id, actor_kind, action, outcome) VALUES ($1, 'system', 'forged.event', 'success')", [rolledBack]));
    expect((await verifyAuditChain(db.dataSource)).problems).toEqual([expect.objectContaining({ kind: 'EVENT_IN_GAP', eventId: rolledBack })]);
  });

  it('detects a rewritten link at the next link; a chain rewritten to its end is caught by a head kept outside (--expect)', async () => {
    const { db, ids } = await sealedDatabase('rewrite', 10);
    const before = await verifyAuditChain(db.dataSource);
    const kept = before.head;
    const rewrite = async (fromIndex: number, toIndex: number) => asSuperuserWithoutTriggers(db.dataSource, async (m) => {
      let [{ prev_hash: previous }] = await m.query('SELECT prev_hash FROM audit_seal WHERE event_id = $1', [ids[fromIndex]]);
      for (let i = fromIndex; i <= toIndex; i++) {
        const [row]: StoredAuditEvent[] = await m.query(`SELECT ${STORED_EVENT_COLUMNS} FROM audit_event e WHERE e.id = $1`, [ids[i]]);
        const link = eventLink(previous, row);
        await m.query('UPDATE audit_seal SET prev_hash = $2, hash = $3 WHERE event_id = $1', [ids[i], previous, link.hash]);
        previous = link.hash;
      }
      if (toIndex === ids.length - 1) await m.query('UPDATE audit_seal_head SET last_hash = $1', [previous]);
    });
    await asSuperuserWithoutTriggers(db.dataSource, (m) => m.query("UPDATE audit_event SET outcome = 'denied' WHERE id = $1", [ids[4]]));
    await rewrite(4, 4);
    expect((await verifyAuditChain(db.dataSource)).problems.map((p) => [p.kind, p.eventId])).toEqual([['PREVIOUS_HASH_MISMATCH', ids[5]]]);

    await rewrite(4, 9);
    expect((await verifyAuditChain(db.dataSource)).intact).toBe(true);
    const checked = await verifyAuditChain(db.dataSource, { expect: [kept] });
    expect(checked.intact).toBe(false);
    expect(checked.problems).toEqual([expect.objectContaining({ kind: 'EXPECTED_HASH_MISMATCH', eventId: kept.throughId, expected: kept.hash })]);
  });

  it('never passes an id whose transaction is still open, however long ago the gap was seen', async () => {
    const db = await database('inflight');
    const clock = new TestClock();
    const sealer = testSealer(db.dataSource, clock);
    await insertAuditEvents(db.dataSource, 2);
    const open = db.dataSource.createQueryRunner();
    await open.connect();
    try {
      await open.startTransaction();
      const [held] = await insertAuditEvents(open.manager, 1);
      const [after] = await insertAuditEvents(db.dataSource, 1);
      const first = await sealer.sealOnce();
      expect(first.blockedBy).toEqual({ fromId: held, throughId: held, watchedMs: 0 });
      clock.advance(24 * 3_600_000);
      const dayLater = await sealer.sealOnce();
      expect(dayLater).toMatchObject({ status: 'sealed', eventLinks: 0, gapLinks: 0, blockedBy: { fromId: held, watchedMs: 24 * 3_600_000 } });
      await open.commitTransaction();
      const resumed = await sealer.sealOnce();
      expect(resumed).toMatchObject({ eventLinks: 2, gapLinks: 0, lastThroughId: after, blockedBy: null });
    } finally {
      await open.release();
    }
    const links = await db.dataSource.query('SELECT kind, count(*)::int AS n FROM audit_seal GROUP BY kind');
    expect(links).toEqual([{ kind: 'event', n: 4 }]);
    expect((await verifyAuditChain(db.dataSource)).intact).toBe(true);
  });

  it('records a rolled-back id as a gap link only after the grace period', async () => {
    const db = await database('rollback');
    const clock = new TestClock();
    const sealer = testSealer(db.dataSource, clock, { gapGraceMs: 5000 });
    await insertAuditEvents(db.dataSource, 1);
    const [lost] = await rolledBackAuditEventIds(db.dataSource, 3);
    await insertAuditEvents(db.dataSource, 1);
    expect((await sealer.sealOnce()).blockedBy).toMatchObject({ fromId: lost });
    clock.advance(4999);
    expect(await sealer.sealOnce()).toMatchObject({ eventLinks: 0, gapLinks: 0 });
    clock.advance(1);
    const round = await sealEverything(db.dataSource, sealer, clock, 5000);
    expect(round.blockedBy).toBeNull();
    const [gap] = await db.dataSource.query("SELECT event_id::text AS from_id, (through_id - event_id + 1)::int AS size FROM audit_seal WHERE kind = 'gap'");
    expect(gap).toEqual({ from_id: lost, size: 3 });
    expect(await verifyAuditChain(db.dataSource)).toMatchObject({ intact: true, gapLinks: 1, gapIds: 3, eventLinks: 2 });
  });

  it('seals under concurrent writers (some rolling back) with three replicas sealing at once: id order, no id missed, no fork', async () => {
    const db = await database('concurrent');
    const clock = new TestClock();
    const replicas = await Promise.all([1, 2, 3].map((n) => db.connect(`orgbind-replica-${n}`)));
    const sealers = replicas.map((r) => testSealer(r, clock, { batchSize: 7 }));
    let writing = true;
    const rounds: string[] = [];
    const sealing = sealers.map(async (sealer) => {
      while (writing) {
        rounds.push((await sealer.sealOnce()).status);
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
    const outcomes = await Promise.all(Array.from({ length: 80 }, async (_, i) => {
      try {
        await db.dataSource.transaction(async (m) => {
          await m.query('SELECT pg_sleep($1)', [Math.random() * 0.02]);
          await insertAuditEvents(m, 1 + (i % 3), { marker: `w${i}` });
          await m.query('SELECT pg_sleep($1)', [Math.random() * 0.02]);
          if (i % 5 === 0) throw new Error('roll back');
        });
        return 'committed';
      } catch {
        return 'rolled back';
      }
    }));
    writing = false;
    await Promise.all(sealing);
    expect(outcomes.filter((o) => o === 'rolled back')).toHaveLength(16);
    expect(rounds.filter((s) => s === 'sealed').length).toBeGreaterThan(0);
    await sealEverything(db.dataSource, sealers[0], clock);

    const committed: string[] = (await db.dataSource.query('SELECT e.id::text AS id FROM audit_event e ORDER BY e.id')).map((r: { id: string }) => r.id);
    const links: { event_id: string; through_id: string; kind: string }[] = await db.dataSource.query('SELECT s.event_id::text AS event_id, s.through_id::text AS through_id, s.kind FROM audit_seal s ORDER BY s.event_id');
    expect(links.filter((l) => l.kind === 'event').map((l) => l.event_id)).toEqual(committed);
    let expected = 1n;
    for (const link of links) {
      expect(BigInt(link.event_id)).toBe(expected);
      expected = BigInt(link.through_id) + 1n;
    }
    const gapIds = links.filter((l) => l.kind === 'gap').reduce((n, l) => n + Number(BigInt(l.through_id) - BigInt(l.event_id) + 1n), 0);
    expect(gapIds).toBe(Number(BigInt(committed[committed.length - 1])) - committed.length);
    expect(gapIds).toBeGreaterThan(0);
    expect(await verifyAuditChain(db.dataSource)).toMatchObject({ intact: true, eventLinks: committed.length });
  });

  it('lets one sealer work at a time: a second one skips while the head is locked', async () => {
    const db = await database('lock');
    const clock = new TestClock();
    await insertAuditEvents(db.dataSource, 5);
    const holder = db.dataSource.createQueryRunner();
    await holder.connect();
    try {
      await holder.startTransaction();
      await holder.query('SELECT 1 FROM audit_seal_head WHERE id = 1 FOR UPDATE');
      expect(await testSealer(db.dataSource, clock).sealOnce()).toMatchObject({ status: 'busy', eventLinks: 0 });
      await holder.rollbackTransaction();
    } finally {
      await holder.release();
    }
    expect(await testSealer(db.dataSource, clock).sealOnce()).toMatchObject({ status: 'sealed', eventLinks: 5 });
  });

  it('the database refuses a link that does not continue the chain, and a fork even with triggers disabled', async () => {
    const { db, ids } = await sealedDatabase('fork', 3);
    const [last] = await db.dataSource.query('SELECT hash FROM audit_seal WHERE event_id = $1', [ids[2]]);
    const next = (BigInt(ids[2]) + 1n).toString();
    await expect(db.dataSource.query("INSERT INTO audit_seal (event_id, through_id, kind, prev_hash, hash) VALUES ($1, $1, 'event', $2, $3)", [next, GENESIS_HASH, 'a'.repeat(64)]))
      .rejects.toThrow(/does not continue the chain/);
    await expect(db.dataSource.query("INSERT INTO audit_seal (event_id, through_id, kind, prev_hash, hash) VALUES ($1, $1, 'event', $2, $3)", [(BigInt(next) + 1n).toString(), last.hash, 'a'.repeat(64)]))
      .rejects.toThrow(/does not continue the chain/);
    await expect(asSuperuserWithoutTriggers(db.dataSource, (m) => m.query(
      "INSERT INTO audit_seal (event_id, through_id, kind, prev_hash, hash) VALUES ($1, $1, 'event', (SELECT prev_hash FROM audit_seal WHERE event_id = $2), $3)",
      [next, ids[2], 'b'.repeat(64)],
    ))).rejects.toThrow(/ux_audit_seal_prev_hash/);
  });

  it('runs in the service: the background sealer seals what AuditService records, and stops with the app', async () => {
    const db = await database('service');
    const t = await startTestApp({ DATABASE_URL: db.url, AUDIT_SEAL_INTERVAL_MS: '50' });
    try {
      const audit = t.app.get(AuditService);
      for (let i = 0; i < 5; i++) await audit.record({ actorKind: 'system', action: 'test.recorded', outcome: 'success', details: { i } });
      await t.dataSource.transaction((m) => audit.record({ actorKind: 'system', action: 'test.in_transaction', outcome: 'success', clientIp: '198.51.100.7' }, m));
      let sealed = 0;
      for (let i = 0; i < 400 && sealed < 6; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        [{ sealed }] = await db.dataSource.query('SELECT count(*)::int AS sealed FROM audit_seal');
      }
      expect(sealed).toBe(6);
    } finally {
      await t.close();
    }
    const report = await verifyAuditChain(db.dataSource);
    expect(report).toMatchObject({ intact: true, eventLinks: 6 });
    const [ip] = await db.dataSource.query("SELECT client_ip_masked FROM audit_event WHERE action = 'test.in_transaction'");
    expect(ip.client_ip_masked).toBe('198.51.100.*');
  });
});
