import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrganizationEntity } from '../registry/entities/organization.entity';

/** Platform user types, as carried by the platform token. */
export const USER_TYPES = ['legal_person', 'natural_person', 'individual_business'] as const;
export type UserType = (typeof USER_TYPES)[number];

/** How a platform account came to act for an organization. */
export const BINDING_KINDS = ['legal_person', 'legacy_account', 'application'] as const;
export type BindingKind = (typeof BINDING_KINDS)[number];

/**
 * active → superseded (organization established: natural-person bindings, at once or after the
 * grace period) | revoked (registrar, deregistration).
 */
export const BINDING_STATUSES = ['active', 'superseded', 'revoked'] as const;
export type BindingStatus = (typeof BINDING_STATUSES)[number];

/**
 * A binding: one platform account (issuer + subject) may act as one organization account.
 * Invariants live in partial unique indexes: one active binding per platform account, and
 * one active legal-person binding per organization (one USCC, one legal-person account).
 */
@Entity({ name: 'binding' })
@Index('ux_binding_active_platform_account', ['issuer', 'subject'], { unique: true, where: `status = 'active'` })
@Index('ux_binding_active_legal_person', ['organizationId'], { unique: true, where: `status = 'active' AND kind = 'legal_person'` })
@Index('ix_binding_organization_id', ['organizationId'])
@Index('ix_binding_ended_platform_account', ['issuer', 'subject', 'endedAt'], { where: `status <> 'active'` })
@Check('ck_binding_kind', `kind IN ('legal_person', 'legacy_account', 'application')`)
@Check('ck_binding_status', `status IN ('active', 'superseded', 'revoked')`)
@Check('ck_binding_user_type', `user_type IN ('legal_person', 'natural_person', 'individual_business')`)
@Check('ck_binding_kind_user_type', `(kind = 'legal_person') = (user_type = 'legal_person')`)
@Check('ck_binding_ended', `(status = 'active') = (ended_at IS NULL)`)
@Check('ck_binding_supersede_at_natural_person', `supersede_at IS NULL OR kind <> 'legal_person'`)
@Index('ix_binding_resident_id_hash', ['residentIdHash'], { where: 'resident_id_hash IS NOT NULL' })
@Index('ix_binding_supersede_at_due', ['supersedeAt'], { where: `status = 'active' AND supersede_at IS NOT NULL` })
export class BindingEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_binding' })
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_binding_organization' })
  organization?: OrganizationEntity;

  /** Platform issuer (`iss`). */
  @Column({ type: 'text' })
  issuer: string;

  /** Platform subject (`sub`). */
  @Column({ type: 'text' })
  subject: string;

  @Column({ name: 'user_type', type: 'text' })
  userType: UserType;

  @Column({ type: 'text' })
  kind: BindingKind;

  @Column({ type: 'text', default: 'active' })
  status: BindingStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ name: 'ended_reason', type: 'text', nullable: true })
  endedReason: string | null;

  /**
   * Natural-person bindings of an organization established with a grace period
   * (`ESTABLISHMENT_GRACE_PERIOD_HOURS`): when the binding stops counting and becomes `superseded`.
   */
  @Column({ name: 'supersede_at', type: 'timestamptz', nullable: true })
  supersedeAt: Date | null;

  /**
   * The natural person behind the binding, recorded from the token at bind time for the support
   * view (personal data, PIPL): the name and mobile masked, the resident ID only as a keyed hash
   * (exact look-up) and masked. Null for legal-person bindings and where no claim was present.
   */
  @Column({ name: 'person_name_masked', type: 'text', nullable: true })
  personNameMasked: string | null;

  /** `hmac-sha256:<hex>` of the resident ID under `PERSONAL_DATA_HASH_KEY`. */
  @Column({ name: 'resident_id_hash', type: 'text', nullable: true })
  residentIdHash: string | null;

  /** e.g. `210***********123X`. */
  @Column({ name: 'resident_id_masked', type: 'text', nullable: true })
  residentIdMasked: string | null;

  /** e.g. `138****5678`. */
  @Column({ name: 'phone_masked', type: 'text', nullable: true })
  phoneMasked: string | null;
}
