/**
 * Label values the metrics accept. Every label is a closed set, so that no request can create a
 * new time series (cardinality stays bounded whatever callers send).
 */

/** Outcomes of an attempt to bind a platform account to an organization account. */
export const BINDING_ATTEMPT_OUTCOMES = [
  /** bound now */
  'bound',
  /** lost to a concurrent binding or already bound to another account (unique index) */
  'conflict',
  /** legacy credentials wrong (legacy-account binding) */
  'invalid_credentials',
  /** credentials right, organization name differs */
  'name_mismatch',
  /** refused because the legacy account is locked out */
  'locked_out',
  /** refused for another business reason (e.g. organization not in formation) */
  'rejected',
] as const;
export type BindingAttemptOutcome = (typeof BINDING_ATTEMPT_OUTCOMES)[number];

/** HTTP methods used as label values; anything else is counted as `OTHER`. */
export const HTTP_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Route label of requests that matched no route (404s), whatever their URL. */
export const UNMATCHED_ROUTE = 'unmatched';

/** Latency buckets (seconds): from a cached resolution to a slow database. */
export const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
