import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { updateReturning } from '../database/update-returning';
import { EventsService, NewEvent } from '../events/events.service';
import { ActingParty, systemParty } from './acting-party';
import { SessionEndReason } from './domain/session-end-reasons';

/** A session that was just ended. */
export interface EndedSession {
  readonly id: string;
  readonly organizationId: string;
  readonly bindingId: string;
  readonly reason: SessionEndReason;
}

interface EndedRow {
  id: string;
  organization_id: string;
  binding_id: string;
  end_reason: SessionEndReason;
}

const SWEEP_BATCH = 500;

/**
 * Ends sessions inside the caller's transaction, with one audit event each, and returns the
 * `session.ended` feed events for the caller to append (last, see EventsService.append). Used
 * by the sessions API and by every change that ends bindings (establishment, deregistration),
 * so a binding never ends while a session on it stays active.
 */
@Injectable()
export class SessionEndingService {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly events: EventsService,
  ) {}

  /** End the active sessions opened through these bindings. */
  async endForBindings(manager: EntityManager, bindingIds: readonly string[], reason: SessionEndReason, now: Date, party: ActingParty): Promise<NewEvent[]> {
    if (bindingIds.length === 0) return [];
    const rows = await this.endWhere(manager, 'binding_id = ANY($3::uuid[])', [reason, now, bindingIds]);
    return this.record(manager, rows, party);
  }

  /** End the organization's active session, whatever binding opened it. */
  async endForOrganization(manager: EntityManager, organizationId: string, reason: SessionEndReason, now: Date, party: ActingParty): Promise<NewEvent[]> {
    const rows = await this.endWhere(manager, 'organization_id = $3', [reason, now, organizationId]);
    return this.record(manager, rows, party);
  }

  /**
   * End one session if it is still active (`endedAt` may be in the past, e.g. the moment it
   * expired). `replacedBy` names the session that took it over.
   */
  async endOne(
    manager: EntityManager,
    sessionId: string,
    reason: SessionEndReason,
    endedAt: Date,
    party: ActingParty,
    replacedBy: string | null = null,
  ): Promise<NewEvent[]> {
    const rows = await this.endWhere(manager, 'id = $3', [reason, endedAt, sessionId], replacedBy);
    return this.record(manager, rows, party);
  }

  /**
   * End the sessions that have expired by `now` (idle or absolute timeout), in batches, each
   * batch its own transaction (`FOR UPDATE SKIP LOCKED`: replicas sweeping together share the work).
   * @returns how many were ended.
   */
  async endExpired(now: Date): Promise<number> {
    const { idleTimeoutSeconds, absoluteTimeoutSeconds } = this.config.sessions;
    let total = 0;
    for (;;) {
      const ended = await this.dataSource.transaction(async (manager) => {
        const rows = await updateReturning<EndedRow>(
          manager,
          `UPDATE session s
              SET status = 'ended',
                  end_reason = x.reason,
                  ended_at = GREATEST(s.started_at, x.at)
             FROM (
               SELECT id,
                      CASE WHEN last_activity_at + make_interval(secs => $2) <= started_at + make_interval(secs => $3)
                           THEN 'idle_timeout' ELSE 'absolute_timeout' END AS reason,
                      LEAST(last_activity_at + make_interval(secs => $2), started_at + make_interval(secs => $3)) AS at
                 FROM session
                WHERE ended_at IS NULL
                  AND (last_activity_at + make_interval(secs => $2) <= $1 OR started_at + make_interval(secs => $3) <= $1)
                ORDER BY id
                LIMIT ${SWEEP_BATCH}
                FOR UPDATE SKIP LOCKED
             ) x
            WHERE s.id = x.id
        RETURNING s.id, s.organization_id, s.binding_id, s.end_reason`,
          [now, idleTimeoutSeconds, absoluteTimeoutSeconds],
        );
        await this.events.append(manager, ...(await this.record(manager, rows, systemParty('session-sweeper'))));
        return rows.length;
      });
      total += ended;
      if (ended < SWEEP_BATCH) return total;
    }
  }

  private async endWhere(manager: EntityManager, condition: string, params: unknown[], replacedBy: string | null = null): Promise<EndedRow[]> {
    return updateReturning<EndedRow>(
      manager,
      `UPDATE session
          SET status = 'ended', end_reason = $1, ended_at = GREATEST(started_at, $2::timestamptz), replaced_by_session_id = $${params.length + 1}
        WHERE ended_at IS NULL AND ${condition}
    RETURNING id, organization_id, binding_id, end_reason`,
      [...params, replacedBy],
    );
  }

  private async record(manager: EntityManager, rows: readonly EndedRow[], party: ActingParty): Promise<NewEvent[]> {
    const events: NewEvent[] = [];
    for (const row of rows) {
      await this.audit.record({
        actorKind: party.actorKind,
        actor: party.actor,
        action: 'session.ended',
        targetType: 'session',
        targetId: row.id,
        outcome: 'success',
        reason: row.end_reason,
        requestId: party.requestId,
        clientIp: party.clientIp,
        details: { organizationId: row.organization_id, bindingId: row.binding_id },
      }, manager);
      events.push({
        type: 'session.ended',
        aggregateType: 'session',
        aggregateId: row.id,
        data: { sessionId: row.id, organizationId: row.organization_id, bindingId: row.binding_id, reason: row.end_reason },
      });
    }
    return events;
  }
}
