import { AuditEventEntity } from '../audit/audit-event.entity';
import { auditRow } from '../audit/audit.service';
import { PurgeContext, PurgeTask, PurgeTaskReport } from '../audit/retention/purge-task';

const TASK = 'sessions';
const DAY_MS = 86_400_000;

/**
 * Deletes sessions that ended more than `SESSION_RETENTION_DAYS` ago (their device description and masked
 * IP are personal data), in batches; each batch is one transaction with an `sessions.purged`
 * audit event. Sessions replaced by a deleted session lose that link first (the foreign key).
 * Active sessions are never touched.
 */
export const sessionsPurgeTask: PurgeTask = {
  name: TASK,
  description: 'sessions ended more than SESSION_RETENTION_DAYS ago (device description, masked IP)',
  async run(context: PurgeContext): Promise<PurgeTaskReport> {
    const retentionDays = context.config.sessions.retentionDays;
    const cutoff = new Date(context.now.getTime() - retentionDays * DAY_MS);
    const base = { task: TASK, dryRun: context.dryRun, retentionDays, cutoff: cutoff.toISOString() };
    if (context.dryRun) {
      const [row]: { n: number }[] = await context.dataSource.query('SELECT count(*)::int AS n FROM session WHERE ended_at IS NOT NULL AND ended_at < $1', [cutoff]);
      return { ...base, deleted: row.n, details: {} };
    }
    let deleted = 0;
    let batches = 0;
    for (;;) {
      const removed = await context.dataSource.transaction(async (manager) => {
        const ids: { id: string }[] = await manager.query(
          'SELECT id FROM session WHERE ended_at IS NOT NULL AND ended_at < $1 ORDER BY ended_at, id LIMIT $2 FOR UPDATE SKIP LOCKED',
          [cutoff, context.batchSize],
        );
        if (ids.length === 0 && batches > 0) return 0;
        const list = ids.map((r) => r.id);
        if (list.length > 0) {
          await manager.query('UPDATE session SET replaced_by_session_id = NULL WHERE replaced_by_session_id = ANY($1::uuid[])', [list]);
          await manager.query('DELETE FROM session WHERE id = ANY($1::uuid[])', [list]);
        }
        // Every run leaves a trace, even when nothing was old enough.
        await manager.insert(AuditEventEntity, auditRow({
          actorKind: 'operator',
          actor: context.actor,
          action: 'sessions.purged',
          targetType: 'sessions',
          outcome: 'success',
          reason: `retention ${retentionDays} days`,
          details: { task: TASK, cutoff: cutoff.toISOString(), retentionDays, deletedSessions: list.length },
        }));
        return list.length;
      });
      batches++;
      deleted += removed;
      if (removed > 0) context.log(`${TASK}: removed ${deleted} sessions so far`);
      if (removed < context.batchSize) break;
    }
    return { ...base, deleted, details: { batches } };
  },
};
