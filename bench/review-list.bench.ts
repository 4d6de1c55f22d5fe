/**
 * The registrar's review list (issue 14 item 5): a registrar walks a queue of 10,000 pending
 * registration applications of one registration authority by keyset pages,
 * `GET /v1/review/registration-applications?status=pending&limit=N` following `nextCursor`,
 * through HTTP against the service started as a separate process in production mode (as the
 * resolutions bench runs it), with real platform tokens; alone and N registrars at once.
 *
 * FLOOR: the same pages straight from PostgreSQL through `pg` (a pool of the service's size):
 * the very SQL the service's ReviewRepository generates (captured from TypeORM, not rewritten),
 * the page and the count query side by side as the service runs them, plus JSON.stringify of the
 * page. Also: EXPLAIN (ANALYZE, BUFFERS) of the first and last page, and first- vs last-page
 * latency (the keyset's cost must not grow with depth).
 *
 * Run inside `npm run bench` (its database, platform and service settings) or alone:
 * `npm run bench:review` (DATABASE_URL's server, a fresh database BENCH_DATABASE_NAME or
 * orgbind_bench_<pid>, dropped afterwards; else an embedded PostgreSQL). Sizes:
 * BENCH_REVIEW_PENDING (10000), BENCH_REVIEW_EXCLUDED (2000), BENCH_REVIEW_PAGE_SIZE (50),
 * BENCH_REVIEW_REGISTRARS (8), BENCH_REVIEW_ROUNDS (2).
 */
import 'reflect-metadata';
import path from 'node:path';
import pg from 'pg';
import type { DataSource, Logger } from 'typeorm';
import { maskMobile, maskPersonName } from '../src/common/masking';
import { createDataSource, runMigrations } from '../src/database/data-source';
import { startDevPlatform } from '../src/dev-platform/dev-platform';
import { generateSigningKey } from '../src/dev-platform/dev-platform-keys';
import { encryptPersonalValue, residentIdHash } from '../src/personal-data/domain/personal-data-crypto';
import { personalDataKeyBytes } from '../src/personal-data/domain/personal-data-keys';
import { ReviewRepository } from '../src/registrar-review/review.repository';
import { findDivision } from '../src/registry/domain/divisions';
import { generateResidentId, maskResidentId } from '../src/registry/domain/resident-id';
import { civilAffairsAuthorityCode, civilAffairsAuthorityName } from '../src/registry/domain/sample-authorities';
import { syncReferenceData } from '../src/registry/reference-data';
import { addRegistrarAuthorities } from '../src/registry/registrar-roster';
import { BenchContext, BenchSection } from './lib/context';
import { provideBenchDatabase } from './lib/database';
import { cpuSecondsOf, memoryOf, startServer } from './lib/processes';
import { log as benchLog } from './lib/progress';
import { BENCH_AUDIENCE, BENCH_CLAIM_NAMES, SERVICE_NODE_OPTIONS, serviceEnvironment } from './lib/service-env';
import { LatencySummary, round, Samples } from './lib/stats';

const LIST_PATH = '/v1/review/registration-applications';
const PENDING = 'pending';
/** The reviewed authority (鞍山市千山区) and the other one whose applications the list must not show (鞍山市铁东区). */
const QUEUE_DIVISION = '210311';
const OTHER_DIVISION = '210302';
const DAY_MS = 86_400_000;
/** Invented people (no real person's name). */
const FICTIONAL_PEOPLE = ['张晓明', '李文静', '王建国', '刘思远', '阿依古丽·买买提', '欧阳晓芸', '陈立新', '赵雨桐'];
const ORGANIZATION_TYPES = ['social_group', 'private_non_enterprise', 'foundation'] as const;
/** Han "digits" for the unique part of proposed names (Han characters only: no name warnings). */
const HAN_DIGITS = '甲乙丙丁戊己庚辛壬癸';

/** Sizes of one run. */
export interface ReviewListBenchOptions {
  /** Pending applications in the reviewed authority's queue (default 10,000). */
  readonly pending: number;
  /** Rows the list must exclude: pending at another authority, rejected and withdrawn at this one (default 2,000). */
  readonly excluded: number;
  /** `limit` of each page (1-100; default 50). */
  readonly pageSize: number;
  /** Registrars walking the queue at once in the concurrent phase (default 8). */
  readonly registrars: number;
  /** Interleaved rounds of each phase, service and floor taking turns; the best round counts (default 2). */
  readonly rounds: number;
}

/** One walk of the whole queue (or N at once): pages, rows, wall time and per-page latency. */
export interface WalkFigures {
  readonly walkers: number;
  readonly pages: number;
  readonly rows: number;
  readonly seconds: number;
  readonly pagesPerSecond: number;
  readonly rowsPerSecond: number;
  /** Page latency in milliseconds (request sent → body parsed; floor: both queries → JSON string). */
  readonly latencyMs: LatencySummary;
  /** CPU milliseconds of the service process per page (null for the floor: it runs in the bench's process). */
  readonly serverCpuMsPerPage: number | null;
}

/** EXPLAIN (ANALYZE, BUFFERS) of one statement, summarised. */
export interface PlanSummary {
  readonly statement: string;
  /** e.g. `Index Scan using ix_registration_application_review_queue on registration_application`. */
  readonly nodes: readonly string[];
  readonly executionMs: number;
  readonly planningMs: number;
  readonly sharedHitBlocks: number;
  readonly sharedReadBlocks: number;
}

