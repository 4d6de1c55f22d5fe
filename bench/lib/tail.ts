/**
 * Where a latency tail comes from, measured inside each server during a phase: the server-side
 * request time, garbage-collection pauses, waits for a database connection, the statement's
 * time and the event loop's delay. The service exposes them as Prometheus metrics (its metrics
 * listener); the floor as JSON on its bench-only `GET /stats`, in the same buckets
 * (src/metrics/metric-names.ts), so that both are read, and summed up, the same way.
 */
import { DATABASE_DURATION_BUCKETS, GC_DURATION_BUCKETS, HTTP_DURATION_BUCKETS } from '../../src/metrics/metric-names';
import { round } from './stats';

/** A histogram's state: per-bucket (not cumulative) counts; `counts[bounds.length]` is the +Inf bucket. Seconds. */
export interface BucketCounts {
  /** Upper bounds of the finite buckets, seconds, ascending. */
  readonly bounds: readonly number[];
  /** Observations per bucket (`bounds.length + 1` entries, the last one above the highest bound). */
  readonly counts: readonly number[];
  /** Sum of the observations, seconds. */
  readonly sum: number;
}

/** GC kinds as prom-client names them (perf_hooks' NODE_PERFORMANCE_GC_*): minor = scavenge, major = mark-compact. */
export const GC_KINDS = ['minor', 'major', 'incremental', 'weakcb'] as const;
export type GcKind = (typeof GC_KINDS)[number];

/** What one server reports at a point in time (cumulative histograms; the event-loop delay since its previous read). */
export interface ServerStats {
  /** Server-side time of `POST /v1/resolutions`. */
  readonly request: BucketCounts;
  /** Waits for a database connection, every checkout. */
  readonly poolWait: BucketCounts;
  /** The bound resolution's one statement, pool wait included. */
  readonly statement: BucketCounts;
  readonly gc: Readonly<Record<GcKind, BucketCounts>>;
  /** Event-loop delay (`monitorEventLoopDelay`, 10 ms resolution) since the previous read, seconds. */
  readonly eventLoopDelay: { readonly p99: number; readonly max: number };
  /**
   * The floor only: GC entries a `perf_hooks` observer was handed after the first of a callback.
   * prom-client 15's `nodejs_gc_duration_seconds` records only `list.getEntries()[0]`, so the
   * service's GC counts miss the like of these.
   */
  readonly gcEntriesAfterFirst?: number;
}

/** A histogram in fixed buckets, with nothing allocated per observation (the floor's). */
export class BucketCounter {
  private counts: number[];
  private sum = 0;

  constructor(private readonly bounds: readonly number[]) {
    this.counts = new Array<number>(bounds.length + 1).fill(0);
  }

  /** Record one observation, seconds. */
  observe(seconds: number): void {
    let i = 0;
    while (i < this.bounds.length && seconds > this.bounds[i]) i++;
    this.counts[i]++;
    this.sum += seconds;
  }

  /** The counts so far, then start again from zero. */
  take(): BucketCounts {
    const taken = { bounds: this.bounds, counts: this.counts, sum: this.sum };
    this.counts = new Array<number>(this.bounds.length + 1).fill(0);
    this.sum = 0;
    return taken;
  }
}

/** `a - b`, bucket by bucket (`b` null: `a` itself). */
function minus(a: BucketCounts, b: BucketCounts | null): BucketCounts {
  if (!b) return a;
  return { bounds: a.bounds, counts: a.counts.map((c, i) => c - (b.counts[i] ?? 0)), sum: a.sum - b.sum };
}

/** The change of every histogram between two reads of a server (`before` null: `after` already covers only the phase, as the floor's reset-on-read `/stats`). */
export function statsDelta(before: ServerStats | null, after: ServerStats): ServerStats {
  return {
    request: minus(after.request, before?.request ?? null),
    poolWait: minus(after.poolWait, before?.poolWait ?? null),
    statement: minus(after.statement, before?.statement ?? null),
    gc: Object.fromEntries(GC_KINDS.map((k) => [k, minus(after.gc[k], before?.gc[k] ?? null)])) as Record<GcKind, BucketCounts>,
    eventLoopDelay: after.eventLoopDelay,
    ...(after.gcEntriesAfterFirst === undefined ? {} : { gcEntriesAfterFirst: after.gcEntriesAfterFirst - (before?.gcEntriesAfterFirst ?? 0) }),
  };
}

