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

/**
 * Latency buckets (seconds): from a cached resolution to a slow database. Fine around the p99
 * target of issue 14 (20 ms: 15 and 20 ms bounds) and below the median (1 and 2.5 ms), where a
 * tail is read; `histogram_quantile()` interpolates linearly within a bucket.
 */
export const HTTP_DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.015, 0.02, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Buckets (seconds) of the database histograms (`orgbind_db_pool_wait_seconds`,
 * `orgbind_resolution_query_duration_seconds`): a connection handed over at once takes
 * microseconds, one statement with a durable commit about a millisecond; the upper bounds reach
 * the statement timeout.
 */
export const DATABASE_DURATION_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * Buckets (seconds) of prom-client's `nodejs_gc_duration_seconds` (its default, 1 ms to 5 s, puts
 * every scavenge in one bucket): powers of two from 0.5 ms to 128 ms, so that a pause long enough
 * to show in the p99 is told apart from the usual sub-millisecond scavenge.
 */
export const GC_DURATION_BUCKETS = [0.0005, 0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128];
