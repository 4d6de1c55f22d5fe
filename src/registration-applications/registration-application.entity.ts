import {
  Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn,
} from 'typeorm';
import { DivisionEntity } from '../registry/entities/division.entity';
import { OrganizationEntity, OrganizationType } from '../registry/entities/organization.entity';
import { RegistrationAuthorityEntity } from '../registry/entities/registration-authority.entity';
import { ApplicationContactColumns } from './application-contact';
import { ApplicationStatus } from './domain/application-status';

/** Platform user types that may file a registration application (guide 图8: 自然人 / 个体工商户). */
export const APPLICANT_USER_TYPES = ['natural_person', 'individual_business'] as const;
export type ApplicantUserType = (typeof APPLICANT_USER_TYPES)[number];

/**
 * A registration application (注册申请, guide 图9 option 二, form 图10): a natural-person user
 * asks the registration authority of a division to register a new organization under an exact
 * proposed name. Routed to exactly one authority; reviewed by its registrars.
 *
 * Invariants are constraints: one pending application per platform account; a proposed name
 * pending only once; decided/withdrawn timestamps, the rejection reason and the organization
 * present exactly in the statuses that have them.
 */
@Entity({ name: 'registration_application' })
@Index('ux_registration_application_pending_account', ['issuer', 'subject'], { unique: true, where: `status = 'pending'` })
@Index('ux_registration_application_pending_name', ['proposedName'], { unique: true, where: `status = 'pending'` })
@Index('ix_registration_application_account', ['issuer', 'subject', 'submittedAt'])
@Index('ix_registration_application_review_queue', ['authorityCode', 'status', 'submittedAt', 'id'])
@Index('ix_registration_application_organization_id', ['organizationId'])
@Check('ck_registration_application_status', `status IN ('pending', 'approved', 'rejected', 'withdrawn')`)
@Check('ck_registration_application_organization_type', `organization_type IN ('social_group', 'private_non_enterprise', 'foundation')`)
@Check('ck_registration_application_applicant_user_type', `applicant_user_type IN ('natural_person', 'individual_business')`)
@Check('ck_registration_application_decided', `(status IN ('approved', 'rejected')) = (decided_at IS NOT NULL AND decided_by IS NOT NULL)`)
@Check('ck_registration_application_rejection_reason', `(status = 'rejected') = (rejection_reason IS NOT NULL)`)
@Check('ck_registration_application_organization', `(status = 'approved') = (organization_id IS NOT NULL)`)
@Check('ck_registration_application_withdrawn', `(status = 'withdrawn') = (withdrawn_at IS NOT NULL)`)
@Check('ck_registration_application_version', `version >= 1`)
export class RegistrationApplicationEntity {
  /** Chosen by the service before insertion (the idempotency key refers to it). */
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_registration_application' })
  id: string;

  /** Applicant's platform issuer (`iss`). */
  @Column({ type: 'text' })
  issuer: string;

  /** Applicant's platform subject (`sub`). */
  @Column({ type: 'text' })
  subject: string;

  @Column({ name: 'applicant_user_type', type: 'text' })
  applicantUserType: ApplicantUserType;

  /**
   * The applicant as the token named them at submission, masked (resident ID as a keyed hash
   * and masked; never in clear): copied onto the binding when the application is approved, for
   * the support view and search by resident ID. Null when the token carried no such claim.
   */
  @Column({ name: 'applicant_name_masked', type: 'text', nullable: true })
  applicantNameMasked: string | null;

  @Column({ name: 'applicant_resident_id_hash', type: 'text', nullable: true })
  applicantResidentIdHash: string | null;

  @Column({ name: 'applicant_resident_id_masked', type: 'text', nullable: true })
  applicantResidentIdMasked: string | null;

  @Column({ name: 'applicant_phone_masked', type: 'text', nullable: true })
  applicantPhoneMasked: string | null;

  /** 登记机关所属地: the division the applicant chose (guide 图10 注1). */
  @Column({ name: 'division_code', type: 'char', length: 6 })
  divisionCode: string;

  @ManyToOne(() => DivisionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'division_code', foreignKeyConstraintName: 'fk_registration_application_division' })
  division?: DivisionEntity;

  /** 所属登记管理机关: the one authority the application is routed to. */
  @Column({ name: 'authority_code', type: 'text' })
  authorityCode: string;

  @ManyToOne(() => RegistrationAuthorityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'authority_code', foreignKeyConstraintName: 'fk_registration_application_authority' })
  authority?: RegistrationAuthorityEntity;

  /** Proposed organization name, exactly as typed (guide 图10 注2: 多字少字错字都不可以). */
  @Column({ name: 'proposed_name', type: 'text' })
  proposedName: string;

  @Column({ name: 'organization_type', type: 'text' })
  organizationType: OrganizationType;

  /** Contact person: personal data, see {@link ApplicationContactColumns}. */
  @Column(() => ApplicationContactColumns, { prefix: false })
  contact: ApplicationContactColumns;

  /** Applicant's optional note to the registrar. */
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'text' })
  status: ApplicationStatus;

  /** Optimistic-concurrency version, incremented by every change; the API's ETag is `W/"<version>"`. */
  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  /** Registrar who decided: `issuer|subject`. */
  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy: string | null;

  /** Registrar's optional note with an approval. */
  @Column({ name: 'decision_note', type: 'text', nullable: true })
  decisionNote: string | null;

  /** Why the registrar rejected it (required with `rejected`; shown to the applicant). */
  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason: string | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  /** The organization in formation created on approval. */
  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => OrganizationEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_registration_application_organization' })
  organization?: OrganizationEntity | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