/** Everything the review-list bench measured (JSON of the report's section). */
export interface ReviewListBenchResult {
  readonly bench: 'review-list';
  readonly options: ReviewListBenchOptions;
  readonly seed: { readonly rows: number; readonly pending: number; readonly excluded: Readonly<Record<string, number>>; readonly seconds: number };
  readonly service: { readonly how: string; readonly peakRssMb: number };
  readonly floor: { readonly how: string };
  /** The SQL the service ran per page (captured from TypeORM), with `$n` placeholders. */
  readonly sql: { readonly firstPage: string; readonly nextPage: string; readonly count: string };
  /** Every round of every phase; `best` the one the section reports (highest pages/s). */
  readonly phases: Readonly<Record<'serviceSequential' | 'floorSequential' | 'serviceConcurrent' | 'floorConcurrent', { readonly rounds: readonly WalkFigures[]; readonly best: WalkFigures }>>;
  /** The same page requested repeatedly: first page vs last page (ms). */
  readonly depth: Readonly<Record<'serviceFirst' | 'serviceLast' | 'floorFirst' | 'floorLast', LatencySummary>>;
  readonly explain: { readonly firstPage: PlanSummary; readonly middlePage: PlanSummary; readonly lastPage: PlanSummary; readonly count: PlanSummary };
  /** What every walk (warm-up and measured, service and floor) was checked for. */
  readonly checks: readonly string[];
}

/** One page as a walker sees it. */
interface Page {
  readonly ids: readonly string[];
  readonly total: number;
  readonly nextCursor: string | null;
}

/** A page fetcher: the service over HTTP, or the floor through pg. `cursor` is the service's opaque cursor or the floor's raw position. */
type FetchPage = (walker: number, cursor: string | null) => Promise<Page>;

