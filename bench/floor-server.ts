/**
 * The FLOOR of our stack for `POST /v1/resolutions` of a bound user: a bare `node:http` server
 * doing the same token verification (the same checks: algorithm allow-list, `kid` lookup in
 * the platform's JWKS, issuer, audience, clock skew) with the fastest verifier of the run
 * (`FLOOR_VERIFIER`, one of bench/lib/verifiers.ts, chosen by `npm run bench` after measuring
 * them all) and the same SQL (the one-statement
 * bound resolution the service runs, same named prepared statement, same audit row) on a `pg`
 * pool of the same size, answering the same JSON. No framework, no validation, no logging, no
 * error catalogue: what is left is the cost of the work itself.
 *
 * Run by `npm run bench` as a child process; configured by FLOOR_* variables; prints
 * "listening on http://…" on stderr.
 *
 * Bench-only `GET /stats`: what the service's metrics measure, measured here the same way and in
 * the same buckets (bench/lib/tail.ts): request time (from the request event to `res.end()`), GC
 * pauses by kind (a `perf_hooks` 'gc' observer), pool waits (the same wrapper of
 * `pool.connect`), the statement's time, the event-loop delay (`monitorEventLoopDelay`, 10 ms
 * resolution, as prom-client's). Reset on read.
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { constants, monitorEventLoopDelay, performance, PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';
import pg from 'pg';
import { auditRow } from '../src/audit/audit-row';
import { requestIdOf } from '../src/common/http/request-id';
import { BOUND_RESOLUTION_QUERY, boundResolutionValues, BoundResolutionRow } from '../src/identity-claims/bound-resolution.query';
import { resolutionAuditEvent } from '../src/identity-claims/resolution-audit';
import { RESOLUTION_MESSAGES } from '../src/identity-claims/resolution-messages';
import { DATABASE_DURATION_BUCKETS, GC_DURATION_BUCKETS, HTTP_DURATION_BUCKETS } from '../src/metrics/metric-names';
import { timePoolCheckouts } from '../src/metrics/pool-checkout-timing';
import { floorEnvironment } from './lib/floor-env';
import { BucketCounter, GC_KINDS, GcKind, ServerStats } from './lib/tail';
import { createVerifier, VERIFIER_NAMES, VerifierName } from './lib/verifiers';

const settings = floorEnvironment();
const { issuer, audience, algorithms, maxTokenBytes } = settings;
const verifierName = settings.verifier as VerifierName;
if (!VERIFIER_NAMES.includes(verifierName)) throw new Error(`FLOOR_VERIFIER must be one of ${VERIFIER_NAMES.join(', ')}`);
const verify = createVerifier(verifierName, {
  jwksUri: settings.jwksUri,
  issuer,
  audience,
  algorithms,
  clockToleranceSeconds: settings.clockToleranceSeconds,
  cooldownMs: settings.jwksCooldownMs,
});
const pool = new pg.Pool({
  connectionString: settings.databaseUrl,
  max: settings.poolSize,
  statement_timeout: settings.statementTimeoutMs,
  application_name: 'orgbind-floor',
});
const BOUND_TEMPLATE = RESOLUTION_MESSAGES.BOUND.zh;

const requestTime = new BucketCounter(HTTP_DURATION_BUCKETS);
const poolWait = new BucketCounter(DATABASE_DURATION_BUCKETS);
const statementTime = new BucketCounter(DATABASE_DURATION_BUCKETS);
const gcPauses = Object.fromEntries(GC_KINDS.map((k) => [k, new BucketCounter(GC_DURATION_BUCKETS)])) as Record<GcKind, BucketCounter>;
const GC_KIND_OF: Record<number, GcKind> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};
let gcEntriesAfterFirst = 0;
new PerformanceObserver((list) => {
  const entries = list.getEntries();
  gcEntriesAfterFirst += entries.length - 1;
  for (const entry of entries) {
    const kind = GC_KIND_OF[(entry as PerformanceEntry & { detail: { kind: number } }).detail.kind];
    if (kind) gcPauses[kind].observe(entry.duration / 1000);
  }
}).observe({ entryTypes: ['gc'] });
const eventLoopDelay = monitorEventLoopDelay({ resolution: 10 });
eventLoopDelay.enable();
timePoolCheckouts(pool, (seconds) => poolWait.observe(seconds));

/** The figures since the previous read, then start again. */
function takeStats(): ServerStats {
  const stats: ServerStats = {
    request: requestTime.take(),
    poolWait: poolWait.take(),
    statement: statementTime.take(),
    gc: Object.fromEntries(GC_KINDS.map((k) => [k, gcPauses[k].take()])) as ServerStats['gc'],
    eventLoopDelay: { p99: eventLoopDelay.percentile(99) / 1e9, max: eventLoopDelay.max / 1e9 },
    gcEntriesAfterFirst,
  };
  eventLoopDelay.reset();
  gcEntriesAfterFirst = 0;
  return stats;
}

