import { DataSource, EntityManager } from 'typeorm';
import { AuditSealer, SealRound } from '../../src/audit/chain/audit-sealer';
import { AuditSealerService } from '../../src/audit/chain/audit-sealer.service';
import type { TestApp } from './test-app';

/** A clock the test moves by hand. */
export class TestClock {
  constructor(private current = new Date()) {}
  readonly now = (): Date => new Date(this.current.getTime());
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Insert `count` plain audit events (one statement); returns their ids, ascending. */
export async function insertAuditEvents(
  db: DataSource | EntityManager,
  count: number,
  options: { action?: string; occurredAt?: Date; marker?: string } = {},
): Promise<string[]> {
  const rows: { id: string }[] = await db.query(
    `INSERT INTO audit_event (occurred_at, actor_kind, actor, action, outcome, reason, details)
     SELECT coalesce($2::timestamptz, now()), 'system', 'test', $3, 'success', NULL,
            jsonb_build_object('n', g, 'marker', $4::text, 'nested', jsonb_build_object('z', 1.50, 'a', ARRAY['x', 'y']))
       FROM generate_series(1, $1::int) AS g
     RETURNING id::text`,
    [count, options.occurredAt ?? null, options.action ?? 'test.event', options.marker ?? null],
  );
  return rows.map((r) => r.id).sort((a, b) => Number(BigInt(a) - BigInt(b)));
}

/** Insert `count` events in a transaction that rolls back; returns the ids it consumed. */
export async function rolledBackAuditEventIds(dataSource: DataSource, count: number): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    const ids = await insertAuditEvents(runner.manager, count);
    await runner.rollbackTransaction();
    return ids;
  } finally {
    await runner.release();
  }
}

/**
 * Run `work` as a superuser with triggers disabled (`session_replication_role = replica`),
 * the way an attacker with full database access would tamper with the trail.
 */
export async function asSuperuserWithoutTriggers<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return dataSource.transaction(async (manager) => {
    await manager.query('SET LOCAL session_replication_role = replica');
    return work(manager);
  });
}

/** A sealer with a controllable clock. */
export function testSealer(dataSource: DataSource, clock: TestClock, options: { batchSize?: number; gapGraceMs?: number } = {}): AuditSealer {
  return new AuditSealer(dataSource, { batchSize: options.batchSize ?? 500, gapGraceMs: options.gapGraceMs ?? 10_000, now: clock.now });
}

/**
 * Seal until the chain covers every committed event (gaps included: the clock is moved past
 * the grace period). Gap sealing also waits until every transaction that was open anywhere on
 * the PostgreSQL server when the gap was seen has ended (transaction ids are server-wide), and
 * the suites running beside this one hold transactions of several seconds (database faults,
 * fuzzing): so this retries for up to 45 s of wall-clock time, within the 60 s test timeout.
 */
export async function sealEverything(dataSource: DataSource, sealer: AuditSealer, clock: TestClock, graceMs = 10_000): Promise<SealRound> {
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    const round = await sealer.sealUntilCaughtUp(1000);
    const [{ max }]: { max: string | null }[] = await dataSource.query('SELECT max(id)::text AS max FROM audit_event');
    if (round.status === 'sealed' && !round.blockedBy && (max === null || BigInt(round.lastThroughId) >= BigInt(max))) return round;
    if (round.blockedBy) clock.advance(graceMs);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the sealer did not catch up within 45 s (a transaction elsewhere on the server still open?)');
}

/**
 * Run the app's sealing rounds until event `id` is sealed. On the shared e2e database the
 * service instances of other specs seal concurrently, and a rolled-back id there waits out
 * the default grace period (10 s), hence the generous bound.
 */
export async function sealedThrough(t: TestApp, id: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    await t.app.get(AuditSealerService).sealRound();
    const [{ n }]: { n: number }[] = await t.dataSource.query('SELECT count(*)::int AS n FROM audit_seal WHERE event_id = $1', [id]);
    if (n === 1) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`event ${id} was not sealed`);
}
