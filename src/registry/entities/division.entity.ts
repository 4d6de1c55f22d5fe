import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** Level of an administrative division in the GB/T 2260 tree. */
export type DivisionLevel = 'province' | 'city' | 'county';

/** An administrative division (GB/T 2260), e.g. 210300 鞍山市, 210311 千山区. */
@Entity({ name: 'division' })
@Index('ix_division_parent_code', ['parentCode'])
export class DivisionEntity {
  /** Six-digit GB/T 2260 code. */
  @PrimaryColumn({ type: 'char', length: 6, primaryKeyConstraintName: 'pk_division' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  level: DivisionLevel;

  @Column({ name: 'parent_code', type: 'char', length: 6, nullable: true })
  parentCode: string | null;

  @ManyToOne(() => DivisionEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_code', foreignKeyConstraintName: 'fk_division_parent' })
  parent?: DivisionEntity | null;
}

/**
 * A historical division code that still appears inside USCCs (positions 3-8), mapped to
 * the division that succeeded it, e.g. 210122 辽中县 → 210115 辽中区.
 */
@Entity({ name: 'division_alias' })
export class DivisionAliasEntity {
  @PrimaryColumn({ name: 'historical_code', type: 'char', length: 6, primaryKeyConstraintName: 'pk_division_alias' })
  historicalCode: string;

  @Column({ name: 'historical_name', type: 'text' })
  historicalName: string;

  @Column({ name: 'current_code', type: 'char', length: 6 })
  currentCode: string;

  @ManyToOne(() => DivisionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'current_code', foreignKeyConstraintName: 'fk_division_alias_current' })
  current?: DivisionEntity;

  @Column({ type: 'text' })
  note: string;
}
