import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { BINDING_KINDS, BindingKind } from '../bindings/binding.entity';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { ResolutionStatus } from '../identity-claims/domain/resolution';
import { ConnectingPool, timePoolCheckouts } from './pool-checkout-timing';
import { BINDING_ATTEMPT_OUTCOMES, BindingAttemptOutcome, DATABASE_DURATION_BUCKETS, GC_DURATION_BUCKETS, HTTP_DURATION_BUCKETS } from './metric-names';

/** The parts of a `pg` Pool the gauges read and the wait histogram wraps. */
interface PoolCounts extends ConnectingPool {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
}

function isPool(value: unknown): value is PoolCounts {
  return typeof value === 'object' && value !== null && 'totalCount' in value && 'idleCount' in value && 'waitingCount' in value && 'connect' in value;
}

type HttpLabels = 'method' | 'route' | 'status_code';

/**
 * The service's Prometheus metrics (prom-client), one registry per application (no global
 * state: several apps may live in one process, as in the tests). Other modules record through
 * the small API below; the registry is served by {@link MetricsServer} on its own port.
 *
 * Counters are per replica: sum them across pods (`sum(rate(...))`). Gauges read from the shared
 * database (pending applications) report the same value on every replica: use `max()`.
 */
@Injectable()
export class MetricsService implements OnModuleInit {
  readonly registry = new Registry();
  private readonly logger = new Logger('Metrics');
  private readonly httpRequests: Counter<HttpLabels>;
  private readonly httpDuration: Histogram<HttpLabels>;
  /** Children by `method route status`: label hashing once per series, not once per request. */
  private readonly httpChildren = new Map<string, { count: { inc(): void }; duration: { observe(v: number): void } }>();
  private readonly resolutions: Counter<'status'>;
  private readonly bindingAttempts: Counter<'kind' | 'outcome'>;
  private readonly lockouts: Counter;
  private readonly collectionFailures: Counter<'metric'>;
  private readonly platformRequests: Counter<'endpoint' | 'outcome'>;
  private readonly platformDuration: Histogram<'endpoint'>;
  private readonly tokenCache: Counter<'result'>;
  private readonly poolWait: Histogram;
  private readonly resolutionQuery: Histogram;
  private readonly pool: () => PoolCounts | null;
  private pendingApplications: Gauge | null = null;

