import { Injectable } from '@nestjs/common';
import { AuditActorKind } from './audit-event.entity';
import { AuditEventsRepository } from './audit-events.repository';
import { AuditScope } from './audit-scope';
import { AuditService } from './audit.service';
import { AuditEventQueryDto } from './dto/audit-event-query.dto';
import { AuditEventListResponseDto } from './dto/audit-event-response.dto';

/** Who reads the audit trail (the read is itself audited). */
export interface AuditReader {
  readonly actorKind: AuditActorKind;
  readonly actor: string;
  readonly requestId: string;
  readonly clientIp: string | undefined;
}

const DEFAULT_LIMIT = 50;

/** Searches the audit trail within a scope, and records who looked. */
@Injectable()
export class AuditEventsService {
  constructor(private readonly repository: AuditEventsRepository, private readonly audit: AuditService) {}

  /** One page of events visible in `scope` (operators: {@link AuditScope.all}). */
  async list(scope: AuditScope, query: AuditEventQueryDto, reader: AuditReader): Promise<AuditEventListResponseDto> {
    const order = query.order ?? 'desc';
    const limit = query.limit ?? DEFAULT_LIMIT;
    const { events, hasMore } = await this.repository.findPage(
      scope,
      {
        organizationId: query.organizationId,
        actor: query.actor,
        action: query.action,
        outcome: query.outcome,
        from: query.from,
        to: query.to,
      },
      { order, cursor: query.cursor, limit },
    );
    await this.audit.record({
      actorKind: reader.actorKind,
      actor: reader.actor,
      action: 'audit.events_listed',
      // The trail itself is the target, so that searches do not show up in the history of what they searched.
      targetType: 'audit_trail',
      outcome: 'success',
      requestId: reader.requestId,
      clientIp: reader.clientIp,
      details: {
        scope: scope.kind === 'all' ? 'all' : scope.authorityCodes.join(','),
        filters: Object.entries({ organizationId: query.organizationId, actor: query.actor, action: query.action, outcome: query.outcome, from: query.from, to: query.to })
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => `${k}=${v}`),
        order,
        cursor: query.cursor ?? null,
        returned: events.length,
      },
    });
    return {
      events,
      order,
      nextCursor: events.length > 0 ? events[events.length - 1].id : (query.cursor ?? null),
      hasMore,
    };
  }
}
