/**
 * Temporary lockout against password guessing, after Keycloak's brute-force detection
 * ("temporary lockout" pseudocode of its Server Administration Guide):
 *
 * - a failure more than `failureResetSeconds` after the previous one starts counting anew;
 * - each failure adds one; the wait is `waitIncrementSeconds × ⌊failures / maxFailures⌋`,
 *   at most `maxWaitSeconds` (defaults 5 failures, 1 min, 15 min, 12 h: failures 5-9 wait
 *   1 min each, 10-14 wait 2 min, …, 75 and more wait 15 min);
 * - while locked, attempts are refused without looking at the password, and are not counted.
 *
 * Counters exist per legacy login name (whether or not it exists) and per platform account.
 * Pure: no Nest or TypeORM; time comes in as an argument.
 */

/** The two counters every legacy-binding attempt is checked against. */
export const LOCKOUT_KINDS = ['legacy_login', 'platform_account'] as const;
export type LockoutKind = (typeof LOCKOUT_KINDS)[number];

/** The settings (docs/operations.md, "Configuration": LOCKOUT_*). */
export interface LockoutPolicy {
  readonly maxFailures: number;
  readonly waitIncrementSeconds: number;
  readonly maxWaitSeconds: number;
  readonly failureResetSeconds: number;
}

/** Keycloak's defaults: 5 failures, 1 minute increment, 15 minutes at most, forgotten after 12 hours. */
export const DEFAULT_LOCKOUT_POLICY: LockoutPolicy = {
  maxFailures: 5,
  waitIncrementSeconds: 60,
  maxWaitSeconds: 900,
  failureResetSeconds: 43_200,
};

/** One counter's state. */
export interface LockoutState {
  readonly failures: number;
  readonly lastFailureAt: Date;
  readonly lockedUntil: Date | null;
}

/** How long to lock after the `failures`-th consecutive failure (0: no lock). */
export function lockoutWaitSeconds(failures: number, policy: LockoutPolicy): number {
  const steps = Math.floor(failures / policy.maxFailures);
  return Math.min(policy.maxWaitSeconds, steps * policy.waitIncrementSeconds);
}

/** Failures at or before this instant are forgotten when the next one comes. */
export function failureMemoryCutoff(now: Date, policy: LockoutPolicy): Date {
  return new Date(now.getTime() - policy.failureResetSeconds * 1000);
}

/** When a lock set by the `failures`-th failure at `now` ends, or null when it sets none. */
export function lockedUntilAfter(failures: number, now: Date, policy: LockoutPolicy): Date | null {
  const wait = lockoutWaitSeconds(failures, policy);
  return wait > 0 ? new Date(now.getTime() + wait * 1000) : null;
}

/**
 * The state after one more failure at `now` (the reference model; the repository applies the
 * same rule in one atomic statement). An earlier lock is never shortened.
 */
export function applyFailure(previous: LockoutState | null, now: Date, policy: LockoutPolicy): LockoutState {
  const remembered = previous !== null && previous.lastFailureAt.getTime() > failureMemoryCutoff(now, policy).getTime();
  const failures = remembered ? previous.failures + 1 : 1;
  const earlierLock = remembered ? previous.lockedUntil : null;
  const newLock = lockedUntilAfter(failures, now, policy);
  return { failures, lastFailureAt: now, lockedUntil: latest(earlierLock, newLock) };
}

/** A lock in force: when it ends and the whole seconds until then (for `Retry-After`, at least 1). */
export interface ActiveLock {
  readonly retryAt: Date;
  readonly retryAfterSeconds: number;
}

/** The lock in force at `now`, if any. */
export function activeLock(lockedUntil: Date | null, now: Date): ActiveLock | null {
  if (lockedUntil === null || lockedUntil.getTime() <= now.getTime()) return null;
  return { retryAt: lockedUntil, retryAfterSeconds: Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000)) };
}

/** Failed attempts left before the next lock (0 once the threshold is reached: every further failure locks again). */
export function remainingAttempts(failures: number, policy: LockoutPolicy): number {
  return Math.max(0, policy.maxFailures - failures);
}

/** The later of two instants (null when both are). */
export function latest(a: Date | null, b: Date | null): Date | null {
  if (a === null) return b;
  if (b === null) return a;
  return a.getTime() >= b.getTime() ? a : b;
}
