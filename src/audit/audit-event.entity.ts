import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Who acted: a platform user, a registrar, a service client, an operator CLI, or the system. */
export type AuditActorKind = 'platform_user' | 'registrar' | 'service' | 'operator' | 'system';

/** Outcome of the audited action. */
export type AuditOutcome = 'success' | 'failure' | 'denied';

/** Structured, JSON-serialisable details of an audit event. */
export type AuditDetails = { [key: string]: string | number | boolean | null | string[] };

/**
 * One audit event, written in the same transaction as the change it records. Append-only:
 * triggers refuse UPDATE, TRUNCATE and any DELETE but the retention purge's (see the
 * `AuditTrail` migration); the background sealer links every event into a hash chain
 * (`audit_seal`) without touching the row.
 */
@Entity({ name: 'audit_event' })
@Index('ix_audit_event_occurred_at', ['occurredAt'])
@Index('ix_audit_event_target', ['targetType', 'targetId'])
@Index('ix_audit_event_action', ['action'])
@Index('ix_audit_event_actor', ['actor'])
export class AuditEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_audit_event' })
  id: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;

  @Column({ name: 'actor_kind', type: 'text' })
  actorKind: AuditActorKind;

  /** Actor identity, e.g. `issuer|subject` for a platform user. */
  @Column({ type: 'text', nullable: true })
  actor: string | null;

  /** Dotted action name, e.g. `resolution.resolved`, `binding.created`. */
  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'target_type', type: 'text', nullable: true })
  targetType: string | null;

  @Column({ name: 'target_id', type: 'text', nullable: true })
  targetId: string | null;

  @Column({ type: 'text' })
  outcome: AuditOutcome;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;

  @Column({ name: 'client_ip_masked', type: 'text', nullable: true })
  clientIpMasked: string | null;

  /** Structured details; never personal data in clear. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  details: AuditDetails;
}
