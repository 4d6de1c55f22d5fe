import { DataSource, EntityManager } from 'typeorm';
import { ChainLink, StoredAuditEvent } from '../domain/audit-chain';
import { planSeal } from '../domain/seal-plan';
import { readSealHead, STORED_EVENT_COLUMNS } from './audit-chain.sql';

export interface AuditSealerOptions {
  /** Events read (and at most sealed) per transaction. */
  readonly batchSize: number;
  /** See `domain/seal-plan.ts`: minimum time a missing id is watched before it becomes a gap link. */
  readonly gapGraceMs: number;
  /** Clock (tests control it). */
  readonly now?: () => Date;
}

/** Outcome of one sealing transaction or of a round of them. */
export interface SealRound {
  /** `busy`: another sealer (replica) holds the chain; nothing was done. */
  readonly status: 'sealed' | 'busy';
  readonly eventLinks: number;
  readonly gapLinks: number;
  /** Last id covered by the chain afterwards. */
  readonly lastThroughId: string;
  /** Missing ids sealing waits at, and for how long they have been watched. */
  readonly blockedBy: { readonly fromId: string; readonly throughId: string; readonly watchedMs: number | null } | null;
  /** False when a full batch was sealed: more events may be waiting. */
  readonly caughtUp: boolean;
}

/**
 * Seals audit events into the hash chain, in id order, from a background loop (never on the
 * request path). Safe with several replicas: each transaction first locks the single
 * `audit_seal_head` row with `FOR UPDATE SKIP LOCKED`, so one sealer works at a time and the
 * others skip the round; the database refuses a link that does not continue the chain, and
 * `audit_seal.event_id` is unique. Gaps in ids are handled as `domain/seal-plan.ts` explains.
 */
export class AuditSealer {
  private readonly now: () => Date;

  constructor(private readonly dataSource: DataSource, private readonly options: AuditSealerOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** Seal one batch in one transaction. */
  async sealOnce(): Promise<SealRound> {
    return this.dataSource.transaction(async (manager) => {
      const head = await readSealHead(manager, 'skip');
      if (!head) return { status: 'busy', eventLinks: 0, gapLinks: 0, lastThroughId: '', blockedBy: null, caughtUp: false };
      // Checked before the events are read: if it holds, every id below the observation whose
      // transaction committed is visible to the next statement.
      let observationSettled = false;
      if (head.observation) {
        const [row]: { settled: boolean }[] = await manager.query(
          'SELECT pg_snapshot_xmin(pg_current_snapshot()) >= $1::text::xid8 AS settled',
          [head.observation.xmax.toString()],
        );
        observationSettled = row.settled;
      }
      const events: StoredAuditEvent[] = await manager.query(
        `SELECT ${STORED_EVENT_COLUMNS} FROM audit_event e WHERE e.id > $1 ORDER BY e.id LIMIT $2`,
        [head.last.throughId, this.options.batchSize],
      );
      const now = this.now();
      const plan = planSeal({
        head: { lastThroughId: BigInt(head.last.throughId), lastHash: head.last.hash, observation: head.observation },
        events,
        observationSettled,
        now,
        gapGraceMs: this.options.gapGraceMs,
      });
      if (plan.links.length > 0) await insertLinks(manager, plan.links);
      let observation = head.observation;
      if (plan.observation.action === 'clear') observation = null;
      if (plan.observation.action === 'observe') {
        // Taken after the events were read: every transaction that had written a missing id by then has a smaller xid.
        const [row]: { xmax: string }[] = await manager.query('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xmax');
        observation = { belowId: plan.observation.belowId, observedAt: now, xmax: BigInt(row.xmax) };
      }
      if (plan.links.length > 0 || plan.observation.action !== 'keep') {
        await manager.query(
          `UPDATE audit_seal_head
              SET last_through_id = $1, last_hash = $2, gap_below_id = $3, gap_observed_at = $4, gap_xmax = $5, updated_at = now()
            WHERE id = 1`,
          [plan.lastThroughId.toString(), plan.lastHash, observation?.belowId.toString() ?? null, observation?.observedAt ?? null, observation?.xmax.toString() ?? null],
        );
      }
      const watched = plan.blockedBy && observation && plan.blockedBy.throughId < observation.belowId ? now.getTime() - observation.observedAt.getTime() : null;
      return {
        status: 'sealed',
        eventLinks: plan.links.filter((l) => l.kind === 'event').length,
        gapLinks: plan.links.filter((l) => l.kind === 'gap').length,
        lastThroughId: plan.lastThroughId.toString(),
        blockedBy: plan.blockedBy ? { fromId: plan.blockedBy.fromId.toString(), throughId: plan.blockedBy.throughId.toString(), watchedMs: watched } : null,
        caughtUp: plan.blockedBy !== null || events.length < this.options.batchSize,
      };
    });
  }

  /** Seal batch after batch until caught up, blocked, busy, or `maxBatches` were sealed. */
  async sealUntilCaughtUp(maxBatches = 20): Promise<SealRound> {
    let result = await this.sealOnce();
    let { eventLinks, gapLinks } = result;
    for (let i = 1; i < maxBatches && result.status === 'sealed' && !result.caughtUp; i++) {
      const next = await this.sealOnce();
      if (next.status === 'busy') break;
      result = next;
      eventLinks += next.eventLinks;
      gapLinks += next.gapLinks;
    }
    return { ...result, eventLinks, gapLinks };
  }
}

async function insertLinks(manager: EntityManager, links: readonly ChainLink[]): Promise<void> {
  await manager.query(
    `INSERT INTO audit_seal (event_id, through_id, kind, prev_hash, hash)
     SELECT l.event_id, l.through_id, l.kind, l.prev_hash, l.hash
       FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS l(event_id, through_id, kind, prev_hash, hash, n)
      ORDER BY l.n`,
    [
      links.map((l) => l.eventId.toString()),
      links.map((l) => l.throughId.toString()),
      links.map((l) => l.kind),
      links.map((l) => l.prevHash),
      links.map((l) => l.hash),
    ],
  );
}
