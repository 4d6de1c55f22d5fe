import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { RegistrationApplicationEntity } from './registration-application.entity';

/**
 * An `Idempotency-Key` used by a platform account to submit a registration application: the
 * fingerprint of the request it came with and the application it created. Kept in the database
 * so that every replica answers a retry the same way. The row is inserted before the
 * application in the same transaction (hence the deferred foreign key): a concurrent retry with
 * the same key waits on the primary key and then replays.
 */
@Entity({ name: 'registration_application_idempotency_key' })
@Index('ix_registration_application_idempotency_key_application_id', ['applicationId'])
export class ApplicationIdempotencyKeyEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_registration_application_idempotency_key' })
  issuer: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_registration_application_idempotency_key' })
  subject: string;

  /** The `Idempotency-Key` header value. */
  @PrimaryColumn({ name: 'idempotency_key', type: 'text', primaryKeyConstraintName: 'pk_registration_application_idempotency_key' })
  idempotencyKey: string;

  /** SHA-256 (hex) of the canonical request body. */
  @Column({ name: 'request_fingerprint', type: 'char', length: 64 })
  requestFingerprint: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => RegistrationApplicationEntity, { onDelete: 'CASCADE', deferrable: 'INITIALLY DEFERRED' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'fk_registration_application_idempotency_key_application' })
  application?: RegistrationApplicationEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