const total = (h: BucketCounts) => h.counts.reduce((a, b) => a + b, 0);

/**
 * The `q` quantile, seconds, interpolated linearly within its bucket as Prometheus'
 * `histogram_quantile()` does (lower edge 0 for the first bucket; the highest finite bound when
 * it falls in +Inf). An estimate: only the bucket holding it is known exactly.
 */
export function quantile(h: BucketCounts, q: number): number {
  const n = total(h);
  if (n === 0) return 0;
  const rank = q * n;
  let cumulative = 0;
  for (let i = 0; i < h.counts.length; i++) {
    const previous = cumulative;
    cumulative += h.counts[i];
    if (cumulative >= rank && h.counts[i] > 0) {
      if (i === h.bounds.length) return h.bounds[h.bounds.length - 1];
      const lower = i === 0 ? 0 : h.bounds[i - 1];
      return lower + (h.bounds[i] - lower) * ((rank - previous) / h.counts[i]);
    }
  }
  return h.bounds[h.bounds.length - 1];
}

/** Share of observations above `bound` seconds (one of the histogram's bounds). */
function shareAbove(h: BucketCounts, bound: number): number {
  const n = total(h);
  const index = h.bounds.indexOf(bound);
  if (n === 0 || index < 0) return 0;
  return h.counts.slice(index + 1).reduce((a, b) => a + b, 0) / n;
}

/** The highest non-empty bucket, as `[lower, upper]` milliseconds (upper `null` above the highest bound), or null when empty. */
function longestBucketMs(h: BucketCounts): [number, number | null] | null {
  for (let i = h.counts.length - 1; i >= 0; i--) {
    if (h.counts[i] > 0) return [round((i === 0 ? 0 : h.bounds[i - 1]) * 1000, 1), i === h.bounds.length ? null : round(h.bounds[i] * 1000, 1)];
  }
  return null;
}

/** GC pauses of one kind during a phase. */
export interface GcKindFigures {
  readonly count: number;
  readonly totalMs: number;
  /** The highest bucket a pause of this kind fell in, ms (upper null: above 128 ms). */
  readonly longestBucketMs: [number, number | null] | null;
}

/** What the server itself measured during one phase (deltas between the reads before and after it). */
export interface ServerSideFigures {
  /** Wall time of the phase, seconds (from the load generator's start to its end). */
  readonly wallSeconds: number;
  /** Server-side time of POST /v1/resolutions, ms, interpolated within buckets. */
  readonly requestMs: { readonly count: number; readonly p50: number; readonly p99: number };
  readonly gc: {
    readonly count: number;
    readonly totalMs: number;
    /** GC pause time per second of the phase, ms (= tenths of a percent of wall time). */
    readonly msPerSecond: number;
    /** Share of the phase's wall time spent paused in GC, percent. */
    readonly wallSharePercent: number;
    readonly byKind: Readonly<Record<GcKind, GcKindFigures>>;
  };
  /** Waits for a database connection, ms (p99 interpolated) and the share that waited more than 1 ms, percent. */
  readonly poolWait: { readonly count: number; readonly p99Ms: number; readonly over1msPercent: number };
  /** The bound resolution's statement, pool wait included, ms, interpolated. */
  readonly statementMs: { readonly count: number; readonly p50: number; readonly p99: number };
  /** Event-loop delay during the phase, ms (10 ms sampling resolution). */
  readonly eventLoopDelayMs: { readonly p99: number; readonly max: number };
  /** The phase's histograms themselves (per-bucket counts, seconds). */
  readonly raw: ServerStats;
}

