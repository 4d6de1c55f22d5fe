import { createHash } from 'node:crypto';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { rateLimitVerdict } from './domain/rate-limit-window';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** SHA-256 (hex) of a rate-limit key: the table never holds an IP address or account in clear. */
export function hashRateLimitKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/**
 * `@nestjs/throttler` storage in PostgreSQL, so that a limit holds across replicas: one atomic
 * upsert per request counts the hit in a fixed window (a new window starts when the old one has
 * ended) and returns the count. Times come from the injected clock, not the database's `now()`.
 */
export class PostgresThrottlerStorage implements ThrottlerStorage {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async increment(key: string, ttl: number, limit: number, _blockDuration: number, _throttlerName: string): Promise<ThrottlerStorageRecord> {
    const now = this.clock.now();
    const rows: { hits: number; window_ends_at: Date }[] = await this.dataSource.query(
      `INSERT INTO rate_limit_bucket AS b (key, hits, window_ends_at)
            VALUES ($1, 1, $2::timestamptz + make_interval(secs => $3::double precision / 1000))
       ON CONFLICT (key) DO UPDATE SET
            hits = CASE WHEN b.window_ends_at <= $2 THEN 1 ELSE LEAST(b.hits + 1, 2147483647) END,
            window_ends_at = CASE WHEN b.window_ends_at <= $2 THEN EXCLUDED.window_ends_at ELSE b.window_ends_at END
       RETURNING hits, window_ends_at`,
      [hashRateLimitKey(key), now, ttl],
    );
    const verdict = rateLimitVerdict(rows[0].hits, new Date(rows[0].window_ends_at), now, limit);
    return { totalHits: verdict.totalHits, timeToExpire: verdict.secondsLeft, isBlocked: verdict.blocked, timeToBlockExpire: verdict.blocked ? verdict.secondsLeft : 0 };
  }

  /** Remove counters whose window ended before `before` (they would be reset anyway). */
  async purgeEnded(before: Date): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query('DELETE FROM rate_limit_bucket WHERE window_ends_at < $1', [before]);
    return result[1] ?? 0;
  }
}
