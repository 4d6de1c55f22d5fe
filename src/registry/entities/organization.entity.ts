import {
  Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn,
} from 'typeorm';
import { DivisionEntity } from './division.entity';
import { RegistrationAuthorityEntity } from './registration-authority.entity';

/** 社会团体 / 民办非企业单位(社会服务机构) / 基金会. */
export const ORGANIZATION_TYPES = ['social_group', 'private_non_enterprise', 'foundation'] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

/** 已成立 / 拟成立 / 已注销. */
export const ORGANIZATION_STATUSES = ['established', 'in_formation', 'deregistered'] as const;
export type OrganizationStatus = (typeof ORGANIZATION_STATUSES)[number];

/** A social organization in the registry. The management system is its system of record. */
@Entity({ name: 'organization' })
@Index('ux_organization_uscc', ['uscc'], { unique: true, where: 'uscc IS NOT NULL' })
@Index('ux_organization_external_id', ['externalId'], { unique: true, where: 'external_id IS NOT NULL' })
@Index('ix_organization_name', ['name'])
@Index('ix_organization_authority_code', ['authorityCode'])
@Check('ck_organization_type', `type IN ('social_group', 'private_non_enterprise', 'foundation')`)
@Check('ck_organization_status', `status IN ('established', 'in_formation', 'deregistered')`)
@Check('ck_organization_established_has_uscc', `status <> 'established' OR uscc IS NOT NULL`)
@Check('ck_organization_deregistered_at', `deregistered_at IS NULL OR status = 'deregistered'`)
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_organization' })
  id: string;

  /** Identifier in the management system (its system of record). */
  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId: string | null;

  /** Exact legal name as on the registration certificate. Stored as given, never normalised. */
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  type: OrganizationType;

  @Column({ type: 'text' })
  status: OrganizationStatus;

  /** Unified Social Credit Code (GB 32100-2015); null until established. */
  @Column({ type: 'char', length: 18, nullable: true })
  uscc: string | null;

  @Column({ name: 'division_code', type: 'char', length: 6, nullable: true })
  divisionCode: string | null;

  @ManyToOne(() => DivisionEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'division_code', foreignKeyConstraintName: 'fk_organization_division' })
  division?: DivisionEntity | null;

  @Column({ name: 'authority_code', type: 'text', nullable: true })
  authorityCode: string | null;

  @ManyToOne(() => RegistrationAuthorityEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'authority_code', foreignKeyConstraintName: 'fk_organization_authority' })
  authority?: RegistrationAuthorityEntity | null;

  @Column({ name: 'established_at', type: 'date', nullable: true })
  establishedAt: string | null;

  /** Date of deregistration (注销登记), when deregistered. */
  @Column({ name: 'deregistered_at', type: 'date', nullable: true })
  deregisteredAt: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
