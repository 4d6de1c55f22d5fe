import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { DivisionEntity } from './division.entity';

/** Level of a registration authority, following its division. */
export const AUTHORITY_LEVELS = ['province', 'city', 'county'] as const;
export type AuthorityLevel = (typeof AUTHORITY_LEVELS)[number];

/**
 * A registration authority (登记管理机关): the civil-affairs department or administrative
 * approval bureau that registers organizations in one administrative division.
 */
@Entity({ name: 'registration_authority' })
@Index('ix_registration_authority_division_code', ['divisionCode'])
@Check('ck_registration_authority_level', `level IN ('province', 'city', 'county')`)
@Check('ck_registration_authority_code', `code ~ '^[A-Z0-9][A-Z0-9-]{1,31}$'`)
export class RegistrationAuthorityEntity {
  /** Stable authority code: upper-case letters, digits and `-`, e.g. `MZ-210311` (民政, 千山区). */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_registration_authority' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'division_code', type: 'char', length: 6 })
  divisionCode: string;

  @ManyToOne(() => DivisionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'division_code', foreignKeyConstraintName: 'fk_registration_authority_division' })
  division?: DivisionEntity;

  @Column({ type: 'text' })
  level: AuthorityLevel;

  /** Whether the authority accepts registration applications. Inactive authorities keep their history. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