/** Sizes from BENCH_REVIEW_* (see the file's header). */
export function reviewListOptions(env: NodeJS.ProcessEnv = process.env): ReviewListBenchOptions {
  const num = (name: string, fallback: number, max = Number.MAX_SAFE_INTEGER) => {
    const value = env[name];
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${name} must be an integer from 1 to ${max}`);
    return n;
  };
  return {
    pending: num('BENCH_REVIEW_PENDING', 10_000, 99_999),
    excluded: num('BENCH_REVIEW_EXCLUDED', 2000, 99_999),
    pageSize: num('BENCH_REVIEW_PAGE_SIZE', 50, 100),
    registrars: num('BENCH_REVIEW_REGISTRARS', 8, 64),
    rounds: num('BENCH_REVIEW_ROUNDS', 2, 10),
  };
}

/**
 * Seed the queue, start the service (`context.service`), walk the queue through HTTP and through
 * the floor, check every walk, explain the page statements. Seeded rows stay in the (throw-away)
 * bench database.
 */
export async function runReviewListBench(context: BenchContext, options: ReviewListBenchOptions = reviewListOptions()): Promise<ReviewListBenchResult> {
  const { dataSource, log } = context;
  const env = context.service.env;
  const encryptionKey = personalDataKeyBytes(env.PERSONAL_DATA_ENCRYPTION_KEY ?? '');
  const hashKey = env.PERSONAL_DATA_HASH_KEY;
  if (!encryptionKey || !hashKey) throw new Error('review list bench: the service environment has no PERSONAL_DATA_ENCRYPTION_KEY / PERSONAL_DATA_HASH_KEY');
  const poolSize = Number(env.DATABASE_POOL_SIZE ?? 10);

  log(`review list: seeding ${options.pending.toLocaleString('en-US')} pending applications of one authority and ${options.excluded.toLocaleString('en-US')} the list must exclude`);
  const seed = await seedQueue(dataSource, { ...options, issuer: context.platform.issuer, encryptionKey, hashKey });
  log(`review list: seeded ${seed.rows.toLocaleString('en-US')} applications and ${options.registrars} registrars in ${seed.seconds.toFixed(1)} s`);
  const expected = await expectedQueue(dataSource, seed.authorityCode);
  if (expected.length !== options.pending) throw new Error(`review list: the queue holds ${expected.length} pending applications, expected ${options.pending}`);

  const sql = await captureSql(dataSource, seed.authorityCode, expected, options.pageSize);
  const tokens = await Promise.all(seed.registrarSubjects.map((sub) => context.platform.mintToken({ sub, userType: 'natural_person', name: '审核员' })));
  const pool = new pg.Pool({ connectionString: context.databaseUrl, max: poolSize, application_name: 'orgbind-bench-review-floor' });
  const server = await startServer('service (review list)', context.service.script, { ...env }, log);
  try {
    const service = serviceFetcher(server.url, tokens, options.pageSize);
    const floor = floorFetcher(pool, sql, seed.authorityCode, options.pageSize);
    const checks: string[] = [];
    const check = (label: string, walk: Walk) => {
      checkWalk(label, walk, expected, options.pageSize);
      checks.push(label);
    };

    log('review list: warm-up (one walk each, checked)');
    const warmService = await walk(service, 0);
    check('service warm-up walk', warmService);
    check('floor warm-up walk', await walk(floor, 0));

    const serviceCpu = () => cpuSecondsOf(server.pid);
    const phases = { serviceSequential: [] as WalkFigures[], floorSequential: [] as WalkFigures[], serviceConcurrent: [] as WalkFigures[], floorConcurrent: [] as WalkFigures[] };
    for (let r = 1; r <= options.rounds; r++) {
      log(`review list: round ${r}/${options.rounds}: one registrar, then ${options.registrars} at once (service, then floor)`);
      phases.serviceSequential.push(await measureWalks(`service, 1 registrar, round ${r}`, service, 1, check, serviceCpu, log));
      phases.floorSequential.push(await measureWalks(`floor, 1 walker, round ${r}`, floor, 1, check, null, log));
      phases.serviceConcurrent.push(await measureWalks(`service, ${options.registrars} registrars, round ${r}`, service, options.registrars, check, serviceCpu, log));
      phases.floorConcurrent.push(await measureWalks(`floor, ${options.registrars} walkers, round ${r}`, floor, options.registrars, check, null, log));
    }
    const best = (rounds: WalkFigures[]) => ({ rounds, best: rounds.reduce((a, b) => (b.pagesPerSecond > a.pagesPerSecond ? b : a)) });

    log('review list: first page vs last page, 30 times each');
    const serviceLastCursor = warmService.cursors[warmService.cursors.length - 2];
    const floorLastCursor = rawCursor(expected[expected.length - options.pageSize - 1]);
    const depth = await measureDepth([
      { name: 'serviceFirst', fetch: () => service(0, null) },
      { name: 'serviceLast', fetch: () => service(0, serviceLastCursor) },
      { name: 'floorFirst', fetch: () => floor(0, null) },
      { name: 'floorLast', fetch: () => floor(0, floorLastCursor) },
    ]);

    const explain = {
      firstPage: await explainStatement(pool, 'first page', sql.firstPage, sql.firstPageParams),
      middlePage: await explainStatement(pool, 'middle page', sql.nextPage, sql.nextPageParams(rawCursor(expected[Math.floor(expected.length / options.pageSize / 2) * options.pageSize - 1]))),
      lastPage: await explainStatement(pool, 'last page', sql.nextPage, sql.nextPageParams(floorLastCursor)),
      count: await explainStatement(pool, 'count', sql.count, sql.countParams),
    };
    log(`review list: EXPLAIN first page ${explain.firstPage.executionMs} ms (${explain.firstPage.nodes.join(' → ')}), middle page ${explain.middlePage.executionMs} ms, last page ${explain.lastPage.executionMs} ms (${explain.lastPage.nodes.join(' → ')}), count ${explain.count.executionMs} ms`);
    const peakRssMb = memoryOf(server.pid).peakRssMb;
    return {
      bench: 'review-list',
      options,
      seed: { rows: seed.rows, pending: options.pending, excluded: seed.excluded, seconds: round(seed.seconds, 1) },
      service: {
        how: `node ${path.basename(context.service.script)} in its own process as the resolutions bench runs it (NODE_ENV=${env.NODE_ENV}, LOG_LEVEL=${env.LOG_LEVEL}, NODE_OPTIONS="${env.NODE_OPTIONS ?? ''}", DATABASE_POOL_SIZE=${poolSize}); the registrars' tokens minted by the development platform (RS256, verified against its JWKS); client: fetch (keep-alive) in the bench's process, body parsed for nextCursor`,
        peakRssMb,
      },
      floor: { how: `pg.Pool of ${poolSize} in the bench's process: the page and the count statement the service ran (captured from TypeORM), at once as the service runs them, then JSON.stringify of the page; no HTTP, no token, no roster look-up, no decryption or masking` },
      sql: { firstPage: sql.firstPage, nextPage: sql.nextPage, count: sql.count },
      phases: { serviceSequential: best(phases.serviceSequential), floorSequential: best(phases.floorSequential), serviceConcurrent: best(phases.serviceConcurrent), floorConcurrent: best(phases.floorConcurrent) },
      depth,
      explain,
      checks,
    };
  } finally {
    await server.stop();
    await pool.end();
  }
}