function reply(res: ServerResponse, status: number, body: unknown, requestId: string, started: number): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json), 'x-request-id': requestId });
  res.end(json);
  requestTime.observe((performance.now() - started) / 1000);
}

const claimString = (payload: Record<string, unknown>, claim: string): string | undefined => {
  const value = payload[claim];
  return typeof value === 'string' ? value : undefined;
};

async function handle(req: IncomingMessage, res: ServerResponse, started: number): Promise<void> {
  const requestId = requestIdOf(req);
  if (req.method === 'GET' && req.url === '/stats') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(takeStats()));
    return;
  }
  if (req.method !== 'POST' || req.url !== '/v1/resolutions') return reply(res, 404, { code: 'NOT_FOUND' }, requestId, started);
  const header = req.headers.authorization;
  const token = header && header.startsWith('Bearer ') ? header.slice(7) : '';
  if (!token || Buffer.byteLength(token) > maxTokenBytes) return reply(res, 401, { code: 'TOKEN_INVALID' }, requestId, started);
  let payload: Record<string, unknown>;
  try {
    payload = await verify(token);
  } catch {
    return reply(res, 401, { code: 'TOKEN_INVALID' }, requestId, started);
  }
  const subject = claimString(payload, 'sub');
  const userType = claimString(payload, 'user_type');
  if (!subject || !userType) return reply(res, 401, { code: 'TOKEN_CLAIMS_INVALID' }, requestId, started);
  const principal = { issuer, subject, userType: userType as 'legal_person' };
  const { targetId: _target, ...audit } = auditRow(resolutionAuditEvent(principal, { requestId, clientIp: req.socket.remoteAddress }, 'BOUND', null));
  const query = {
    name: BOUND_RESOLUTION_QUERY.name,
    text: BOUND_RESOLUTION_QUERY.text,
    values: boundResolutionValues(principal, { userType, claimedUscc: claimString(payload, 'uscc'), claimedName: claimString(payload, 'name') }, audit),
  };
  const queried = performance.now();
  let result;
  try {
    result = await pool.query<BoundResolutionRow>(query);
  } finally {
    statementTime.observe((performance.now() - queried) / 1000);
  }
  const row = result.rows[0];
  if (!row || !row.audited) return reply(res, 409, { code: 'NOT_A_RETURNING_BOUND_USER' }, requestId, started);
  reply(res, 200, {
    status: 'BOUND',
    message: BOUND_TEMPLATE.replace('{organizationName}', row.name),
    organization: { id: row.organization_id, name: row.name, uscc: row.uscc, type: row.type, status: row.status, authorityCode: row.authority_code, divisionCode: row.division_code },
    binding: { id: row.binding_id, kind: row.binding_kind, since: row.binding_since.toISOString() },
  }, requestId, started);
}

const server = createServer((req, res) => {
  const started = performance.now();
  handle(req, res, started).catch((error: unknown) => {
    process.stderr.write(`floor: ${error instanceof Error ? error.message : String(error)}\n`);
    if (!res.headersSent) reply(res, 500, { code: 'INTERNAL' }, requestIdOf(req), started);
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stderr.write(`floor server listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`);
});
const stop = () => {
  server.close();
  server.closeAllConnections();
  void pool.end().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
