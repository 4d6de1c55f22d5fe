/**
 * Retention of audit events. How long to keep them is the operator's legal decision (PIPL
 * art. 19: no longer than necessary; sector rules and archives law may require more); the
 * service only enforces a floor: the Cybersecurity Law (网络安全法) art. 21 requires network
 * logs to be kept for at least six months. The database trigger enforces the same floor.
 */
export const MIN_AUDIT_RETENTION_DAYS = 180;

/** Default retention: five years. */
export const DEFAULT_AUDIT_RETENTION_DAYS = 1825;

const DAY_MS = 86_400_000;

/** Events that occurred strictly before the returned instant are past retention at `now`. */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  if (!Number.isInteger(retentionDays) || retentionDays < MIN_AUDIT_RETENTION_DAYS) {
    throw new RangeError(`retention must be a whole number of days, at least ${MIN_AUDIT_RETENTION_DAYS}`);
  }
  return new Date(now.getTime() - retentionDays * DAY_MS);
}
