import { EntityManager } from 'typeorm';
import { AuditEventEntity } from '../audit-event.entity';
import { auditRow } from '../audit.service';
import { readSealHead, SealHeadRow } from '../chain/audit-chain.sql';
import { retentionCutoff } from '../domain/retention';
import { PurgeContext, PurgeTask, PurgeTaskReport } from './purge-task';

/** Action of the audit event every purge run writes. Its details record the new chain anchor. */
export const AUDIT_PURGED_ACTION = 'audit.purged';

const TASK = 'audit-events';

/** Statement timeout inside a purge transaction (the service default is a few seconds). */
const PURGE_STATEMENT_TIMEOUT = '120s';

/**
 * Removes audit events older than `AUDIT_RETENTION_DAYS`, with their chain links, oldest first.
 *
 * Only a *prefix* of the chain is removed, and only sealed events: everything up to the last
 * link before the first event (in id order) that is still within retention. Each batch is one
 * transaction that (1) locks the seal head (waiting for a sealing round), (2) moves the chain
 * anchor onto the last removed link (its id and hash), (3) deletes those links and events, with
 * `orgbind.audit_purge_before` set so that the triggers let exactly these rows go, and
 * (4) writes an `audit.purged` event recording the range and the new anchor. `audit:verify`
 * then starts from the anchor and checks it against that event.
 */
export const auditEventsPurgeTask: PurgeTask = {
  name: TASK,
  description: 'audit events older than AUDIT_RETENTION_DAYS, with their hash-chain links (the chain is re-anchored)',
  async run(context: PurgeContext): Promise<PurgeTaskReport> {
    const retentionDays = context.config.audit.retentionDays;
    const cutoff = retentionCutoff(context.now, retentionDays);
    const base = { task: TASK, dryRun: context.dryRun, retentionDays, cutoff: cutoff.toISOString() };
    const bound = await context.dataSource.transaction((manager) => purgeBound(manager, cutoff));
    if (context.dryRun) {
      const [counts]: { events: string; links: string }[] = await context.dataSource.query(
        `SELECT (SELECT count(*) FROM audit_event WHERE id > $1 AND id <= $2)::text AS events,
                (SELECT count(*) FROM audit_seal WHERE event_id > $1 AND through_id <= $2)::text AS links`,
        [bound.anchor.throughId, bound.throughId.toString()],
      );
      return { ...base, deleted: Number(counts.events), details: { links: Number(counts.links), throughEventId: bound.throughId.toString(), waitingForSealer: bound.unsealedOld } };
    }

    let deletedEvents = 0;
    let deletedLinks = 0;
    let batches = 0;
    for (;;) {
      const batch = await context.dataSource.transaction((manager) => purgeBatch(manager, { context, cutoff, bound: bound.throughId, retentionDays }));
      if (!batch) break;
      batches++;
      deletedEvents += batch.events;
      deletedLinks += batch.links;
      context.log(`${TASK}: removed ${deletedEvents} events so far (through id ${batch.throughId})`);
    }
    if (batches === 0) {
      // Nothing was old enough: still leave a trace that the purge ran.
      await context.dataSource.transaction(async (manager) => {
        const head = (await readSealHead(manager, 'wait'))!;
        await recordPurge(manager, context, { cutoff, retentionDays, fromEventId: null, throughEventId: null, events: 0, links: 0, anchor: head.anchor });
      });
    }
    const anchor = (await readSealHead(context.dataSource.manager, 'none'))!.anchor;
    return {
      ...base,
      deleted: deletedEvents,
      details: { links: deletedLinks, batches, anchorThroughId: anchor.throughId, anchorHash: anchor.hash, waitingForSealer: bound.unsealedOld },
    };
  },
};

/**
 * The last id that may go: just below the first event (in id order) still within retention,
 * and never above the sealed head. Also counts old events the sealer has not reached yet
 * (they wait for the next run).
 */
