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
 * Lockout counters in PostgreSQL. Counting is one atomic upsert per failure, so concurrent
 * failures on several replicas are all counted; a lock only ever grows (GREATEST).
 * Times come from the caller's clock, never from the database's `now()`.
 */
@Injectable()
export class LockoutCountersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Count one failure at `now`: the counter restarts at 1 when its last failure is at or before
   * `forgetBefore` (and its old lock is dropped), else it adds one. Returns the new count.
   */
  async countFailure(subject: LockoutSubject, now: Date, forgetBefore: Date): Promise<number> {
    const rows: { failures: number }[] = await this.dataSource.query(
      `INSERT INTO lockout_counter AS c (kind, key, failures, last_failure_at, locked_until)
       VALUES ($1, $2, 1, $3, NULL)
       ON CONFLICT (kind, key) DO UPDATE SET
         failures = CASE WHEN c.last_failure_at > $4 THEN c.failures + 1 ELSE 1 END,
         locked_until = CASE WHEN c.last_failure_at > $4 THEN c.locked_until ELSE NULL END,
         last_failure_at = GREATEST(c.last_failure_at, $3)
       RETURNING failures`,
      [subject.kind, subject.key, now, forgetBefore],
    );
    return rows[0].failures;
  }

  /** Extend the counter's lock to `until` (never shortens it). Returns the lock in force. */
  async extendLock(subject: LockoutSubject, until: Date): Promise<Date> {
    const [rows]: [{ locked_until: Date }[], number] = await this.dataSource.query(
      `UPDATE lockout_counter SET locked_until = GREATEST(COALESCE(locked_until, $3), $3)
       WHERE kind = $1 AND key = $2 RETURNING locked_until`,
      [subject.kind, subject.key, until],
    );
    return rows[0] ? new Date(rows[0].locked_until) : until;
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