/** The result as a section of the `npm run bench` report: a service/floor table, then the other figures. */
export function reviewListSection(result: ReviewListBenchResult): BenchSection {
  const { phases, depth, explain, options } = result;
  const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const ratio = (service: number, floor: number) => (floor > 0 ? fmt(service / floor, 2) : '');
  const seq = { s: phases.serviceSequential.best, f: phases.floorSequential.best };
  const conc = { s: phases.serviceConcurrent.best, f: phases.floorConcurrent.best };
  const latencyRow = (metric: string, key: 'p50' | 'p90' | 'p99' | 'max', s: WalkFigures, f: WalkFigures) => [metric, `${fmt(s.latencyMs[key], 2)} ms`, `${fmt(f.latencyMs[key], 2)} ms`, ratio(s.latencyMs[key], f.latencyMs[key]), ''];
  const plan = (p: PlanSummary) => `${fmt(p.executionMs, 3)} ms execution, ${fmt(p.planningMs, 3)} ms planning, ${p.sharedHitBlocks} shared blocks hit, ${p.sharedReadBlocks} read; ${p.nodes.join(' → ')}`;
  const rows: string[][] = [
    ['pages/s, 1 registrar walking', fmt(seq.s.pagesPerSecond), fmt(seq.f.pagesPerSecond), ratio(seq.s.pagesPerSecond, seq.f.pagesPerSecond), `${seq.s.pages} pages of ${options.pageSize}, best of ${options.rounds} round(s)`],
    ['rows/s, 1 registrar walking', fmt(seq.s.rowsPerSecond, 0), fmt(seq.f.rowsPerSecond, 0), ratio(seq.s.rowsPerSecond, seq.f.rowsPerSecond), ''],
    [`time to list all ${result.seed.pending.toLocaleString('en-US')}, 1 registrar`, `${fmt(seq.s.seconds, 2)} s`, `${fmt(seq.f.seconds, 2)} s`, ratio(seq.s.seconds, seq.f.seconds), ''],
    latencyRow('page latency p50, 1 registrar', 'p50', seq.s, seq.f),
    latencyRow('page latency p90, 1 registrar', 'p90', seq.s, seq.f),
    latencyRow('page latency p99, 1 registrar', 'p99', seq.s, seq.f),
    latencyRow('page latency max, 1 registrar', 'max', seq.s, seq.f),
    [`pages/s, ${options.registrars} registrars at once`, fmt(conc.s.pagesPerSecond), fmt(conc.f.pagesPerSecond), ratio(conc.s.pagesPerSecond, conc.f.pagesPerSecond), `each walks the whole queue: ${conc.s.pages} pages in all`],
    [`rows/s, ${options.registrars} registrars at once`, fmt(conc.s.rowsPerSecond, 0), fmt(conc.f.rowsPerSecond, 0), ratio(conc.s.rowsPerSecond, conc.f.rowsPerSecond), ''],
    latencyRow(`page latency p50, ${options.registrars} registrars`, 'p50', conc.s, conc.f),
    latencyRow(`page latency p99, ${options.registrars} registrars`, 'p99', conc.s, conc.f),
    ['first page, median of 30', `${fmt(depth.serviceFirst.p50, 2)} ms`, `${fmt(depth.floorFirst.p50, 2)} ms`, ratio(depth.serviceFirst.p50, depth.floorFirst.p50), `p90 ${fmt(depth.serviceFirst.p90, 2)} / ${fmt(depth.floorFirst.p90, 2)} ms`],
    [`last page (page ${seq.s.pages}), median of 30`, `${fmt(depth.serviceLast.p50, 2)} ms`, `${fmt(depth.floorLast.p50, 2)} ms`, ratio(depth.serviceLast.p50, depth.floorLast.p50), `p90 ${fmt(depth.serviceLast.p90, 2)} / ${fmt(depth.floorLast.p90, 2)} ms; last/first: service ${ratio(depth.serviceLast.p50, depth.serviceFirst.p50)}, floor ${ratio(depth.floorLast.p50, depth.floorFirst.p50)}`],
    ['service CPU per page', `${fmt(seq.s.serverCpuMsPerPage ?? 0, 2)} ms (1 registrar), ${fmt(conc.s.serverCpuMsPerPage ?? 0, 2)} ms (${options.registrars})`, '', '', 'the service process only (PostgreSQL and the client not included)'],
  ];
  const excluded = Object.entries(result.seed.excluded).map(([k, v]) => `${v} ${k}`).join(', ');
  return {
    title: `Registrar's review list: ${result.seed.pending.toLocaleString('en-US')} pending applications by keyset pages of ${options.pageSize} (GET ${LIST_PATH}?status=pending)`,
    table: { head: ['metric', 'service', 'floor', 'service/floor', 'note'], rows },
    figures: [
      { metric: 'seeding (set-based SQL)', value: result.seed.seconds, unit: 's', note: `${result.seed.rows.toLocaleString('en-US')} applications: ${result.seed.pending.toLocaleString('en-US')} pending in the queue; excluded: ${excluded}; ${options.registrars} registrars on the roster` },
      { metric: 'EXPLAIN (ANALYZE, BUFFERS) first page', value: explain.firstPage.executionMs, unit: 'ms', note: plan(explain.firstPage) },
      { metric: `EXPLAIN (ANALYZE, BUFFERS) middle page (page ${Math.floor(seq.s.pages / 2) + 1})`, value: explain.middlePage.executionMs, unit: 'ms', note: plan(explain.middlePage) },
      { metric: `EXPLAIN (ANALYZE, BUFFERS) last page (page ${seq.s.pages})`, value: explain.lastPage.executionMs, unit: 'ms', note: plan(explain.lastPage) },
      { metric: 'EXPLAIN (ANALYZE, BUFFERS) count (run with every page)', value: explain.count.executionMs, unit: 'ms', note: plan(explain.count) },
      { metric: 'service peak RSS (VmHWM)', value: result.service.peakRssMb, unit: 'MB', note: 'the review-list service process since its start' },
      { metric: 'walks checked', value: result.checks.length, unit: '', note: `every walk saw each of the ${result.seed.pending.toLocaleString('en-US')} queued ids exactly once, in (submitted_at, id) order, none of the excluded rows, total = ${result.seed.pending} on every page` },
    ],
    notes: [`Service: ${result.service.how}.`, `Floor: ${result.floor.how}.`, 'A closed loop: each registrar asks for the next page as soon as the previous one arrived; client, service and PostgreSQL share the machine\'s cores.'],
    raw: result,
  };
}

