import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { maskIp } from '../common/http/client-ip';
import { AuditActorKind, AuditDetails, AuditEventEntity, AuditOutcome } from './audit-event.entity';

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

/** Row values for an audit event (shared with raw SQL writers). */
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

/**
 * Writes audit events. Pass the transaction's EntityManager so that the event commits or
 * rolls back with the change it records.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Record one event, inside `manager`'s transaction when given. */
  async record(event: AuditEventInput, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.insert(AuditEventEntity, auditRow(event));
  }
}
