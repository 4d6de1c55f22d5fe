import { maskIp } from '../common/http/client-ip';
import type { AuditActorKind, AuditDetails, AuditEventEntity, AuditOutcome } from './audit-event.entity';

/** An event to record. Never put personal data in clear into `details` or `reason`. */
export interface AuditEventInput {
  readonly actorKind: AuditActorKind;
  readonly actor?: string | null;
  readonly action: string;
  readonly targetType?: string | null;
  readonly targetId?: string | null;
  readonly outcome: AuditOutcome;
  readonly reason?: string | null;
  readonly requestId?: string | null;
  /** Raw client IP; stored masked. */
  readonly clientIp?: string | null;
  readonly details?: AuditDetails;
}

/**
 * Row values for an audit event (shared with raw SQL writers: the registry import, the
 * one-statement resolution of a bound user). Plain module: no Nest, no TypeORM at run time.
 */
export function auditRow(event: AuditEventInput): Omit<AuditEventEntity, 'id' | 'occurredAt'> {
  return {
    actorKind: event.actorKind,
    actor: event.actor ?? null,
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    outcome: event.outcome,
    reason: event.reason ?? null,
    requestId: event.requestId ?? null,
    clientIpMasked: maskIp(event.clientIp),
    details: event.details ?? {},
  };
}
