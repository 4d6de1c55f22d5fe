import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { LockoutKind } from './domain/lockout';
import { LockoutCounterEntity } from './entities/lockout-counter.entity';

/** Which counter: a kind and its key. */
export interface LockoutSubject {
  readonly kind: LockoutKind;
  readonly key: string;
}

interface CounterRow {
  kind: LockoutKind;
  key: string;
  failures: number;
  last_failure_at: Date;
  locked_until: Date | null;
}

/**
 * Lockout counters in PostgreSQL, shared by every replica. An attempt is charged before the
 * password is verified, atomically with the lock check (a row-locking upsert), so a burst of
 * concurrent guesses gets no more verifications than the policy allows, and every one is counted.
 * Times come from the caller's clock, never from the database's `now()`.
 */
@Injectable()
export class LockoutCountersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Charge one attempt at `now` to the counter, unless it is locked: one transaction in which the
   * upsert row-locks the counter, so concurrent charges queue and each sees the previous one's
   * count and lock. The count restarts at 1 when the last failure is at or before `forgetBefore`.
   * `lockFor(failures)` (the domain rule) says until when the new count locks.
   * @returns the new count and lock, or `null` when the counter is locked (nothing charged).
   */
  chargeAttempt(
    subject: LockoutSubject,
    now: Date,
    forgetBefore: Date,
    lockFor: (failures: number) => Date | null,
  ): Promise<{ failures: number; lockedUntil: Date | null } | null> {
    return this.dataSource.transaction(async (manager) => {
      const rows: { failures: number }[] = await manager.query(
        `INSERT INTO lockout_counter AS c (kind, key, failures, last_failure_at, locked_until)
         VALUES ($1, $2, 1, $3, NULL)
         ON CONFLICT (kind, key) DO UPDATE SET
           failures = CASE WHEN c.last_failure_at > $4 THEN c.failures + 1 ELSE 1 END,
           last_failure_at = GREATEST(c.last_failure_at, $3),
           locked_until = NULL
         WHERE c.locked_until IS NULL OR c.locked_until <= $3
         RETURNING failures`,
        [subject.kind, subject.key, now, forgetBefore],
      );
      if (rows.length === 0) return null;
      const failures = rows[0].failures;
      const lockedUntil = lockFor(failures);
      if (lockedUntil) {
        await manager.query('UPDATE lockout_counter SET locked_until = $3 WHERE kind = $1 AND key = $2', [subject.kind, subject.key, lockedUntil]);
      }
      return { failures, lockedUntil };
    });
  }

  /**
   * Give back a charged attempt (the credentials were right): one failure less, and the lock this
   * very charge set (`lockedUntil`), if any and still in place, is lifted. A counter back at zero
   * is deleted.
   */
  async refund(subject: LockoutSubject, lockedUntil: Date | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE lockout_counter SET failures = GREATEST(failures - 1, 0),
         locked_until = CASE WHEN locked_until = $3 THEN NULL ELSE locked_until END
       WHERE kind = $1 AND key = $2`,
      [subject.kind, subject.key, lockedUntil],
    );
    await this.dataSource.query(
      'DELETE FROM lockout_counter WHERE kind = $1 AND key = $2 AND failures = 0 AND locked_until IS NULL',
      [subject.kind, subject.key],
    );
  }

  /** The counters among `subjects` locked beyond `now`. */
  async findLocked(subjects: readonly LockoutSubject[], now: Date): Promise<LockoutCounterEntity[]> {
    if (subjects.length === 0) return [];
    const rows: CounterRow[] = await this.dataSource.query(
      `SELECT kind, key, failures, last_failure_at, locked_until FROM lockout_counter
       WHERE (kind, key) IN (SELECT * FROM unnest($1::text[], $2::text[])) AND locked_until > $3`,
      [subjects.map((s) => s.kind), subjects.map((s) => s.key), now],
    );
    return rows.map(toEntity);
  }

  find(subject: LockoutSubject): Promise<LockoutCounterEntity | null> {
    return this.dataSource.manager.findOne(LockoutCounterEntity, { where: { kind: subject.kind, key: subject.key } });
  }

  /** Delete the counter; returns it as it was, or null when there was none. */
  async delete(subject: LockoutSubject, manager: EntityManager = this.dataSource.manager): Promise<LockoutCounterEntity | null> {
    const [rows]: [CounterRow[], number] = await manager.query(
      'DELETE FROM lockout_counter WHERE kind = $1 AND key = $2 RETURNING kind, key, failures, last_failure_at, locked_until',
      [subject.kind, subject.key],
    );
    return rows[0] ? toEntity(rows[0]) : null;
  }

  /** Delete counters whose failures are forgotten and whose lock is over (housekeeping); returns how many. */
  async deleteForgotten(forgetBefore: Date, now: Date): Promise<number> {
    const [, count]: [unknown[], number] = await this.dataSource.query(
      'DELETE FROM lockout_counter WHERE last_failure_at <= $1 AND (locked_until IS NULL OR locked_until <= $2)',
      [forgetBefore, now],
    );
    return count;
  }
}

function toEntity(row: CounterRow): LockoutCounterEntity {
  return Object.assign(new LockoutCounterEntity(), {
    kind: row.kind,
    key: row.key,
    failures: row.failures,
    lastFailureAt: new Date(row.last_failure_at),
    lockedUntil: row.locked_until ? new Date(row.locked_until) : null,
  });
}
