/** Latency summary in milliseconds. */
export interface LatencySummary {
  readonly count: number;
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
}

/** Growable list of samples (milliseconds). */
export class Samples {
  private values = new Float64Array(1 << 16);
  private length = 0;

  add(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }

  get count(): number {
    return this.length;
  }

  /** Exact percentiles (nearest rank) of everything recorded. */
  summary(): LatencySummary {
    const sorted = this.values.slice(0, this.length).sort();
    const at = (q: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]);
    let sum = 0;
    for (const v of sorted) sum += v;
    return {
      count: sorted.length,
      mean: round(sorted.length ? sum / sorted.length : 0),
      p50: round(at(0.5)),
      p90: round(at(0.9)),
      p99: round(at(0.99)),
      p999: round(at(0.999)),
      max: round(sorted.length ? sorted[sorted.length - 1] : 0),
    };
  }
}

/** Two decimals. */
export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