/** Rows seeded, registrars on the roster, and the reviewed authority. */
interface Seeded {
  readonly authorityCode: string;
  readonly registrarSubjects: readonly string[];
  readonly rows: number;
  readonly excluded: Record<string, number>;
  readonly seconds: number;
}

/**
 * Two registration authorities (the civil-affairs ones of 千山区 and 铁东区, if not there yet),
 * `registrars` registrars on the first one's roster (through the roster code, audited), and one
 * INSERT … SELECT FROM unnest of the applications as the service writes them at submission:
 * encrypted contact, masked applicant claims and keyed resident-ID hash (bench keys of the
 * service's environment), millisecond submission times (JS clocks) over 45 days, pairs sharing
 * a millisecond (the id breaks the tie). Excluded: pending at the other authority (half), and
 * rejected / withdrawn at this one (a quarter each), decided or withdrawn a day after submission.
 * Audit rows, feed events and idempotency keys of the submissions are not seeded: the list never reads them.
 */
async function seedQueue(
  dataSource: DataSource,
  options: ReviewListBenchOptions & { issuer: string; encryptionKey: Buffer; hashKey: string },
): Promise<Seeded> {
  const started = performance.now();
  const authorities = [QUEUE_DIVISION, OTHER_DIVISION].map((code) => {
    const division = findDivision(code);
    if (!division) throw new Error(`unknown division ${code}`);
    return { code: civilAffairsAuthorityCode(code), name: civilAffairsAuthorityName(division, division.parentCode ? (findDivision(division.parentCode) ?? undefined) : undefined), divisionCode: code, level: division.level };
  });
  await dataSource.query(
    `INSERT INTO registration_authority (code, name, division_code, level, active)
     SELECT * , true FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) ON CONFLICT (code) DO NOTHING`,
    [authorities.map((a) => a.code), authorities.map((a) => a.name), authorities.map((a) => a.divisionCode), authorities.map((a) => a.level)],
  );
  const [queue, other] = authorities;
  const registrarSubjects = Array.from({ length: options.registrars }, (_, i) => `bench-registrar-${String(i).padStart(2, '0')}`);
  for (const subject of registrarSubjects) {
    await dataSource.transaction((manager) => addRegistrarAuthorities(manager, { issuer: options.issuer, subject, authorityCodes: [queue.code] }, { kind: 'operator', id: 'cli:bench' }));
  }

  const otherPending = Math.ceil(options.excluded / 2);
  const rejected = Math.floor((options.excluded - otherPending) / 2);
  const total = options.pending + options.excluded;
  const columns = {
    subject: [] as string[], userType: [] as string[], nameMasked: [] as string[], residentIdHash: [] as string[], residentIdMasked: [] as string[], phoneMasked: [] as string[],
    divisionCode: [] as string[], authorityCode: [] as string[], proposedName: [] as string[], organizationType: [] as string[], contactName: [] as string[], contactMobile: [] as string[],
    note: [] as (string | null)[], status: [] as string[], submittedOffsetMs: [] as number[],
  };
  const span = 45 * DAY_MS;
  for (let i = 0; i < total; i++) {
    // The queue, then the other authority's pending ones, the rejected ones, and the rest withdrawn.
    const status = i < options.pending + otherPending ? PENDING : i < options.pending + otherPending + rejected ? 'rejected' : 'withdrawn';
    const authority = i >= options.pending && i < options.pending + otherPending ? other : queue;
    const person = FICTIONAL_PEOPLE[i % FICTIONAL_PEOPLE.length];
    const residentId = generateResidentId({ divisionCode: OTHER_DIVISION, birthDate: `${1960 + (i % 40)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`, sequence: i % 1000 });
    const mobile = `139${String((i * 7919) % 100_000_000).padStart(8, '0')}`;
    const place = authority === queue ? '鞍山市千山区' : '鞍山市铁东区';
    const unique = String(i).padStart(5, '0').replace(/\d/g, (d) => HAN_DIGITS[Number(d)]);
    // The queue's pending rows ascend in pairs sharing a millisecond; the other rows spread over the same 45 days.
    const ordinal = i < options.pending ? Math.floor(i / 2) * 2 : (i * 7) % options.pending;
    columns.subject.push(`bench-applicant-${String(i).padStart(5, '0')}`);
    columns.userType.push(i % 10 === 9 ? 'individual_business' : 'natural_person');
    columns.nameMasked.push(maskPersonName(person));
    columns.residentIdHash.push(residentIdHash(residentId, options.hashKey));
    columns.residentIdMasked.push(maskResidentId(residentId));
    columns.phoneMasked.push(maskMobile(mobile));
    columns.divisionCode.push(authority.divisionCode);
    columns.authorityCode.push(authority.code);
    columns.proposedName.push(`${place}基准${unique}志愿者协会`);
    columns.organizationType.push(ORGANIZATION_TYPES[i % ORGANIZATION_TYPES.length]);
    columns.contactName.push(encryptPersonalValue(person, options.encryptionKey));
    columns.contactMobile.push(encryptPersonalValue(mobile, options.encryptionKey));
    columns.note.push(i % 4 === 0 ? '请尽快审核，谢谢。' : null);
    columns.status.push(status);
    columns.submittedOffsetMs.push(span - Math.floor((ordinal * span) / options.pending));
  }
  const decidedBy = `${options.issuer}|${registrarSubjects[0]}`;
  const inserted = await dataSource.query<{ status: string; authority_code: string; n: number }[]>(
    `WITH input AS (
       SELECT u.*, date_trunc('milliseconds', now()) - make_interval(secs => u.offset_ms / 1000.0) AS submitted_at
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::bigint[])
           AS u(subject, user_type, name_masked, resident_id_hash, resident_id_masked, phone_masked, division_code, authority_code, proposed_name, organization_type, contact_name, contact_mobile, note, status, offset_ms)
     ), rows AS (
       INSERT INTO registration_application (
         id, issuer, subject, applicant_user_type, applicant_name_masked, applicant_resident_id_hash, applicant_resident_id_masked, applicant_phone_masked,
         division_code, authority_code, proposed_name, organization_type, contact_name, contact_mobile, note, status, version,
         submitted_at, decided_at, decided_by, rejection_reason, withdrawn_at, created_at, updated_at)
       SELECT gen_random_uuid(), $16, subject, user_type, name_masked, resident_id_hash, resident_id_masked, phone_masked,
              division_code, authority_code, proposed_name, organization_type, contact_name, contact_mobile, note, status,
              CASE WHEN status = 'pending' THEN 1 ELSE 2 END,
              submitted_at,
              CASE WHEN status = 'rejected' THEN submitted_at + interval '1 day' END,
              CASE WHEN status = 'rejected' THEN $17 END,
              CASE WHEN status = 'rejected' THEN '材料不全，请补充后重新申请。' END,
              CASE WHEN status = 'withdrawn' THEN submitted_at + interval '1 day' END,
              submitted_at,
              CASE WHEN status = 'pending' THEN submitted_at ELSE submitted_at + interval '1 day' END
         FROM input
       RETURNING status, authority_code)
     SELECT status, authority_code, count(*)::int AS n FROM rows GROUP BY 1, 2`,
    [
      columns.subject, columns.userType, columns.nameMasked, columns.residentIdHash, columns.residentIdMasked, columns.phoneMasked, columns.divisionCode, columns.authorityCode,
      columns.proposedName, columns.organizationType, columns.contactName, columns.contactMobile, columns.note, columns.status, columns.submittedOffsetMs, options.issuer, decidedBy,
    ],
  );
  await dataSource.query('ANALYZE registration_application');
  const count = (status: string, authorityCode: string) => inserted.find((r) => r.status === status && r.authority_code === authorityCode)?.n ?? 0;
  const excluded = { [`pending at ${other.code}`]: count(PENDING, other.code), [`rejected at ${queue.code}`]: count('rejected', queue.code), [`withdrawn at ${queue.code}`]: count('withdrawn', queue.code) };
  if (count(PENDING, queue.code) !== options.pending || Object.values(excluded).reduce((a, b) => a + b, 0) !== options.excluded) {
    throw new Error(`review list: seeded ${JSON.stringify(inserted)}, expected ${options.pending} pending at ${queue.code} and ${options.excluded} excluded`);
  }
  return { authorityCode: queue.code, registrarSubjects, rows: total, excluded, seconds: (performance.now() - started) / 1000 };
}

