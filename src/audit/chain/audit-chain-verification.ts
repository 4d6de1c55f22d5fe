import { DataSource } from 'typeorm';
import { GENESIS_HASH, LinkKind, StoredAuditEvent } from '../domain/audit-chain';
import { ChainPoint, ChainVerificationSummary, ChainVerifier } from '../domain/chain-verifier';
import { AUDIT_PURGED_ACTION } from '../retention/audit-events.purge-task';
import { readSealHead, STORED_EVENT_COLUMNS } from './audit-chain.sql';

export interface AuditChainVerificationOptions {
  /** Links read per query (default 5000). */
  readonly batchSize?: number;
  /** Hashes recorded outside the database (e.g. a head printed earlier) that the chain must contain. */
  readonly expect?: readonly ChainPoint[];
  /** Progress: ids verified so far and in all (from the anchor to the head). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** The verification result: the chain walk, the seal head, and what is not sealed yet. */
export interface AuditChainReport extends ChainVerificationSummary {
  readonly head: ChainPoint;
  /** Events above the head, waiting for the sealer (not yet tamper-evident). */
  readonly unsealed: { readonly count: number; readonly firstId: string | null; readonly oldestOccurredAt: string | null };
  readonly durationMs: number;
}

type LinkRow = StoredAuditEvent & {
  seal_event_id: string;
  seal_through_id: string;
  seal_kind: LinkKind;
  seal_prev_hash: string;
  seal_hash: string;
};

/**
 * Recompute the whole audit chain from the anchor to the head, in one consistent read-only
 * snapshot (the sealer and writers go on meanwhile), and report every broken link in chain
 * order, the first one first.
 */
export async function verifyAuditChain(dataSource: DataSource, options: AuditChainVerificationOptions = {}): Promise<AuditChainReport> {
  const started = Date.now();
  const batchSize = options.batchSize ?? 5000;
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const manager = runner.manager;
    const head = (await readSealHead(manager, 'none'))!;
    const verifier = new ChainVerifier(head.anchor, options.expect);

    const [beforeAnchor]: { id: string }[] = await manager.query('SELECT e.id::text AS id FROM audit_event e WHERE e.id <= $1 ORDER BY e.id LIMIT 1', [head.anchor.throughId]);
    if (beforeAnchor) {
      verifier.report({ kind: 'EVENT_BEFORE_ANCHOR', eventId: beforeAnchor.id, message: `event ${beforeAnchor.id} exists at or below the anchor ${head.anchor.throughId}, where everything was purged` });
    }
    if (head.anchor.throughId !== '0' || head.anchor.hash !== GENESIS_HASH) {
      const [purge]: { id: string }[] = await manager.query(
        `SELECT id::text FROM audit_event WHERE action = $1 AND details->>'anchorThroughId' = $2 AND details->>'anchorHash' = $3 LIMIT 1`,
        [AUDIT_PURGED_ACTION, head.anchor.throughId, head.anchor.hash],
      );
      if (!purge) {
        verifier.report({
          kind: 'ANCHOR_UNJUSTIFIED',
          eventId: head.anchor.throughId,
          stored: head.anchor.hash,
          message: `the chain starts after ${head.anchor.throughId}, but no ${AUDIT_PURGED_ACTION} event records that anchor`,
        });
      }
    }

    const anchorId = BigInt(head.anchor.throughId);
    const total = Number(BigInt(head.last.throughId) - anchorId);
    let after = head.anchor.throughId;
    for (;;) {
      const rows: LinkRow[] = await manager.query(
        `SELECT s.event_id::text AS seal_event_id, s.through_id::text AS seal_through_id, s.kind AS seal_kind,
                s.prev_hash AS seal_prev_hash, s.hash AS seal_hash, ${STORED_EVENT_COLUMNS}
           FROM audit_seal s LEFT JOIN audit_event e ON s.kind = 'event' AND e.id = s.event_id
          WHERE s.event_id > $1 ORDER BY s.event_id LIMIT $2`,
        [after, batchSize],
      );
      if (rows.length === 0) break;
      const inGaps = await eventsInGaps(manager, rows.filter((r) => r.seal_kind === 'gap'));
      for (const row of rows) {
        verifier.accept({
          kind: row.seal_kind,
          eventId: row.seal_event_id,
          throughId: row.seal_through_id,
          prevHash: row.seal_prev_hash,
          hash: row.seal_hash,
          event: row.id === null ? null : storedEvent(row),
          eventIdsInGap: inGaps.get(row.seal_event_id) ?? [],
        });
      }
      after = rows[rows.length - 1].seal_event_id;
      options.onProgress?.(Math.min(total, Number(verifier.position - anchorId)), total);
      if (rows.length < batchSize) break;
    }
    const summary = verifier.finish(head.last);

    const [tail]: { count: string; first_id: string | null; oldest: string | null }[] = await manager.query(
      `SELECT count(*)::text AS count, min(id)::text AS first_id,
              to_char(min(occurred_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS oldest
         FROM audit_event WHERE id > $1`,
      [head.last.throughId],
    );
    await runner.query('COMMIT');
    return {
      ...summary,
      head: head.last,
      unsealed: { count: Number(tail.count), firstId: tail.first_id, oldestOccurredAt: tail.oldest },
      durationMs: Date.now() - started,
    };
  } catch (error) {
    await runner.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}

function storedEvent(row: LinkRow): StoredAuditEvent {
  const { id, occurred_at, actor_kind, actor, action, target_type, target_id, outcome, reason, request_id, client_ip_masked, details } = row;
  return { id, occurred_at, actor_kind, actor, action, target_type, target_id, outcome, reason, request_id, client_ip_masked, details };
}

/** Ids of events lying inside each gap link, by the gap's first id. */
async function eventsInGaps(manager: DataSource['manager'], gaps: readonly LinkRow[]): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  if (gaps.length === 0) return found;
  const rows: { gap: string; id: string }[] = await manager.query(
    `SELECT g.from_id::text AS gap, e.id::text AS id
       FROM unnest($1::bigint[], $2::bigint[]) AS g(from_id, through_id)
       JOIN audit_event e ON e.id BETWEEN g.from_id AND g.through_id
      ORDER BY e.id`,
    [gaps.map((g) => g.seal_event_id), gaps.map((g) => g.seal_through_id)],
  );
  for (const row of rows) found.set(row.gap, [...(found.get(row.gap) ?? []), row.id]);
  return found;
}
