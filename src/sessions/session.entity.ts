import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { BindingEntity } from '../bindings/binding.entity';
import { OrganizationEntity } from '../registry/entities/organization.entity';
import { SESSION_END_REASONS, SessionEndReason } from './domain/session-end-reasons';

/** active → ended (with a reason: logout, takeover, timeouts, binding ended, deregistration). */
export const SESSION_STATUSES = ['active', 'ended'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/**
 * A login session of an organization account (guide 图11: one account, one computer). The
 * partial unique index `ux_session_active_organization` is the arbiter: at most one active
 * session per organization account, whatever replica serves the login.
 */
@Entity({ name: 'session' })
@Index('ux_session_active_organization', ['organizationId'], { unique: true, where: 'ended_at IS NULL' })
@Index('ix_session_binding_active', ['bindingId'], { where: 'ended_at IS NULL' })
@Index('ix_session_organization_started_at', ['organizationId', 'startedAt'])
@Check('ck_session_status', `status IN ('active', 'ended')`)
@Check('ck_session_ended', `(status = 'active') = (ended_at IS NULL) AND (ended_at IS NULL) = (end_reason IS NULL)`)
@Check('ck_session_end_reason', `end_reason IS NULL OR end_reason IN (${SESSION_END_REASONS.map((r) => `'${r}'`).join(', ')})`)
@Check('ck_session_times', 'last_activity_at >= started_at AND (ended_at IS NULL OR ended_at >= started_at)')
export class SessionEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_session' })
  id: string;

  /** The organization account the session acts as. */
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_session_organization' })
  organization?: OrganizationEntity;

  /** The binding that let the platform account open it. */
  @Column({ name: 'binding_id', type: 'uuid' })
  bindingId: string;

  @ManyToOne(() => BindingEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'binding_id', foreignKeyConstraintName: 'fk_session_binding' })
  binding?: BindingEntity;

  /** Platform issuer (`iss`) of the user who opened it. */
  @Column({ type: 'text' })
  issuer: string;

  /** Platform subject (`sub`) of the user who opened it. */
  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text', default: 'active' })
  status: SessionStatus;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  /** Last recorded activity (recorded at most once per `SESSION_ACTIVITY_WRITE_INTERVAL_SECONDS`). */
  @Column({ name: 'last_activity_at', type: 'timestamptz' })
  lastActivityAt: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ name: 'end_reason', type: 'text', nullable: true })
  endReason: SessionEndReason | null;

  /** The session that took this one over (takeover, terminate_oldest). */
  @Column({ name: 'replaced_by_session_id', type: 'uuid', nullable: true })
  replacedBySessionId: string | null;

  /** Deferred: the old session is ended (naming its successor) before the successor is inserted. */
  @ManyToOne(() => SessionEntity, { nullable: true, onDelete: 'RESTRICT', deferrable: 'INITIALLY DEFERRED' })
  @JoinColumn({ name: 'replaced_by_session_id', foreignKeyConstraintName: 'fk_session_replaced_by' })
  replacedBy?: SessionEntity | null;

  /** The user's address as the management system saw it, masked (`203.0.113.*`). */
  @Column({ name: 'client_ip_masked', type: 'text', nullable: true })
  clientIpMasked: string | null;

  /** Short device description parsed from the user agent, e.g. `Chrome 126 · Windows 10/11`. */
  @Column({ type: 'text', nullable: true })
  device: string | null;
}
