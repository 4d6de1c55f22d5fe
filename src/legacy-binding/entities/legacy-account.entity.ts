import {
  Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, VersionColumn,
} from 'typeorm';
import { BindingEntity } from '../../bindings/binding.entity';
import { OrganizationEntity } from '../../registry/entities/organization.entity';
import { LEGACY_HASH_SCHEMES, LegacyHashScheme } from '../domain/legacy-hash';
import { LegacyAccountStatus } from '../domain/legacy-binding-decision';

/** unbound → bound (by re-authentication); disabled by the registration authority (import). */
export const LEGACY_ACCOUNT_STATUSES = ['unbound', 'bound', 'disabled'] as const;

const schemeList = LEGACY_HASH_SCHEMES.map((s) => `'${s}'`).join(', ');

/**
 * A login of the old management system, issued by a registration authority to an organization
 * (guide §二(二)2, 图9 option 一). The password is held only as `verifier` =
 * Argon2id(legacy hash of the password): never the legacy hash itself.
 */
@Entity({ name: 'legacy_account' })
@Index('ux_legacy_account_login_name_key', ['loginNameKey'], { unique: true })
@Index('ix_legacy_account_organization_id', ['organizationId'])
@Index('ux_legacy_account_bound_binding_id', ['boundBindingId'], { unique: true, where: 'bound_binding_id IS NOT NULL' })
@Check('ck_legacy_account_status', `status IN ('unbound', 'bound', 'disabled')`)
@Check('ck_legacy_account_scheme', `scheme IN (${schemeList})`)
@Check('ck_legacy_account_bound', `(status = 'bound') = (bound_binding_id IS NOT NULL AND bound_at IS NOT NULL)`)
@Check('ck_legacy_account_salt', `(scheme IN ('md5_salt_password', 'md5_password_salt', 'bcrypt')) = (legacy_salt IS NOT NULL)`)
@Check('ck_legacy_account_verifier', `verifier LIKE '$argon2id$%'`)
export class LegacyAccountEntity {
  @PrimaryColumn({ type: 'uuid', default: () => 'gen_random_uuid()', primaryKeyConstraintName: 'pk_legacy_account' })
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_legacy_account_organization' })
  organization?: OrganizationEntity;

  /** The login name as the authority issued it (shown to registrars). */
  @Column({ name: 'login_name', type: 'text' })
  loginName: string;

  /** Matching key: NFKC, trimmed, lower case (domain/login-name.ts). Unique. */
  @Column({ name: 'login_name_key', type: 'text' })
  loginNameKey: string;

  /** How the old system hashed the password. */
  @Column({ type: 'text' })
  scheme: LegacyHashScheme;

  /** Salted MD5: the salt; bcrypt: its setting (cost and salt, not the hash); else null. */
  @Column({ name: 'legacy_salt', type: 'text', nullable: true })
  legacySalt: string | null;

  /** Argon2id PHC string of the legacy hash. Secret: never selected unless asked for. */
  @Column({ type: 'text', select: false })
  verifier: string;

  @Column({ type: 'text', default: 'unbound' })
  status: LegacyAccountStatus;

  /** The binding made with this account (status `bound`). */
  @Column({ name: 'bound_binding_id', type: 'uuid', nullable: true })
  boundBindingId: string | null;

  @ManyToOne(() => BindingEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'bound_binding_id', foreignKeyConstraintName: 'fk_legacy_account_bound_binding' })
  boundBinding?: BindingEntity | null;

  @Column({ name: 'bound_at', type: 'timestamptz', nullable: true })
  boundAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Bumped on every change (credentials re-imported, bound): a verification made before a change is redone. */
  @VersionColumn()
  version: number;
}
