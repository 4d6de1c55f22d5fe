/**
 * Session timeout arithmetic (pure): idle and absolute deadlines, expiry, and when a check
 * should record activity. Times come from the injected clock; nothing here reads the time.
 */

/** Configured limits, in seconds (`SESSION_IDLE_TIMEOUT_MINUTES`, `SESSION_ABSOLUTE_TIMEOUT_HOURS`). */
export interface SessionTimeouts {
  readonly idleSeconds: number;
  readonly absoluteSeconds: number;
}

/** The times of a session that the deadlines derive from. */
export interface SessionTimes {
  readonly startedAt: Date;
  readonly lastActivityAt: Date;
}

/** When the session stops counting, for each limit and overall (the earlier one). */
export interface SessionDeadlines {
  readonly idleExpiresAt: Date;
  readonly absoluteExpiresAt: Date;
  readonly expiresAt: Date;
}

/** Why and since when a session has expired. */
export interface SessionExpiry {
  readonly reason: 'idle_timeout' | 'absolute_timeout';
  /** The moment it expired (the deadline reached first). */
  readonly at: Date;
}

const addSeconds = (date: Date, seconds: number): Date => new Date(date.getTime() + seconds * 1000);

/** The deadlines of a session. */
export function sessionDeadlines(times: SessionTimes, timeouts: SessionTimeouts): SessionDeadlines {
  const idleExpiresAt = addSeconds(times.lastActivityAt, timeouts.idleSeconds);
  const absoluteExpiresAt = addSeconds(times.startedAt, timeouts.absoluteSeconds);
  return { idleExpiresAt, absoluteExpiresAt, expiresAt: idleExpiresAt < absoluteExpiresAt ? idleExpiresAt : absoluteExpiresAt };
}

/**
 * Has the session expired at `now`? A deadline is exclusive: at exactly the deadline the
 * session has expired. When both have passed, the one reached first is the reason.
 */
export function sessionExpiry(times: SessionTimes, timeouts: SessionTimeouts, now: Date): SessionExpiry | null {
  const { idleExpiresAt, absoluteExpiresAt } = sessionDeadlines(times, timeouts);
  const idle = now >= idleExpiresAt;
  const absolute = now >= absoluteExpiresAt;
  if (!idle && !absolute) return null;
  if (idle && (!absolute || idleExpiresAt < absoluteExpiresAt)) return { reason: 'idle_timeout', at: idleExpiresAt };
  return { reason: 'absolute_timeout', at: absoluteExpiresAt };
}

/**
 * Should a check at `now` write the activity time? Only when the last recorded activity is at
 * least `intervalSeconds` old (so the management system may check on every request cheaply).
 * The recorded time thus lags by less than the interval, and the idle timeout may strike that
 * much early; `SESSION_ACTIVITY_WRITE_INTERVAL_SECONDS` must stay well below the idle timeout.
 */
export function shouldRecordActivity(lastActivityAt: Date, now: Date, intervalSeconds: number): boolean {
  return now.getTime() - lastActivityAt.getTime() >= intervalSeconds * 1000;
}
