import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { RegistrationAuthorityEntity } from './registration-authority.entity';

/**
 * A registrar (初审人员) in the roster: a platform account (issuer + subject) that reviews
 * registration applications for one or more registration authorities (guide 基础信息 → 业务管理
 * → 注册用户审核). Registrar rights come only from this roster, never from a token claim.
 */
@Entity({ name: 'registrar' })
@Index('ux_registrar_platform_account', ['issuer', 'subject'], { unique: true })
export class RegistrarEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_registrar' })
  id: string;

  /** Platform issuer (`iss`) of the registrar's account. */
  @Column({ type: 'text' })
  issuer: string;

  /** Platform subject (`sub`) of the registrar's account. */
  @Column({ type: 'text' })
  subject: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @OneToMany(() => RegistrarAuthorityEntity, (assignment) => assignment.registrar)
  authorities?: RegistrarAuthorityEntity[];
}

/** One authority a registrar reviews for (the roster's join table). */
@Entity({ name: 'registrar_authority' })
@Index('ix_registrar_authority_authority_code', ['authorityCode'])
export class RegistrarAuthorityEntity {
  @PrimaryColumn({ name: 'registrar_id', type: 'uuid', primaryKeyConstraintName: 'pk_registrar_authority' })
  registrarId: string;

  @PrimaryColumn({ name: 'authority_code', type: 'text', primaryKeyConstraintName: 'pk_registrar_authority' })
  authorityCode: string;

  @ManyToOne(() => RegistrarEntity, (registrar) => registrar.authorities, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'registrar_id', foreignKeyConstraintName: 'fk_registrar_authority_registrar' })
  registrar?: RegistrarEntity;

  @ManyToOne(() => RegistrationAuthorityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'authority_code', foreignKeyConstraintName: 'fk_registrar_authority_authority' })
  authority?: RegistrationAuthorityEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Who added the assignment: `service:<client>` (operator API) or `cli:<user>`. */
  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;
}
