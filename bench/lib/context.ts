import type { DataSource } from 'typeorm';
import type { DevPlatform } from '../../src/dev-platform/dev-platform';
import type { PrivateJwk } from '../../src/dev-platform/dev-platform-keys';
import type { LoadResult } from '../load-generator';
import type { LatencySummary } from './stats';
import type { ServerSideFigures } from './tail';
import type { Log } from './progress';

/**
 * What `npm run bench` hands to further benchmarks (`furtherBenches` in `bench/run.ts`, e.g.
 * `runReviewListBench()` of `bench/review-list.bench.ts`): the seeded database, the running
 * development platform and its signing key, how to start the service, and the report sinks.
 */
export interface BenchContext {
  readonly databaseUrl: string;
  /** TypeORM DataSource on the bench database (migrated, reference data and registry loaded). */
  readonly dataSource: DataSource;
  readonly platform: DevPlatform;
  /** The platform's private signing key (sign tokens directly: ~0.8 ms each instead of ~4 ms through the token endpoint). */
  readonly signingKey: PrivateJwk;
  /** Organizations of the generated registry without an active binding (free for other scenarios): established, in formation, deregistered. */
  readonly unboundOrganizations: readonly { readonly id: string; readonly name: string; readonly uscc: string | null; readonly status: string; readonly externalId: string | null }[];
  /** How to start the service as the resolutions bench ran it: `node <script>` with exactly `env` (production mode, LOG_LEVEL=warn, the production NODE_OPTIONS). */
  readonly service: { readonly script: string; readonly env: Readonly<Record<string, string>> };
  readonly log: Log;
}

/** One figure of a benchmark, as a row of the result table. */
export interface BenchFigure {
  readonly metric: string;
  readonly value: number | string;
  readonly unit: string;
  /** e.g. "< 60 s"; empty when there is no target. */
  readonly target?: string;
  readonly met?: boolean;
  readonly note?: string;
}

/** What a further benchmark reports: a titled list of figures, plus raw data for the JSON. */
export interface BenchSection {
  readonly title: string;
  /** A comparison table rendered before the figures (e.g. metric | service | floor | service/floor | note), cells as shown. */
  readonly table?: { readonly head: readonly string[]; readonly rows: readonly (readonly string[])[] };
  readonly figures: readonly BenchFigure[];
  /** Sentences rendered after the figures: how it was measured. */
  readonly notes?: readonly string[];
  readonly raw?: unknown;
}

/** CPU use during a phase, in cores (1.0 = one core fully busy). */
export interface CpuUse {
  readonly server: number;
  readonly loadGenerator: number;
  /** The PostgreSQL server (postmaster and backends) when the bench started it; null with DATABASE_URL (then in `other`). */
  readonly postgres: number | null;
  /** Everything else on the machine: kernel softirq of loopback networking (~0.1 core at saturation), the bench's own process, other tenants. */
  readonly other: number;
  readonly machine: number;
}

/** One load phase against one server. */
export interface PhaseReport {
  readonly name: string;
  /** 1-based round (phases run in interleaved rounds, floor and service alternating). */
  readonly round: number;
  readonly load: LoadResult;
  readonly cpu: CpuUse;
  /** Highest RSS sampled (every 250 ms) during the phase, MB. */
  readonly rssMaxMb: number;
  /** Server CPU milliseconds per BOUND response. */
  readonly serverCpuMsPerRequest: number;
  /** Log bytes the server wrote per response. */
  readonly logBytesPerRequest: number;
  /** What the server itself measured during the phase (bench/lib/tail.ts); null for the warm-up. */
  readonly serverSide: ServerSideFigures | null;
}

/** Everything measured against one server. */
export interface TargetReport {
  readonly label: string;
  readonly description: string;
  readonly phases: readonly PhaseReport[];
  /** VmHWM at the end of the run: the peak RSS since the process started, MB. */
  readonly peakRssMb: number;
  readonly rssAfterLoadMb: number;
  /** RSS and VmHWM right after start-up and the sanity check, before any load: what the loaded code and the start itself cost, MB. */
  readonly idle: { readonly rssMb: number; readonly peakRssMb: number };
  /** Audit rows written vs BOUND responses counted by the load generator (all phases, warm-up included). */
  readonly audit: { readonly rows: number; readonly boundResponses: number };
}

export type { LatencySummary };