/** Sum up one phase's deltas. */
export function serverSideFigures(delta: ServerStats, wallSeconds: number): ServerSideFigures {
  const ms = (seconds: number) => round(seconds * 1000, 2);
  const byKind = Object.fromEntries(
    GC_KINDS.map((k) => [k, { count: total(delta.gc[k]), totalMs: ms(delta.gc[k].sum), longestBucketMs: longestBucketMs(delta.gc[k]) }]),
  ) as Record<GcKind, GcKindFigures>;
  const gcSeconds = GC_KINDS.reduce((a, k) => a + delta.gc[k].sum, 0);
  return {
    wallSeconds: round(wallSeconds),
    requestMs: { count: total(delta.request), p50: ms(quantile(delta.request, 0.5)), p99: ms(quantile(delta.request, 0.99)) },
    gc: {
      count: GC_KINDS.reduce((a, k) => a + byKind[k].count, 0),
      totalMs: ms(gcSeconds),
      msPerSecond: round((gcSeconds * 1000) / Math.max(0.001, wallSeconds), 2),
      wallSharePercent: round((gcSeconds / Math.max(0.001, wallSeconds)) * 100, 2),
      byKind,
    },
    poolWait: { count: total(delta.poolWait), p99Ms: ms(quantile(delta.poolWait, 0.99)), over1msPercent: round(shareAbove(delta.poolWait, 0.001) * 100, 2) },
    statementMs: { count: total(delta.statement), p50: ms(quantile(delta.statement, 0.5)), p99: ms(quantile(delta.statement, 0.99)) },
    eventLoopDelayMs: { p99: ms(delta.eventLoopDelay.p99), max: ms(delta.eventLoopDelay.max) },
    raw: delta,
  };
}

/** One sample of the Prometheus text format: name, labels, value. */
interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

function parsePrometheus(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const l of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2];
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

/** A histogram of the exposition, summed over the series whose labels match `where`, in the given bounds. */
function histogramOf(samples: readonly Sample[], name: string, bounds: readonly number[], where: Record<string, string> = {}): BucketCounts {
  const matches = (s: Sample) => Object.entries(where).every(([k, v]) => s.labels[k] === v);
  const cumulative = new Array<number>(bounds.length + 1).fill(0);
  let sum = 0;
  for (const s of samples) {
    if (!matches(s)) continue;
    if (s.name === `${name}_sum`) sum += s.value;
    if (s.name !== `${name}_bucket`) continue;
    const le = s.labels.le === '+Inf' ? bounds.length : bounds.indexOf(Number(s.labels.le));
    if (le < 0) throw new Error(`${name}: bucket le="${s.labels.le}" is not one of the bench's bounds (src/metrics/metric-names.ts)`);
    cumulative[le] += s.value;
  }
  return { bounds, counts: cumulative.map((c, i) => (i === 0 ? c : c - cumulative[i - 1])), sum };
}

/** The service's figures from its Prometheus exposition (cumulative since it started; the event-loop gauges since the previous scrape). */
export function serviceStatsOf(exposition: string): ServerStats {
  const samples = parsePrometheus(exposition);
  const gauge = (name: string) => samples.find((s) => s.name === name)?.value ?? 0;
  return {
    request: histogramOf(samples, 'orgbind_http_request_duration_seconds', HTTP_DURATION_BUCKETS, { method: 'POST', route: '/v1/resolutions' }),
    poolWait: histogramOf(samples, 'orgbind_db_pool_wait_seconds', DATABASE_DURATION_BUCKETS),
    statement: histogramOf(samples, 'orgbind_resolution_query_duration_seconds', DATABASE_DURATION_BUCKETS),
    gc: Object.fromEntries(GC_KINDS.map((k) => [k, histogramOf(samples, 'nodejs_gc_duration_seconds', GC_DURATION_BUCKETS, { kind: k })])) as Record<GcKind, BucketCounts>,
    eventLoopDelay: { p99: gauge('nodejs_eventloop_lag_p99_seconds'), max: gauge('nodejs_eventloop_lag_max_seconds') },
  };
}
