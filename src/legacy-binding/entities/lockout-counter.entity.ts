import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { LockoutKind } from '../domain/lockout';

/**
 * Failed legacy-binding attempts of one login name (whether or not it exists) or one platform
 * account. Kept in PostgreSQL so that every replica sees the same counts; updated by single
 * atomic statements so that concurrent failures are all counted (domain/lockout.ts).
 */
@Entity({ name: 'lockout_counter' })
@Check('ck_lockout_counter_kind', `kind IN ('legacy_login', 'platform_account')`)
@Check('ck_lockout_counter_failures', 'failures >= 0')
@Check('ck_lockout_counter_key', 'length(key) BETWEEN 1 AND 1100')
export class LockoutCounterEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_lockout_counter' })
  kind: LockoutKind;

  /** `legacy_login`: the login-name key; `platform_account`: `issuer|subject`. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_lockout_counter' })
  key: string;

  /** Consecutive failures, forgotten after LOCKOUT_FAILURE_RESET_SECONDS without one. */
  @Column({ type: 'integer' })
  failures: number;

  @Column({ name: 'last_failure_at', type: 'timestamptz' })
  lastFailureAt: Date;

  /** Attempts are refused until then. */
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;
}
