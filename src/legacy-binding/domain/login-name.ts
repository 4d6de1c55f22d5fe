/**
 * Legacy login names (登录名) as the old management system issued them.
 * Pure: no Nest or TypeORM.
 *
 * Matching is case- and width-insensitive: the key is NFKC (full-width `ＡＢ１` → `AB1`, as a
 * Chinese input method in full-width mode types them), trimmed, then lower-cased. The old
 * system's SQL Server collation (`Chinese_PRC_CI_AS`, case-insensitive) could not hold two
 * logins differing only in case either, so the key loses nothing; and lockout counters keyed by
 * it cannot be dodged by changing case or width.
 */

/** Longest login name accepted at import (code points). */
export const MAX_LOGIN_NAME_LENGTH = 64;

// eslint-disable-next-line no-control-regex
const CONTROL_OR_INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/u;

/** The matching key of a login name (unique in the registry, and the lockout key). */
export function loginNameKey(loginName: string): string {
  return loginName.normalize('NFKC').trim().toLowerCase();
}

/** Why a login name cannot be imported, or `null` when it can. */
export function loginNameProblem(loginName: string): string | null {
  const key = loginNameKey(loginName);
  if (key.length === 0) return 'login_name is required';
  if (CONTROL_OR_INVISIBLE.test(loginName)) return 'login_name contains control or invisible characters';
  if ([...key].length > MAX_LOGIN_NAME_LENGTH) return `login_name longer than ${MAX_LOGIN_NAME_LENGTH} characters`;
  return null;
}
