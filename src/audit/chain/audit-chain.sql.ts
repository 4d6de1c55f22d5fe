import { EntityManager } from 'typeorm';
import { ChainPoint } from '../domain/chain-verifier';
import { GapObservation } from '../domain/seal-plan';

/**
 * Every column of `audit_event` read exactly as stored, for hashing: the id as decimal text,
 * the time as ISO 8601 UTC with PostgreSQL's microseconds (independent of the session time
 * zone; a JS Date would drop the microseconds), `details` as jsonb text (re-canonicalized by
 * `canonicalEventRecord`, so jsonb's own key order does not matter). Alias `e`.
 * Must list every column of `domain/audit-chain.ts` AUDIT_EVENT_COLUMNS.
 */
export const STORED_EVENT_COLUMNS = `e.id::text AS id,
  to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at,
  e.actor_kind, e.actor, e.action, e.target_type, e.target_id, e.outcome, e.reason, e.request_id, e.client_ip_masked,
  e.details::text AS details`;

/** The `audit_seal_head` row, as read. */
export interface SealHeadRow {
  readonly last: ChainPoint;
  readonly anchor: ChainPoint;
  readonly observation: GapObservation | null;
}

interface RawHead {
  last_through_id: string;
  last_hash: string;
  anchor_through_id: string;
  anchor_hash: string;
  gap_below_id: string | null;
  gap_observed_at: Date | null;
  gap_xmax: string | null;
}

/**
 * Read the seal head. `lock`: `skip` takes the row lock or returns null when another sealer
 * holds it; `wait` waits for it; `none` reads without locking.
 */
export async function readSealHead(manager: EntityManager, lock: 'skip' | 'wait' | 'none'): Promise<SealHeadRow | null> {
  const suffix = lock === 'skip' ? ' FOR UPDATE SKIP LOCKED' : lock === 'wait' ? ' FOR UPDATE' : '';
  const rows: RawHead[] = await manager.query(
    `SELECT last_through_id::text, last_hash, anchor_through_id::text, anchor_hash, gap_below_id::text, gap_observed_at, gap_xmax::text
       FROM audit_seal_head WHERE id = 1${suffix}`,
  );
  if (rows.length === 0) {
    if (lock === 'skip') return null;
    throw new Error('audit_seal_head is missing: run the migrations');
  }
  const row = rows[0];
  return {
    last: { throughId: row.last_through_id, hash: row.last_hash },
    anchor: { throughId: row.anchor_through_id, hash: row.anchor_hash },
    observation: row.gap_below_id !== null && row.gap_observed_at !== null && row.gap_xmax !== null
      ? { belowId: BigInt(row.gap_below_id), observedAt: row.gap_observed_at, xmax: BigInt(row.gap_xmax) }
      : null,
  };
}
