import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { BindingKind } from '../bindings/binding.entity';
import { Clock, InjectClock } from '../common/clock';
import { updateReturning } from '../database/update-returning';
import { EventsService, NewEvent } from '../events/events.service';
import { ActingParty } from '../sessions/acting-party';
import { SessionEndingService } from '../sessions/session-ending.service';
import { BINDING_END_REASONS } from './transition-effects.service';

/** Which due bindings to supersede. */
export type DueSupersessionScope =
  | { readonly all: true }
  | { readonly bindingId: string }
  | { readonly platformAccount: { readonly issuer: string; readonly subject: string } };

interface DueRow {
  id: string;
  organization_id: string;
  kind: BindingKind;
  supersede_at: Date;
}

const BATCH = 500;

/**
 * The end of an establishment grace period (`ESTABLISHMENT_GRACE_PERIOD_HOURS` > 0): natural-person
 * bindings whose `supersede_at` has passed become `superseded` and their sessions end. Applied
 * when met (the resolution already treats a due binding as superseded; a session check or opening
 * applies it at once) and by the periodic sweep; whoever comes first does it, once (row locks).
 */
@Injectable()
export class BindingSupersessionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectClock() private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly sessions: SessionEndingService,
    private readonly events: EventsService,
  ) {}

  /** Supersede the due bindings in `scope`, in their own transaction(s). @returns how many. */
  async applyDue(scope: DueSupersessionScope, party: ActingParty): Promise<number> {
    let total = 0;
    for (;;) {
      const count = await this.dataSource.transaction(async (manager) => {
        const { bindingIds, events } = await this.applyDueIn(manager, scope, this.clock.now(), party);
        await this.events.append(manager, ...events);
        return bindingIds.length;
      });
      total += count;
      if (!('all' in scope) || count < BATCH) return total;
    }
  }

  /** The same inside the caller's transaction; the caller appends the returned events last. */
  async applyDueIn(manager: EntityManager, scope: DueSupersessionScope, now: Date, party: ActingParty): Promise<{ bindingIds: string[]; events: NewEvent[] }> {
    const [condition, params] = 'all' in scope
      ? ['TRUE', []]
      : 'bindingId' in scope
        ? ['id = $3', [scope.bindingId]]
        : ['issuer = $3 AND subject = $4', [scope.platformAccount.issuer, scope.platformAccount.subject]];
    const rows = await updateReturning<DueRow>(
      manager,
      `UPDATE binding b
          SET status = 'superseded', ended_at = b.supersede_at, ended_reason = $2
         FROM (
           SELECT id FROM binding
            WHERE status = 'active' AND supersede_at IS NOT NULL AND supersede_at <= $1 AND ${condition}
            ORDER BY id
            LIMIT ${BATCH}
            FOR UPDATE ${'all' in scope ? 'SKIP LOCKED' : ''}
         ) due
        WHERE b.id = due.id AND b.status = 'active'
    RETURNING b.id, b.organization_id, b.kind, b.supersede_at`,
      [now, BINDING_END_REASONS.establish, ...params],
    );
    const events: NewEvent[] = [];
    for (const row of rows) {
      await this.audit.record({
        actorKind: party.actorKind,
        actor: party.actor,
        action: 'binding.superseded',
        targetType: 'binding',
        targetId: row.id,
        outcome: 'success',
        reason: BINDING_END_REASONS.establish,
        requestId: party.requestId,
        clientIp: party.clientIp,
        details: { organizationId: row.organization_id, kind: row.kind, gracePeriodEndedAt: new Date(row.supersede_at).toISOString() },
      }, manager);
      events.push({
        type: 'binding.superseded',
        aggregateType: 'binding',
        aggregateId: row.id,
        data: { bindingId: row.id, organizationId: row.organization_id, kind: row.kind, reason: BINDING_END_REASONS.establish },
      });
    }
    events.push(...(await this.sessions.endForBindings(manager, rows.map((r) => r.id), 'binding_superseded', now, party)));
    return { bindingIds: rows.map((r) => r.id), events };
  }
}
