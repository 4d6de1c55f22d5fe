import { BucketCounter, quantile, serverSideFigures, serviceStatsOf, statsDelta } from '../../bench/lib/tail';
import { GC_DURATION_BUCKETS } from '../../src/metrics/metric-names';

/** The bench's reading of the servers' own measurements (bench/lib/tail.ts). */
describe('bench tail figures', () => {
  it('interpolates a quantile within its bucket, as histogram_quantile() does', () => {
    const h = new BucketCounter([0.001, 0.002, 0.004]);
    for (let i = 0; i < 90; i++) h.observe(0.0005);
    for (let i = 0; i < 10; i++) h.observe(0.003);
    const counts = h.take();
    expect(counts.counts).toEqual([90, 0, 10, 0]);
    expect(quantile(counts, 0.5)).toBeCloseTo((0.001 * 50) / 90, 9);
    // rank 99 is the 9th of the 10 in (2 ms, 4 ms]
    expect(quantile(counts, 0.99)).toBeCloseTo(0.002 + 0.002 * 0.9, 9);
    expect(h.take().counts).toEqual([0, 0, 0, 0]);
  });

  it('reads the service exposition: the resolution route summed over status codes, GC by kind, pool wait shares', () => {
    const exposition = (served: number, waited: number, gcMinor: number) => [
      '# TYPE orgbind_http_request_duration_seconds histogram',
      ...[0.001, 0.0025, 0.005, 0.01, 0.015, 0.02, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10].map((le) => `orgbind_http_request_duration_seconds_bucket{le="${le}",method="POST",route="/v1/resolutions",status_code="200"} ${le >= 0.005 ? served : 0}`),
      `orgbind_http_request_duration_seconds_bucket{le="+Inf",method="POST",route="/v1/resolutions",status_code="200"} ${served}`,
      `orgbind_http_request_duration_seconds_sum{method="POST",route="/v1/resolutions",status_code="200"} ${served * 0.004}`,
      'orgbind_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="unmatched",status_code="404"} 1000',
      ...[0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5].map((le) => `orgbind_db_pool_wait_seconds_bucket{le="${le}"} ${le >= 0.005 ? served : served - waited}`),
      `orgbind_db_pool_wait_seconds_bucket{le="+Inf"} ${served}`,
      ...GC_DURATION_BUCKETS.map((le) => `nodejs_gc_duration_seconds_bucket{le="${le}",kind="minor"} ${le >= 0.004 ? gcMinor : 0}`),
      `nodejs_gc_duration_seconds_bucket{le="+Inf",kind="minor"} ${gcMinor}`,
      `nodejs_gc_duration_seconds_sum{kind="minor"} ${gcMinor * 0.003}`,
      'nodejs_eventloop_lag_p99_seconds 0.012',
      'nodejs_eventloop_lag_max_seconds 0.03',
    ].join('\n');
    const delta = statsDelta(serviceStatsOf(exposition(100, 0, 2)), serviceStatsOf(exposition(1100, 50, 12)));
    const figures = serverSideFigures(delta, 2);
    expect(figures.requestMs.count).toBe(1000);
    expect(figures.requestMs.p99).toBeGreaterThan(2.5);
    expect(figures.requestMs.p99).toBeLessThanOrEqual(5);
    expect(figures.poolWait.over1msPercent).toBe(5);
    expect(figures.gc.byKind.minor).toEqual({ count: 10, totalMs: 30, longestBucketMs: [2, 4] });
    expect(figures.gc.msPerSecond).toBe(15);
    expect(figures.eventLoopDelayMs).toEqual({ p99: 12, max: 30 });
  });
});