  constructor(
    @InjectConfig() config: AppConfig,
    @InjectDataSource() dataSource: DataSource,
  ) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, gcDurationBuckets: GC_DURATION_BUCKETS });
    this.httpRequests = new Counter({
      name: 'orgbind_http_requests_total',
      help: 'HTTP requests answered, by method, route template (never the raw URL) and status code.',
      labelNames: ['method', 'route', 'status_code'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'orgbind_http_request_duration_seconds',
      help: 'Time from receiving a request to sending its response, by method, route template and status code.',
      labelNames: ['method', 'route', 'status_code'],
      buckets: HTTP_DURATION_BUCKETS,
      registers,
    });
    this.resolutions = new Counter({
      name: 'orgbind_resolutions_total',
      help: 'Login resolutions (POST /v1/resolutions) by resolution status.',
      labelNames: ['status'],
      registers,
    });
    for (const status of Object.values(ResolutionStatus)) this.resolutions.labels(status).inc(0);
    this.bindingAttempts = new Counter({
      name: 'orgbind_binding_attempts_total',
      help: 'Attempts to bind a platform account to an organization account, by binding kind and outcome.',
      labelNames: ['kind', 'outcome'],
      registers,
    });
    for (const kind of BINDING_KINDS) for (const outcome of BINDING_ATTEMPT_OUTCOMES) this.bindingAttempts.labels(kind, outcome).inc(0);
    this.lockouts = new Counter({
      name: 'orgbind_lockouts_total',
      help: 'Legacy accounts locked after repeated failed binding attempts.',
      registers,
    });
    this.collectionFailures = new Counter({
      name: 'orgbind_metric_collection_failures_total',
      help: 'Scrapes in which a gauge could not be read (e.g. the database did not answer), by metric; the gauge keeps its last value. Counted during the failing scrape, visible from the next.',
      labelNames: ['metric'],
      registers,
    });

    this.platformRequests = new Counter({
      name: 'orgbind_platform_requests_total',
      help: 'Requests to the identity platform about an opaque token (PLATFORM_TOKEN_MODE introspection/userinfo), by endpoint (introspection, userinfo) and outcome (active, inactive, unavailable).',
      labelNames: ['endpoint', 'outcome'],
      registers,
    });
    this.platformDuration = new Histogram({
      name: 'orgbind_platform_request_duration_seconds',
      help: 'Time the identity platform took to answer about an opaque token (a timeout counts its full wait), by endpoint.',
      labelNames: ['endpoint'],
      buckets: HTTP_DURATION_BUCKETS,
      registers,
    });
    this.tokenCache = new Counter({
      name: 'orgbind_platform_token_cache_total',
      help: 'Opaque-token look-ups by cache result: hit (a cached active answer), negative_hit (a cached inactive answer), miss (asked the platform, or joined a request already asking).',
      labelNames: ['result'],
      registers,
    });
    for (const result of ['hit', 'negative_hit', 'miss']) this.tokenCache.labels(result).inc(0);

    this.poolWait = new Histogram({
      name: 'orgbind_db_pool_wait_seconds',
      help: 'Time from asking the database connection pool for a connection to getting it (or its error), every query of this replica. Near zero while the pool has an idle connection; waits mean the pool is too small for the load or connections are held long.',
      buckets: DATABASE_DURATION_BUCKETS,
      registers,
    });
    this.resolutionQuery = new Histogram({
      name: 'orgbind_resolution_query_duration_seconds',
      help: 'Time of the one statement of a returning bound user\'s resolution (binding read and BOUND audit row, durable commit), pool wait included.',
      buckets: DATABASE_DURATION_BUCKETS,
      registers,
    });

    const pool = () => {
      const candidate: unknown = dataSource.isInitialized ? (dataSource.driver as unknown as { master?: unknown }).master : undefined;
      return isPool(candidate) ? candidate : null;
    };
    this.pool = pool;
    new Gauge({
      name: 'orgbind_db_pool_max_connections',
      help: 'Configured size of the database connection pool of this replica (DATABASE_POOL_SIZE).',
      registers,
      collect() {
        this.set(config.database.poolSize);
      },
    });
    new Gauge({
      name: 'orgbind_db_pool_connections',
      help: 'Open database connections of this replica, by state (in_use, idle).',
      labelNames: ['state'],
      registers,
      collect() {
        const p = pool();
        this.labels('in_use').set(p ? p.totalCount - p.idleCount : 0);
        this.labels('idle').set(p ? p.idleCount : 0);
      },
    });
    new Gauge({
      name: 'orgbind_db_pool_waiting_requests',
      help: 'Queries waiting for a free database connection on this replica (pool exhausted when > 0 for long).',
      registers,
      collect() {
        this.set(pool()?.waitingCount ?? 0);
      },
    });
  }

  /**
   * Time every checkout from TypeORM's pg Pool (`dataSource.driver.master`, initialized before the
   * modules are) into `orgbind_db_pool_wait_seconds`: see {@link timePoolCheckouts}.
   */
  onModuleInit(): void {
    const pool = this.pool();
    if (!pool) return;
    const wait = this.poolWait;
    timePoolCheckouts(pool, (seconds) => wait.observe(seconds));
  }

  /** Time one bound-resolution statement (seconds, pool wait included). */
  observeResolutionQuery(seconds: number): void {
    this.resolutionQuery.observe(seconds);
  }

  /** Count one answered HTTP request (called by the Fastify `onResponse` hook). */
  observeHttpRequest(method: string, route: string, statusCode: number, seconds: number): void {
    const key = `${method} ${route} ${statusCode}`;
    let child = this.httpChildren.get(key);
    if (!child) {
      const labels = { method, route, status_code: String(statusCode) };
      child = { count: this.httpRequests.labels(labels), duration: this.httpDuration.labels(labels) };
      this.httpChildren.set(key, child);
    }
    child.count.inc();
    child.duration.observe(seconds);
  }

  /** Record one request to the identity platform about an opaque token. */
  recordPlatformRequest(endpoint: 'introspection' | 'userinfo', outcome: 'active' | 'inactive' | 'unavailable', seconds: number): void {
    this.platformRequests.labels(endpoint, outcome).inc();
    this.platformDuration.labels(endpoint).observe(seconds);
  }

  /** Count one opaque-token look-up by its cache result. */
  recordTokenCache(result: 'hit' | 'negative_hit' | 'miss'): void {
    this.tokenCache.labels(result).inc();
  }

  /** Count one resolution outcome. */
  recordResolution(status: ResolutionStatus): void {
    this.resolutions.labels(status).inc();
  }

  /** Count one attempt to bind a platform account (legal-person first login, legacy account, application). */
  recordBindingAttempt(kind: BindingKind, outcome: BindingAttemptOutcome): void {
    this.bindingAttempts.labels(kind, outcome).inc();
  }

  /** Count one legacy-account lockout. */
  recordLockout(): void {
    this.lockouts.inc();
  }

  /**
   * Report the number of pending registration applications, read by `source` at every scrape
   * (one query per scrape per replica; every replica reports the same value). Registered once by
   * the module that owns applications.
   */
  setPendingApplicationsSource(source: () => Promise<number>): void {
    if (this.pendingApplications) throw new Error('the pending-applications source is already registered');
    const failures = this.collectionFailures;
    const logger = this.logger;
    failures.labels('orgbind_registration_applications_pending').inc(0);
    this.pendingApplications = new Gauge({
      name: 'orgbind_registration_applications_pending',
      help: 'Registration applications waiting for a registrar (whole database; the same on every replica: use max()).',
      registers: [this.registry],
      async collect() {
        try {
          this.set(await source());
        } catch (error) {
          failures.labels('orgbind_registration_applications_pending').inc();
          logger.warn(`pending applications not collected: ${error instanceof Error ? error.message : String(error)}`);
        }
      },
    });
  }

  /** The exposition (Prometheus text format) and its content type. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
