import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { DivisionEntity } from './division.entity';

/** Level of a registration authority, following its division. */
export type AuthorityLevel = 'province' | 'city' | 'county';

/**
 * A registration authority (登记管理机关): the civil-affairs department or administrative
 * approval bureau that registers organizations in one administrative division.
 */
@Entity({ name: 'registration_authority' })
@Index('ix_registration_authority_division_code', ['divisionCode'])
export class RegistrationAuthorityEntity {
  /** Stable authority code (e.g. `210311-MZ`). */
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

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