/** A queued application's keyset position: `submitted_at` with microseconds (UTC) and id. */
interface QueuePosition {
  readonly id: string;
  readonly at: string;
}

/** The queue as the list must show it: the authority's pending applications in (submitted_at, id) order. */
async function expectedQueue(dataSource: DataSource, authorityCode: string): Promise<QueuePosition[]> {
  return dataSource.query(
    `SELECT id, to_char(submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at
       FROM registration_application WHERE authority_code = $1 AND status = 'pending' ORDER BY submitted_at, id`,
    [authorityCode],
  );
}

/** The floor's cursor: the raw keyset position as `at|id`. */
function rawCursor(position: QueuePosition): string {
  return `${position.at}|${position.id}`;
}

/** The statements the service runs for a page, as TypeORM generated them, and how to fill their parameters. */
interface CapturedSql {
  readonly firstPage: string;
  readonly firstPageParams: readonly unknown[];
  readonly nextPage: string;
  nextPageParams(cursor: string): unknown[];
  readonly count: string;
  readonly countParams: readonly unknown[];
}

/**
 * Run the service's own ReviewRepository (the first page, a page after a cursor, the count) with
 * a logger that records the SQL and parameters TypeORM sends: the floor then runs exactly those.
 */
async function captureSql(dataSource: DataSource, authorityCode: string, expected: readonly QueuePosition[], pageSize: number): Promise<CapturedSql> {
  const captured: { query: string; parameters: unknown[] }[] = [];
  const logger: Logger = {
    logQuery: (query, parameters) => {
      captured.push({ query, parameters: Array.isArray(parameters) ? parameters : [] });
    },
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
  const repository = new ReviewRepository(dataSource);
  const filter = { authorityCodes: [authorityCode], status: PENDING } as const;
  const probe = { submittedAt: expected[pageSize - 1].at, id: expected[pageSize - 1].id };
  const original = dataSource.logger;
  dataSource.logger = logger;
  let first: typeof captured;
  let next: typeof captured;
  let count: typeof captured;
  try {
    await repository.page(filter, null, pageSize);
    first = captured.splice(0);
    const page = await repository.page(filter, probe, pageSize);
    next = captured.splice(0);
    if (page.rows[0]?.application.id !== expected[pageSize].id) throw new Error('review list: the repository\'s second page does not start where expected');
    await repository.count(filter);
    count = captured.splice(0);
  } finally {
    dataSource.logger = original;
  }
  const one = (statements: typeof captured, what: string) => {
    if (statements.length !== 1) throw new Error(`review list: the repository ran ${statements.length} statements for ${what}, expected 1: ${statements.map((s) => s.query).join('; ')}`);
    return statements[0];
  };
  const [f, n, c] = [one(first, 'the first page'), one(next, 'a next page'), one(count, 'the count')];
  const atIndex = n.parameters.indexOf(probe.submittedAt);
  const idIndex = n.parameters.indexOf(probe.id);
  if (atIndex < 0 || idIndex < 0) throw new Error(`review list: cannot find the cursor among the next page's parameters ${JSON.stringify(n.parameters)}`);
  return {
    firstPage: f.query,
    firstPageParams: f.parameters,
    nextPage: n.query,
    nextPageParams: (cursor) => {
      const [at, id] = cursor.split('|');
      const parameters = [...n.parameters];
      parameters[atIndex] = at;
      parameters[idIndex] = id;
      return parameters;
    },
    count: c.query,
    countParams: c.parameters,
  };
}

/** Pages from the service: `GET /v1/review/registration-applications?status=pending&limit=N[&cursor=…]`, walker i with registrar i's token. */
function serviceFetcher(baseUrl: string, tokens: readonly string[], pageSize: number): FetchPage {
  return async (walker, cursor) => {
    const url = `${baseUrl}${LIST_PATH}?status=${PENDING}&limit=${pageSize}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${tokens[walker % tokens.length]}` } });
    const body = (await response.json()) as { items?: { id: string; status: string; contact?: { masked?: boolean } }[]; nextCursor?: string | null; total?: number };
    if (response.status !== 200 || !body.items) throw new Error(`review list: HTTP ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
    if (body.items.some((item) => item.status !== PENDING || item.contact?.masked !== true)) throw new Error('review list: the service listed an application not pending or with its contact in clear');
    return { ids: body.items.map((item) => item.id), total: body.total ?? -1, nextCursor: body.nextCursor ?? null };
  };
}

/** Pages from the floor: the service's page and count statements at once on the pool, then JSON.stringify of the page. */
function floorFetcher(pool: pg.Pool, sql: CapturedSql, authorityCode: string, pageSize: number): FetchPage {
  return async (_walker, cursor) => {
    const [page, count] = await Promise.all([
      pool.query<Record<string, unknown> & { a_id: string; a_status: string; a_authority_code: string; cursor_at: string }>(cursor ? sql.nextPage : sql.firstPage, cursor ? sql.nextPageParams(cursor) : [...sql.firstPageParams]),
      pool.query<{ cnt: string }>(sql.count, [...sql.countParams]),
    ]);
    const items = page.rows.slice(0, pageSize);
    if (items.some((row) => row.a_status !== PENDING || row.a_authority_code !== authorityCode)) throw new Error('review list: the floor listed an application not pending or of another authority');
    const last = items[items.length - 1];
    const nextCursor = page.rows.length > pageSize ? `${last.cursor_at}|${last.a_id}` : null;
    const total = Number(Object.values(count.rows[0])[0]);
    JSON.stringify({ items, nextCursor, total });
    return { ids: items.map((row) => row.a_id), total, nextCursor };
  };
}

/** What one walker saw. */
interface Walk {
  readonly ids: string[];
  readonly totals: Set<number>;
  /** The cursor each page was fetched with (null for the first). */
  readonly cursors: (string | null)[];
  readonly latencies: number[];
}

/** Walk the whole queue: first page, then `nextCursor` until it is null. */
async function walk(fetchPage: FetchPage, walker: number): Promise<Walk> {
  const seen: Walk = { ids: [], totals: new Set(), cursors: [], latencies: [] };
  let cursor: string | null = null;
  do {
    seen.cursors.push(cursor);
    const started = performance.now();
    const page: Page = await fetchPage(walker, cursor);
    seen.latencies.push(performance.now() - started);
    seen.ids.push(...page.ids);
    seen.totals.add(page.total);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return seen;
}

/** Fail unless the walk saw every queued id exactly once, in queue order, with the right total on every page and full pages. */
function checkWalk(label: string, seen: Walk, expected: readonly QueuePosition[], pageSize: number): void {
  const fail = (why: string) => {
    throw new Error(`review list: ${label}: ${why}`);
  };
  if (seen.ids.length !== expected.length) fail(`saw ${seen.ids.length} ids, expected ${expected.length}`);
  if (new Set(seen.ids).size !== seen.ids.length) fail('saw an id twice');
  const wrong = seen.ids.findIndex((id, i) => id !== expected[i].id);
  if (wrong >= 0) fail(`item ${wrong} is ${seen.ids[wrong]}, expected ${expected[wrong].id} (order by submitted_at, id)`);
  if (seen.totals.size !== 1 || !seen.totals.has(expected.length)) fail(`totals ${[...seen.totals].join(', ')}, expected ${expected.length}`);
  if (seen.cursors.length !== Math.ceil(expected.length / pageSize)) fail(`${seen.cursors.length} pages, expected ${Math.ceil(expected.length / pageSize)}`);
}

/** `walkers` walks at once (walker i as registrar i), each checked; pages/s over the wall time of all. */
async function measureWalks(label: string, fetchPage: FetchPage, walkers: number, check: (label: string, walk: Walk) => void, serverCpu: (() => number) | null, log: (message: string) => void): Promise<WalkFigures> {
  const cpu0 = serverCpu?.() ?? 0;
  const started = performance.now();
  const walks = await Promise.all(Array.from({ length: walkers }, (_, i) => walk(fetchPage, i)));
  const seconds = (performance.now() - started) / 1000;
  const cpu = serverCpu ? serverCpu() - cpu0 : null;
  walks.forEach((w, i) => check(`${label}, walker ${i + 1}`, w));
  const samples = new Samples();
  for (const w of walks) for (const ms of w.latencies) samples.add(ms);
  const pages = samples.count;
  const rows = walks.reduce((sum, w) => sum + w.ids.length, 0);
  const latencyMs = samples.summary();
  const figures: WalkFigures = {
    walkers,
    pages,
    rows,
    seconds: round(seconds, 3),
    pagesPerSecond: round(pages / seconds, 1),
    rowsPerSecond: Math.round(rows / seconds),
    latencyMs,
    serverCpuMsPerPage: cpu === null ? null : round((cpu * 1000) / pages, 3),
  };
  log(`review list: ${label}: ${pages} pages in ${seconds.toFixed(2)} s, ${figures.pagesPerSecond} pages/s, p50 ${latencyMs.p50} ms, p99 ${latencyMs.p99} ms${figures.serverCpuMsPerPage === null ? '' : `, service CPU ${figures.serverCpuMsPerPage} ms/page`}`);
  return figures;
}

/** Each fetch 30 times, interleaved (a, b, c, d, a, b, …) after 5 unmeasured rounds: latency per name. */
async function measureDepth<N extends string>(probes: readonly { name: N; fetch: () => Promise<Page> }[]): Promise<Record<N, LatencySummary>> {
  const samples = new Map(probes.map((p) => [p.name, new Samples()]));
  for (let i = 0; i < 35; i++) {
    for (const probe of probes) {
      const started = performance.now();
      await probe.fetch();
      if (i >= 5) samples.get(probe.name)!.add(performance.now() - started);
    }
  }
  return Object.fromEntries(probes.map((p) => [p.name, samples.get(p.name)!.summary()])) as Record<N, LatencySummary>;
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

/** EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) of one statement: its plan nodes (depth first), times and buffers. */
async function explainStatement(pool: pg.Pool, statement: string, sql: string, parameters: readonly unknown[]): Promise<PlanSummary> {
  const result = await pool.query<{ 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number; 'Planning Time': number }] }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, [...parameters]);
  const [{ Plan: plan, 'Execution Time': executionMs, 'Planning Time': planningMs }] = result.rows[0]['QUERY PLAN'];
  const nodes: string[] = [];
  const visit = (node: PlanNode) => {
    nodes.push(`${node['Node Type']}${node['Index Name'] ? ` using ${node['Index Name']}` : ''}${node['Relation Name'] ? ` on ${node['Relation Name']}` : ''}`);
    for (const child of node.Plans ?? []) visit(child);
  };
  visit(plan);
  return { statement, nodes, executionMs: round(executionMs, 3), planningMs: round(planningMs, 3), sharedHitBlocks: plan['Shared Hit Blocks'] ?? 0, sharedReadBlocks: plan['Shared Read Blocks'] ?? 0 };
}

/**
 * `npm run bench:review`: the review-list bench alone, on a fresh database (migrations and
 * reference data, no registry import) with its own development platform and the service built
 * by `npm run build` (dist/main.js). Prints the section as Markdown on stdout.
 */
async function standalone(): Promise<void> {
  const database = await provideBenchDatabase(process.env.DATABASE_URL, benchLog);
  const dataSource = createDataSource(database.url, 'orgbind-bench-review');
  const signingKey = await generateSigningKey();
  const platform = await startDevPlatform({ port: 0, audience: BENCH_AUDIENCE, jwks: { keys: [signingKey] }, claimNames: BENCH_CLAIM_NAMES, logger: { warn: () => undefined, log: () => undefined } });
  try {
    await dataSource.initialize();
    await runMigrations(dataSource);
    await syncReferenceData(dataSource);
    const env = serviceEnvironment({ databaseUrl: database.url, issuer: platform.issuer, jwksUri: platform.jwksUri, logLevel: 'warn', nodeOptions: SERVICE_NODE_OPTIONS });
    const script = path.resolve(__dirname, '..', '..', 'dist', 'main.js');
    const result = await runReviewListBench({ databaseUrl: database.url, dataSource, platform, signingKey, unboundOrganizations: [], service: { script, env }, log: benchLog });
    const section = reviewListSection(result);
    const lines = [`## ${section.title}`, '', `| ${section.table!.head.join(' | ')} |`, `|${section.table!.head.map(() => '---').join('|')}|`, ...section.table!.rows.map((r) => `| ${r.join(' | ')} |`), ''];
    for (const f of section.figures) lines.push(`- ${f.metric}: ${f.value} ${f.unit} (${f.note ?? ''})`);
    for (const n of section.notes ?? []) lines.push(`- ${n}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await platform.close();
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.stop();
  }
}

if (require.main === module) {
  standalone().catch((error: unknown) => {
    process.stderr.write(`[bench] review list failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