async function purgeBound(manager: EntityManager, cutoff: Date): Promise<{ anchor: SealHeadRow['anchor']; throughId: bigint; unsealedOld: number }> {
  const head = (await readSealHead(manager, 'none'))!;
  const [young]: { id: string }[] = await manager.query(
    'SELECT e.id::text AS id FROM audit_event e WHERE e.id > $1 AND e.occurred_at >= $2 ORDER BY e.id LIMIT 1',
    [head.anchor.throughId, cutoff],
  );
  const sealed = BigInt(head.last.throughId);
  const throughId = young && BigInt(young.id) - 1n < sealed ? BigInt(young.id) - 1n : sealed;
  const [unsealed]: { n: string }[] = await manager.query(
    'SELECT count(*)::text AS n FROM audit_event WHERE id > $1 AND occurred_at < $2',
    [head.last.throughId, cutoff],
  );
  return { anchor: head.anchor, throughId, unsealedOld: Number(unsealed.n) };
}

async function purgeBatch(
  manager: EntityManager,
  args: { context: PurgeContext; cutoff: Date; bound: bigint; retentionDays: number },
): Promise<{ events: number; links: number; throughId: string } | null> {
  await manager.query(`SET LOCAL statement_timeout = '${PURGE_STATEMENT_TIMEOUT}'`);
  const head = (await readSealHead(manager, 'wait'))!;
  const [last]: { through_id: string; hash: string }[] = await manager.query(
    `SELECT through_id::text, hash FROM (
       SELECT event_id, through_id, hash FROM audit_seal WHERE event_id > $1 AND through_id <= $2 ORDER BY event_id LIMIT $3
     ) batch ORDER BY event_id DESC LIMIT 1`,
    [head.anchor.throughId, args.bound.toString(), args.context.batchSize],
  );
  if (!last) return null;
  await manager.query("SELECT set_config('orgbind.audit_purge_before', $1, true)", [args.cutoff.toISOString()]);
  await manager.query(
    'UPDATE audit_seal_head SET anchor_through_id = $1, anchor_hash = $2, anchored_at = now(), updated_at = now() WHERE id = 1',
    [last.through_id, last.hash],
  );
  const [links]: { n: number }[] = await manager.query(
    'WITH removed AS (DELETE FROM audit_seal WHERE event_id > $1 AND event_id <= $2 RETURNING 1) SELECT count(*)::int AS n FROM removed',
    [head.anchor.throughId, last.through_id],
  );
  const [events]: { n: number }[] = await manager.query(
    'WITH removed AS (DELETE FROM audit_event WHERE id > $1 AND id <= $2 RETURNING 1) SELECT count(*)::int AS n FROM removed',
    [head.anchor.throughId, last.through_id],
  );
  await recordPurge(manager, args.context, {
    cutoff: args.cutoff,
    retentionDays: args.retentionDays,
    fromEventId: (BigInt(head.anchor.throughId) + 1n).toString(),
    throughEventId: last.through_id,
    events: events.n,
    links: links.n,
    anchor: { throughId: last.through_id, hash: last.hash },
  });
  return { events: events.n, links: links.n, throughId: last.through_id };
}

async function recordPurge(
  manager: EntityManager,
  context: PurgeContext,
  run: { cutoff: Date; retentionDays: number; fromEventId: string | null; throughEventId: string | null; events: number; links: number; anchor: SealHeadRow['anchor'] },
): Promise<void> {
  await manager.insert(AuditEventEntity, auditRow({
    actorKind: 'operator',
    actor: context.actor,
    action: AUDIT_PURGED_ACTION,
    targetType: 'audit_trail',
    outcome: 'success',
    reason: `retention ${run.retentionDays} days`,
    details: {
      task: TASK,
      cutoff: run.cutoff.toISOString(),
      retentionDays: run.retentionDays,
      fromEventId: run.fromEventId,
      throughEventId: run.throughEventId,
      deletedEvents: run.events,
      deletedLinks: run.links,
      anchorThroughId: run.anchor.throughId,
      anchorHash: run.anchor.hash,
    },
  }));
}
