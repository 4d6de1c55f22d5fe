/**
 * `npm run bench`: in one run, on one machine —
 *  1. PostgreSQL (`DATABASE_URL`'s server, in a fresh database; else embedded in a temp folder);
 *  2. migrations and reference data;
 *  3. 30,000 organizations through the real registry import (timed: the import benchmark);
 *  4. the development platform (port 0) and 10,000 bound legal-person users;
 *  5. 10,000 distinct valid tokens signed with the platform's key;
 *  6. the FLOOR server (bare node:http + jose + pg, same SQL), then the SERVICE in production
 *     mode, each driven at saturation and at half of its peak by a load generator in a child
 *     process; then the service again with per-request logs (LOG_LEVEL=info);
 *  7. results: bench/results/latest.{json,md,svg}; the Markdown is printed on stdout.
 * Progress goes to stderr. Options: see USAGE.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { decodeJwt, importJWK, SignJWT } from 'jose';
import { DataSource } from 'typeorm';
import { createDataSource, runMigrations } from '../src/database/data-source';
import { DEV_PLATFORM_RESOURCE_SERVER, type DevPlatform, startDevPlatform } from '../src/dev-platform/dev-platform';
import { generateSigningKey, PrivateJwk } from '../src/dev-platform/dev-platform-keys';
import { importOrganizations } from '../src/registry/import/organization-import';
import { syncReferenceData } from '../src/registry/reference-data';
import { runLegacyBindingBench } from './legacy-binding.bench';
import { reviewListSection, runReviewListBench } from './review-list.bench';
import { BenchContext, BenchSection, PhaseReport, TargetReport } from './lib/context';
import { measureDurableCommit, provideBenchDatabase } from './lib/database';
import { cpuSecondsOf, isAlive, LoadGenerator, machineCpuSeconds, memoryOf, processTreeCpuSeconds, ServerProcess, startServer } from './lib/processes';
import { log, progressBar } from './lib/progress';
import { generateOrganizations, organizationsTsv } from './lib/registry-file';
import { BenchResults, bestPhase, targetFigures, toMarkdown, toSvg } from './lib/report';
import { BENCH_AUDIENCE, BENCH_CLAIM_NAMES, BENCH_POOL_SIZE, SERVICE_ENVIRONMENT, SERVICE_NODE_OPTIONS, serviceEnvironment } from './lib/service-env';
import { round } from './lib/stats';
import { ServerStats, serverSideFigures, serviceStatsOf, statsDelta } from './lib/tail';
import { assertSameShape, BenchUser, signPlatformTokens } from './lib/tokens';
import { checkConformance, ConformanceCase, createVerifier, TokenVerifier, VERIFIER_DESCRIPTIONS, VERIFIER_NAMES, VerifierName } from './lib/verifiers';
import type { LoadPhase } from './load-generator';

const USAGE_TEXT = () => `usage: npm run bench [-- options]

  --organizations N   organizations to import (default 30000)
  --users N           bound legal-person users = distinct tokens (default 10000)
  --duration S        seconds per measured phase and round (default 8)
  --rounds N          rounds of each phase, the servers taking turns (default 3; the best round of
                      each counts: other tenants of a shared machine come and go)
  --warmup S          seconds of warm-up before each server's phases (default 5)
  --connections N     keep-alive connections of the load generator (default 32)
  --node-options=S    NODE_OPTIONS of the service (default "${SERVICE_NODE_OPTIONS}", as recommended
                      for production: see docs/performance.md)
  --no-variants       skip the service runs with LOG_LEVEL=info and with V8's default heap sizing
  --no-introspection  skip the service runs with opaque tokens (PLATFORM_TOKEN_MODE=introspection
                      against the in-process development platform, warm and cold answer cache)
  --resolutions-only  skip the other capabilities' benches (legacy-account import and binding,
                      the registrar's review list)
  --quick             3000 organizations, 1000 users, one round of 5 s phases, 2 s warm-up (a smoke run)
  --out DIR           where to write latest.{json,md,svg} (default bench/results)
  --no-write          print only

Uses DATABASE_URL when set (a fresh database orgbind_bench_<pid> is created on that server and
dropped afterwards), else an embedded PostgreSQL in a temporary folder. Runs a few minutes.`;

const ROOT = path.resolve(__dirname, '..', '..');
const AUDIENCE = BENCH_AUDIENCE;
const CLAIM_NAMES = BENCH_CLAIM_NAMES;
const POOL_SIZE = BENCH_POOL_SIZE;
const RESOLUTIONS_PATH = '/v1/resolutions';
const STACK_FLOOR_LABEL = 'stack floor (Nest + passport-jwt + TypeORM only)';

const PHASE_WARMUP = 'warm-up';
const PHASE_SATURATION = 'saturation';
const PHASE_HALF_PACED = 'half of peak (paced)';
const PHASE_HALF_AUTOCANNON = 'half of peak (autocannon overallRate)';

interface Options {
  organizations: number;
  users: number;
  duration: number;
  rounds: number;
  warmup: number;
  connections: number;
  variants: boolean;
  /** Also run the service with opaque tokens (introspection), warm and cold answer cache. */
  introspection: boolean;
  /** Also run the other capabilities' benches (legacy-account binding, registrar review list). */
  capabilities: boolean;
  nodeOptions: string;
  out: string;
  write: boolean;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      organizations: { type: 'string' },
      users: { type: 'string' },
      duration: { type: 'string' },
      rounds: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      'no-variants': { type: 'boolean' },
      'no-introspection': { type: 'boolean' },
      'resolutions-only': { type: 'boolean' },
      'node-options': { type: 'string' },
      quick: { type: 'boolean' },
      out: { type: 'string' },
      'no-write': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stderr.write(`${USAGE_TEXT()}\n`);
    process.exit(0);
  }
  const quick = values.quick === true;
  const num = (value: string | undefined, fallback: number, name: string) => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
    return n;
  };
  const o: Options = {
    organizations: num(values.organizations, quick ? 3000 : 30_000, 'organizations'),
    users: num(values.users, quick ? 1000 : 10_000, 'users'),
    duration: num(values.duration, quick ? 5 : 8, 'duration'),
    rounds: Math.round(num(values.rounds, quick ? 1 : 3, 'rounds')),
    warmup: num(values.warmup, quick ? 2 : 5, 'warmup'),
    connections: num(values.connections, 32, 'connections'),
    variants: values['no-variants'] !== true,
    introspection: values['no-introspection'] !== true,
    capabilities: values['resolutions-only'] !== true,
    nodeOptions: values['node-options'] ?? SERVICE_NODE_OPTIONS,
    out: path.resolve(values.out ?? path.join(ROOT, 'bench', 'results')),
    write: values['no-write'] !== true,
  };
  if (o.users > o.organizations * 0.9) throw new Error('--users must be at most 90 % of --organizations (bound users need established organizations)');
  return o;
}

async function main(): Promise<void> {
  const opts = options();
  const runStarted = Date.now();
  const cleanups: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const c of cleanups.reverse()) await c().catch((e: unknown) => log(`cleanup: ${String(e)}`));
  };
  process.once('SIGINT', () => {
    log('interrupted: stopping');
    void cleanup().then(() => process.exit(130));
  });
  try {
    const measured = await bench(opts, cleanups);
    const results: BenchResults = { ...measured, notes: notes(measured) };
    const markdown = toMarkdown(results);
    if (opts.write) {
      await mkdir(opts.out, { recursive: true });
      await writeFile(path.join(opts.out, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
      await writeFile(path.join(opts.out, 'latest.md'), markdown);
      await writeFile(path.join(opts.out, 'latest.svg'), toSvg(results));
      log(`results written to ${path.relative(process.cwd(), opts.out) || '.'}/latest.{json,md,svg} (${Math.round((Date.now() - runStarted) / 1000)} s in all)`);
    }
    process.stdout.write(`${markdown}\n`);
  } finally {
    await cleanup();
  }
}

async function bench(opts: Options, cleanups: (() => Promise<void>)[]): Promise<BenchResults> {
  const runStarted = Date.now();
  const step = (n: number, text: string) => log(`[${n}/9] ${text}`);

  step(1, 'PostgreSQL');
  const database = await provideBenchDatabase(process.env.DATABASE_URL, log);
  cleanups.push(() => database.stop());
  const commit = await measureDurableCommit(database.url);
  log(`one durable commit: ${commit.medianMs.toFixed(2)} ms median, ${commit.p90Ms.toFixed(2)} ms p90, ${commit.p99Ms.toFixed(2)} ms p99, ${commit.maxMs.toFixed(1)} ms max (fsync=${commit.settings.fsync}, synchronous_commit=${commit.settings.synchronous_commit})`);

  step(2, 'migrations and reference data');
  const dataSource = createDataSource(database.url, 'orgbind-bench');
  await dataSource.initialize();
  cleanups.push(() => dataSource.destroy());
  await runMigrations(dataSource);
  await syncReferenceData(dataSource);

  step(3, `organization import: ${opts.organizations.toLocaleString('en-US')} rows`);
  const organizations = generateOrganizations(opts.organizations);
  const file = organizationsTsv(organizations);
  const importBar = progressBar('import organizations', 'rows');
  const report = await importOrganizations(dataSource, file, { file: 'bench-organizations.tsv', actor: 'bench', onProgress: importBar.update }).finally(() => importBar.stop());
  if (report.rejected.length > 0) throw new Error(`import rejected ${report.rejected.length} rows, e.g. line ${report.rejected[0].line}: ${report.rejected[0].message}`);
  log(`imported ${report.imported} organizations in ${(report.durationMs / 1000).toFixed(1)} s (${report.warnings.length} warnings)`);

  step(4, `development platform and ${opts.users.toLocaleString('en-US')} bound legal-person users`);
  const signingKey = await generateSigningKey();
  const platform = await startDevPlatform({ port: 0, audience: AUDIENCE, jwks: { keys: [signingKey] }, claimNames: CLAIM_NAMES, logger: { warn: () => undefined, log: () => undefined } });
  cleanups.push(() => platform.close());
  const bindingsStarted = Date.now();
  const users = await seedBindings(dataSource, platform.issuer, organizations.filter((o) => o.status === 'established').slice(0, opts.users));
  await dataSource.query('ANALYZE');
  const bindingsSeconds = (Date.now() - bindingsStarted) / 1000;
  log(`${users.length} bindings in ${bindingsSeconds.toFixed(1)} s`);

  step(5, `${opts.users.toLocaleString('en-US')} tokens`);
  const tokensStarted = Date.now();
  const tokenBar = progressBar('sign tokens', 'tokens');
  const tokens = await signPlatformTokens(signingKey, platform, CLAIM_NAMES, users, { ttlSeconds: 3 * 3600, progress: tokenBar }).finally(() => tokenBar.stop());
  const tokenSeconds = (Date.now() - tokensStarted) / 1000;
  const minted = await platform.mintToken({ sub: users[0].subject, userType: 'legal_person', uscc: users[0].uscc, name: users[0].name, verificationLevel: 'none' });
  assertSameShape(minted, tokens[0]);
  const tokensFile = path.join(os.tmpdir(), `orgbind-bench-tokens-${process.pid}.json`);
  await writeFile(tokensFile, JSON.stringify(tokens));
  cleanups.push(() => rm(tokensFile, { force: true }));
  const verification = await measureVerification(tokens.slice(0, 2000), platform.jwksUri, platform.issuer, signingKey);
  const tokenVerification = { ...verification, descriptions: VERIFIER_DESCRIPTIONS };
  log(`token verification (µs/token, same checks, conformance checked): ${Object.entries(verification.micros).map(([k, v]) => `${k} ${v}`).join('; ')}; the floor uses ${verification.fastest}`);

  const background = await backgroundLoad();
  log(`background load (other processes, nothing of ours running): ${background.toFixed(2)} of ${os.availableParallelism()} cores busy${background > 0.2 ? ' — the machine is shared: expect noisy figures' : ''}`);

  const loadGenerator = LoadGenerator.start(path.join(__dirname, 'load-generator.js'));
  cleanups.push(() => loadGenerator.stop());
  const drive: Drive = { loadGenerator, tokensFile, tokens, users, minted, dataSource, opts, postmasterPid: database.postmasterPid };

  const serviceEnv = (logLevel: string, nodeOptions: string) => serviceEnvironment({ databaseUrl: database.url, issuer: platform.issuer, jwksUri: platform.jwksUri, logLevel, nodeOptions });
  const serviceScript = path.join(ROOT, 'dist', 'main.js');

  step(6, `servers: floor, service, stack floor${opts.variants ? ', the service variants' : ''}${opts.introspection ? ', introspection' : ''}, all listening at once`);
  const specs: TargetSpec[] = [
    {
      label: 'floor',
      description: `bare node:http server (bench/floor-server.ts): the fastest verifier of this run (${verification.fastest}: ${VERIFIER_DESCRIPTIONS[verification.fastest]}), pg pool of 10, the same one-statement SQL and audit row, the same JSON answer; same NODE_OPTIONS as the service`,
      start: () => startServer('floor', path.join(__dirname, 'floor-server.js'), {
        ...(opts.nodeOptions ? { NODE_OPTIONS: opts.nodeOptions } : {}),
        FLOOR_DATABASE_URL: database.url,
        FLOOR_ISSUER: platform.issuer,
        FLOOR_AUDIENCE: AUDIENCE,
        FLOOR_JWKS_URI: platform.jwksUri,
        FLOOR_ALGORITHMS: 'RS256',
        FLOOR_VERIFIER: verification.fastest,
        FLOOR_POOL_SIZE: String(POOL_SIZE),
      }, log),
      stats: 'floor-stats',
    },
    {
      label: 'service',
      description: `the service as deployed: node dist/main.js, NODE_ENV=production, LOG_LEVEL=warn (no line for a 200), NODE_OPTIONS="${opts.nodeOptions}", MALLOC_ARENA_MAX=${SERVICE_ENVIRONMENT.MALLOC_ARENA_MAX}, DATABASE_POOL_SIZE=10; Nest 12 on Fastify, passport-jwt, global ValidationPipe, problem+json filter`,
      start: () => startServer('service', serviceScript, serviceEnv('warn', opts.nodeOptions), log),
      checkMintedToken: true,
    },
    {
      label: STACK_FLOOR_LABEL,
      description: `the stack the design card fixes doing only the work (bench/stack-floor-server.ts): Nest 12 on Fastify, one controller behind @nestjs/passport's AuthGuard with passport-jwt (jsonwebtoken, cached KeyObject per kid, same checks), TypeORM's DataSource (pg pool of 10) running the same named statement and audit row, the same JSON answer; no validation pipe, error catalogue, logging, metrics, security headers, rate limits or other module; same NODE_OPTIONS and MALLOC_ARENA_MAX as the service`,
      start: () => startServer('stack floor', path.join(__dirname, 'stack-floor-server.js'), {
        ...(opts.nodeOptions ? { NODE_OPTIONS: opts.nodeOptions } : {}),
        ...SERVICE_ENVIRONMENT,
        NODE_ENV: 'production',
        FLOOR_DATABASE_URL: database.url,
        FLOOR_ISSUER: platform.issuer,
        FLOOR_AUDIENCE: AUDIENCE,
        FLOOR_JWKS_URI: platform.jwksUri,
        FLOOR_ALGORITHMS: 'RS256',
        FLOOR_POOL_SIZE: String(POOL_SIZE),
      }, log),
      stats: 'none',
    },
  ];
  if (opts.variants) {
    specs.push(
      {
        label: 'service, LOG_LEVEL=info',
        description: 'the same with LOG_LEVEL=info: one JSON line per request on stdout (drained by the bench, as a container runtime would)',
        start: () => startServer('service (info logs)', serviceScript, serviceEnv('info', opts.nodeOptions), log),
      },
      {
        label: 'service, default V8 heap',
        description: 'the same at LOG_LEVEL=warn without NODE_OPTIONS: V8 sizes its heap from the host\'s memory',
        start: () => startServer('service (default heap)', serviceScript, serviceEnv('warn', ''), log),
      },
    );
  }
  const introspectionSpecs: TargetSpec[] = [];
  if (opts.introspection) {
    const opaqueBar = progressBar('mint opaque tokens', 'tokens');
    const opaque = await mintOpaqueTokens(platform, users, opaqueBar).finally(() => opaqueBar.stop());
    const opaqueFile = path.join(os.tmpdir(), `orgbind-bench-opaque-tokens-${process.pid}.json`);
    await writeFile(opaqueFile, JSON.stringify(opaque));
    cleanups.push(() => rm(opaqueFile, { force: true }));
    const introspectionEnv = (maxTtlSeconds: number) => ({
      ...serviceEnv('warn', opts.nodeOptions),
      PLATFORM_TOKEN_MODE: 'introspection',
      PLATFORM_SERVICE_TOKEN_MODE: 'jwt',
      PLATFORM_INTROSPECTION_ENDPOINT: platform.introspectionEndpoint,
      PLATFORM_CLIENT_ID: DEV_PLATFORM_RESOURCE_SERVER.id,
      PLATFORM_CLIENT_SECRET: DEV_PLATFORM_RESOURCE_SERVER.secret,
      PLATFORM_TOKEN_CACHE_MAX_ENTRIES: String(Math.max(10_000, opts.users)),
      PLATFORM_TOKEN_CACHE_MAX_TTL_SECONDS: String(maxTtlSeconds),
    });
    introspectionSpecs.push(
      {
        label: 'service, introspection, warm cache',
        description: `the service with PLATFORM_TOKEN_MODE=introspection and opaque tokens of the same users (minted by the development platform's opaque-token grant); answer cache of ${Math.max(10_000, opts.users).toLocaleString('en-US')} entries, max TTL 3600 s: after the warm-up every token's answer is cached`,
        start: () => startServer('service (introspection, warm)', serviceScript, introspectionEnv(3600), log),
        tokens: { list: opaque, file: opaqueFile },
      },
      {
        label: 'service, introspection, cold cache',
        description: 'the same with PLATFORM_TOKEN_CACHE_MAX_TTL_SECONDS=0: every request introspects at the in-process development platform (oidc-provider in the bench\'s own process, over loopback HTTP)',
        start: () => startServer('service (introspection, cold)', serviceScript, introspectionEnv(0), log),
        tokens: { list: opaque, file: opaqueFile },
      },
    );
    specs.push(...introspectionSpecs);
  }
  const running: RunningTarget[] = [];
  for (const spec of specs) {
    const target = await startTarget(drive, spec);
    running.push(target);
    cleanups.push(() => target.server.stop());
  }
  const [floorTarget, serviceTarget, stackFloorTarget] = running;
  const pair = [floorTarget, serviceTarget];
  step(7, `warm-up, then ${opts.rounds} round(s) at saturation (every server in turn), ${opts.rounds} at half of each one's best peak (paced: floor, service and stack floor in turn) and one with autocannon's overallRate (floor and service in turn)`);
  for (const t of running) await runPhase(drive, t, PHASE_WARMUP, 'saturate', opts.warmup);
  for (let r = 1; r <= opts.rounds; r++) for (const t of running) await runPhase(drive, t, PHASE_SATURATION, 'saturate', opts.duration, undefined, r);
  step(8, 'half of peak');
  for (let r = 1; r <= opts.rounds; r++) for (const t of [...pair, stackFloorTarget]) await runPhase(drive, t, PHASE_HALF_PACED, 'paced', opts.duration, halfOfPeak(t), r);
  for (const t of pair) await runPhase(drive, t, PHASE_HALF_AUTOCANNON, 'autocannon-rate', opts.duration, halfOfPeak(t), 1);
  step(9, 'peak memory, stop');
  const finished = await Promise.all(running.map((t) => finishTarget(t)));
  const byLabel = (label: string) => finished.find((t) => t.label === label) ?? null;
  const [floor, service] = finished;
  const serviceWithRequestLogs = byLabel('service, LOG_LEVEL=info');
  const serviceDefaultHeap = byLabel('service, default V8 heap');
  const stackFloor = byLabel(STACK_FLOOR_LABEL)!;
  const warm = byLabel('service, introspection, warm cache');
  const cold = byLabel('service, introspection, cold cache');
  const introspection = warm && cold ? { warm, cold } : null;

  const extra = !opts.capabilities ? [] : await furtherBenches({ databaseUrl: database.url, dataSource, platform, signingKey, unboundOrganizations: await unboundOrganizations(dataSource), service: { script: serviceScript, env: serviceEnv('warn', opts.nodeOptions) }, log }, opts.write ? opts.out : null);

  const sat = (t: TargetReport) => bestPhase(t, PHASE_SATURATION)!.load;
  const half = (t: TargetReport) => bestPhase(t, PHASE_HALF_PACED)!.load;
  const partial: Omit<BenchResults, 'targetsMet' | 'notes'> = {
    generatedAt: new Date().toISOString(),
    durationSeconds: Math.round((Date.now() - runStarted) / 1000),
    git: gitInfo(),
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.availableParallelism(),
      memoryMb: Math.round(os.totalmem() / 1048576),
      node: process.version,
      os: `${os.type()} ${os.release()}`,
    },
    database: {
      source: database.source,
      version: commit.settings.server_version,
      settings: commit.settings,
      durableCommitMs: { median: round(commit.medianMs), p90: round(commit.p90Ms), p99: round(commit.p99Ms), max: round(commit.maxMs) },
    },
    options: { organizations: opts.organizations, boundUsers: opts.users, connections: opts.connections, warmupSeconds: opts.warmup, phaseSeconds: opts.duration, rounds: opts.rounds, poolSize: POOL_SIZE, serviceNodeOptions: opts.nodeOptions, resolutionsOnly: !opts.capabilities },
    backgroundLoadCores: round(background),
    setup: { tokens: tokens.length, tokenSigning: 'signed with the development platform\'s RS256 key, same header and claims as its token endpoint (checked)', tokenSeconds: round(tokenSeconds, 1), bindingsSeconds: round(bindingsSeconds, 1) },
    organizationImport: {
      rows: report.rows,
      imported: report.imported,
      rejected: report.rejected.length,
      warnings: report.warnings.length,
      seconds: round(report.durationMs / 1000, 1),
      rowsPerSecond: Math.round(report.rows / (report.durationMs / 1000)),
    },
    tokenVerification,
    targets: { floor, service, stackFloor, serviceWithRequestLogs, serviceDefaultHeap, introspection },
    summary: {
      ratio: round(sat(service).requestsPerSecond / sat(floor).requestsPerSecond, 2),
      serviceRps: sat(service).requestsPerSecond,
      floorRps: sat(floor).requestsPerSecond,
      halfRate: half(service).targetRate ?? 0,
      serviceP50HalfRateMs: half(service).latency.p50,
      serviceP99HalfRateMs: half(service).latency.p99,
      floorP99HalfRateMs: half(floor).latency.p99,
      stackFloorRps: sat(stackFloor).requestsPerSecond,
      servicePeakRssMb: service.peakRssMb,
      importSeconds: round(report.durationMs / 1000, 1),
    },
    extra,
  };
  return { ...partial, targetsMet: targetFigures(partial), notes: [] };
}

/**
 * The benchmarks of other capabilities, in the same run: the legacy-account import (10,000 rows
 * with Argon2id hash wrapping; `BENCH_LEGACY_ACCOUNTS`) and binding by re-authentication
 * (requests/s, bounded by the Argon2 cost). `bench/legacy-binding.bench.ts` runs on a database
 * of its own (it is also `npm run bench:legacy` alone); its phases become figures here. Then the
 * registrar's review list (`bench/review-list.bench.ts`, also `npm run bench:review`) on this run's
 * database against the service as the resolutions ran it, with its floor.
 */
async function furtherBenches(context: BenchContext, outDir: string | null): Promise<BenchSection[]> {
  context.log('legacy-account import and binding by re-authentication (Argon2id bound)');
  const legacy = await runLegacyBindingBench({ outDir });
  context.log('the registrar\'s review list (keyset pages through HTTP, against the same pages straight from PostgreSQL)');
  const { memoryKib, timeCost, parallelism } = legacy.argon2;
  return [
    {
      title: `Legacy accounts: import with Argon2id wrapping and binding by re-authentication (Argon2id m=${memoryKib} KiB, t=${timeCost}, p=${parallelism})`,
      figures: legacy.phases.map((phase) => ({
        metric: phase.name,
        value: phase.perSecond,
        unit: '/s',
        note: `${phase.operations} in ${phase.seconds} s${phase.latencyMs ? `; p50 ${phase.latencyMs.p50} ms, p99 ${phase.latencyMs.p99} ms` : ''}; ${phase.note}`,
      })),
      raw: legacy,
    },
    reviewListSection(await runReviewListBench(context)),
  ];
}

/**
 * One opaque token per bench user, minted through the development platform's token endpoint
 * (its opaque-token grant, as `npm run token -- --opaque` does), 16 requests at a time.
 */
async function mintOpaqueTokens(platform: DevPlatform, users: readonly BenchUser[], bar: { update(done: number, total: number): void }): Promise<string[]> {
  const tokens: string[] = new Array<string>(users.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < users.length) {
      const i = next++;
      const user = users[i];
      tokens[i] = await platform.mintToken({ sub: user.subject, userType: 'legal_person', uscc: user.uscc, name: user.name, verificationLevel: 'none' }, { format: 'opaque' });
      bar.update(++done, users.length);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return tokens;
}

/** Organizations no bench user is bound to (for further scenarios: legacy accounts, applications). */
async function unboundOrganizations(dataSource: DataSource): Promise<BenchContext['unboundOrganizations']> {
  return dataSource.query(
    `SELECT o.id, o.name, o.uscc, o.status, o.external_id AS "externalId" FROM organization o
     WHERE NOT EXISTS (SELECT 1 FROM binding b WHERE b.organization_id = o.id AND b.status = 'active') ORDER BY o.external_id`,
  );
}

/** Bind each organization's legal-person account, as its first login would (one statement). */
async function seedBindings(dataSource: DataSource, issuer: string, organizations: readonly { uscc: string | null; name: string }[]): Promise<BenchUser[]> {
  const usccs = organizations.map((o) => o.uscc!);
  const subjects = usccs.map((_, i) => `bench-legal-person-${String(i).padStart(5, '0')}`);
  const rows = await dataSource.query<{ uscc: string; subject: string; organization_id: string; name: string }[]>(
    `INSERT INTO binding (organization_id, issuer, subject, user_type, kind)
     SELECT o.id, $1, u.subject, 'legal_person', 'legal_person'
     FROM unnest($2::text[], $3::text[]) AS u(uscc, subject) JOIN organization o ON o.uscc = u.uscc
     RETURNING organization_id, subject, (SELECT uscc FROM organization WHERE id = organization_id) AS uscc, (SELECT name FROM organization WHERE id = organization_id) AS name`,
    [issuer, usccs, subjects],
  );
  if (rows.length !== organizations.length) throw new Error(`seeded ${rows.length} bindings, expected ${organizations.length}`);
  return rows.map((r) => ({ subject: r.subject, uscc: r.uscc, name: r.name, organizationId: r.organization_id }));
}

/** The tokens every candidate verifier must accept or refuse alike (bench/lib/verifiers.ts). */
async function conformanceCases(signingKey: PrivateJwk, issuer: string, valid: string): Promise<ConformanceCase[]> {
  const now = Math.floor(Date.now() / 1000);
  const keys: Record<string, Awaited<ReturnType<typeof importJWK>>> = { RS256: await importJWK(signingKey, 'RS256'), PS256: await importJWK({ ...signingKey, alg: 'PS256' }, 'PS256') };
  const sign = (claims: { iss?: string; aud?: string; exp?: number; nbf?: number }, header: { alg?: string; kid?: string } = {}) =>
    new SignJWT({ sub: 'bench-conformance', user_type: 'legal_person', ...(claims.nbf !== undefined ? { nbf: claims.nbf } : {}) })
      .setProtectedHeader({ alg: header.alg ?? 'RS256', typ: 'at+jwt', kid: header.kid ?? signingKey.kid })
      .setIssuer(claims.iss ?? issuer)
      .setAudience(claims.aud ?? AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(claims.exp ?? now + 600)
      .sign(keys[header.alg ?? 'RS256']);
  const [h, p] = valid.split('.');
  const tampered = `${h}.${Buffer.from(JSON.stringify({ ...decodeJwt(valid), sub: 'someone-else' })).toString('base64url')}.${valid.split('.')[2]}`;
  return [
    { name: 'valid', token: valid, valid: true },
    { name: 'expired within the skew', token: await sign({ exp: now - 10 }), valid: true },
    { name: 'expired beyond the skew', token: await sign({ exp: now - 120 }), valid: false },
    { name: 'not yet valid beyond the skew', token: await sign({ nbf: now + 120 }), valid: false },
    { name: 'not yet valid within the skew', token: await sign({ nbf: now + 10 }), valid: true },
    { name: 'other issuer', token: await sign({ iss: `${issuer}x` }), valid: false },
    { name: 'other audience', token: await sign({ aud: 'someone-else' }), valid: false },
    { name: 'PS256 (not allowed)', token: await sign({}, { alg: 'PS256' }), valid: false },
    { name: 'unknown kid', token: await sign({}, { kid: 'no-such-key' }), valid: false },
    { name: 'alg none', token: `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt', kid: signingKey.kid })).toString('base64url')}.${p}.`, valid: false },
    { name: 'tampered payload', token: tampered, valid: false },
  ];
}

/**
 * The floor's candidate verifiers (bench/lib/verifiers.ts), in process: after checking that
 * they accept and refuse the same tokens, each verifies the same tokens in three interleaved
 * rounds; its best round counts (µs per token). The fastest becomes the floor's verifier.
 */
async function measureVerification(tokens: readonly string[], jwksUri: string, issuer: string, signingKey: PrivateJwk): Promise<{ micros: Record<VerifierName, number>; fastest: VerifierName; conformance: string[] }> {
  const options = { jwksUri, issuer, audience: AUDIENCE, algorithms: ['RS256'], clockToleranceSeconds: 30 };
  const verifiers = Object.fromEntries(VERIFIER_NAMES.map((name) => [name, createVerifier(name, options)])) as Record<VerifierName, TokenVerifier>;
  const cases = await conformanceCases(signingKey, issuer, tokens[0]);
  await checkConformance(verifiers, cases);
  const time = async (fn: TokenVerifier, batch: readonly string[]) => {
    const started = process.hrtime.bigint();
    for (const t of batch) await fn(t);
    return Number(process.hrtime.bigint() - started) / 1000 / batch.length;
  };
  // Warm every verifier up, then interleave three rounds and keep each one's best (least disturbed) round.
  for (const fn of Object.values(verifiers)) await time(fn, tokens.slice(0, 300));
  const best = {} as Record<VerifierName, number>;
  for (let round_ = 0; round_ < 3; round_++) {
    for (const name of VERIFIER_NAMES) best[name] = Math.min(best[name] ?? Infinity, await time(verifiers[name], tokens));
  }
  const fastest = VERIFIER_NAMES.reduce((a, b) => (best[b] < best[a] ? b : a));
  return {
    micros: Object.fromEntries(VERIFIER_NAMES.map((n) => [n, round(best[n], 1)])) as Record<VerifierName, number>,
    fastest,
    conformance: cases.map((c) => `${c.name}: ${c.valid ? 'accepted' : 'refused'}`),
  };
}

interface Drive {
  readonly loadGenerator: LoadGenerator;
  readonly tokensFile: string;
  readonly tokens: readonly string[];
  readonly users: readonly BenchUser[];
  readonly minted: string;
  readonly dataSource: DataSource;
  readonly opts: Options;
  readonly postmasterPid: number | null;
}

/** A server under test while its phases run. */
interface RunningTarget {
  readonly label: string;
  readonly description: string;
  readonly server: ServerProcess;
  readonly phases: PhaseReport[];
  /** The tokens file the load generator sends (the run's JWTs unless the spec has its own). */
  readonly tokensFile: string;
  readonly stats: StatsReader | null;
  /** Memory right after start-up and the sanity check. */
  readonly idle: { readonly rssMb: number; readonly peakRssMb: number };
  boundResponses: number;
  auditRows: number;
}

interface TargetSpec {
  label: string;
  description: string;
  start: () => Promise<ServerProcess>;
  checkMintedToken?: boolean;
  /** Tokens of this target instead of the run's signed JWTs (the opaque tokens of introspection), same users in the same order. */
  tokens?: { readonly list: readonly string[]; readonly file: string };
  /** Where its own measurements are read (bench/lib/tail.ts): the service's metrics listener (the default) or the floor's `GET /stats`. */
  stats?: 'service-metrics' | 'floor-stats' | 'none';
}

/** Reads a server's own measurements; `resetOnRead` when each read covers only the time since the previous one (the floor's). */
interface StatsReader {
  read(): Promise<ServerStats>;
  readonly resetOnRead: boolean;
}

/** The floor's `GET /stats`, or the service's metrics listener (its URL from the "metrics at …" line it writes on stderr). */
async function statsReader(server: ServerProcess, source: 'service-metrics' | 'floor-stats'): Promise<StatsReader> {
  const get = async (url: string) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${server.label}: GET ${url} answered ${response.status}`);
    return response.text();
  };
  if (source === 'floor-stats') return { read: async () => JSON.parse(await get(`${server.url}/stats`)) as ServerStats, resetOnRead: true };
  const metricsUrl = (await server.stderrMatch(/metrics at (http:\/\/[^\s"]+)/))[1];
  return { read: async () => serviceStatsOf(await get(metricsUrl)), resetOnRead: false };
}

/** Start a server and check that it answers BOUND for users across the range. */
async function startTarget(drive: Drive, spec: TargetSpec): Promise<RunningTarget> {
  const server = await spec.start();
  let stats: StatsReader | null;
  let idle: { rssMb: number; peakRssMb: number };
  try {
    await sanityCheck(server, spec.tokens ? { ...drive, tokens: spec.tokens.list } : drive, spec.checkMintedToken === true);
    idle = memoryOf(server.pid);
    stats = spec.stats === 'none' ? null : await statsReader(server, spec.stats ?? 'service-metrics');
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { label: spec.label, description: spec.description, server, phases: [], tokensFile: spec.tokens?.file ?? drive.tokensFile, stats, idle, boundResponses: 0, auditRows: 0 };
}

/** Run one phase against `target`, counting its BOUND responses and the audit rows it caused. */
async function runPhase(drive: Drive, target: RunningTarget, name: string, mode: LoadPhase['mode'], durationSeconds: number, rate?: number, round_ = 0): Promise<void> {
  const auditBefore = await resolvedAuditRows(drive.dataSource);
  const label = `${target.label}: ${name}${round_ && drive.opts.rounds > 1 ? ` #${round_}` : ''}`;
  const report = await measurePhase(target.server, name === PHASE_WARMUP ? null : target.stats, drive, label, name, {
    mode,
    url: target.server.url,
    path: RESOLUTIONS_PATH,
    tokensFile: target.tokensFile,
    durationSeconds,
    connections: drive.opts.connections,
    ...(rate ? { rate } : {}),
  });
  if (!isAlive(target.server.pid)) throw new Error(`${target.label} exited during "${name}"`);
  await new Promise((r) => setTimeout(r, 300)); // requests in flight when the phase stopped
  target.auditRows += (await resolvedAuditRows(drive.dataSource)) - auditBefore;
  target.boundResponses += report.load.bound;
  if (name !== PHASE_WARMUP) target.phases.push({ ...report, round: round_ || 1 });
}

/** Half of the target's best saturated rate so far. */
function halfOfPeak(target: RunningTarget): number {
  const best = Math.max(...target.phases.filter((p) => p.name === PHASE_SATURATION).map((p) => p.load.requestsPerSecond));
  return Math.max(1, Math.floor(best / 2));
}

/** Peak RSS, then stop the server. */
async function finishTarget(target: RunningTarget): Promise<TargetReport> {
  const memory = memoryOf(target.server.pid);
  await target.server.stop();
  log(`${target.label}: peak RSS ${memory.peakRssMb} MB (${target.idle.peakRssMb} MB before the load), RSS after load ${memory.rssMb} MB; ${target.auditRows} audit rows for ${target.boundResponses} BOUND responses`);
  return {
    label: target.label,
    description: target.description,
    phases: target.phases,
    peakRssMb: memory.peakRssMb,
    rssAfterLoadMb: memory.rssMb,
    idle: target.idle,
    audit: { rows: target.auditRows, boundResponses: target.boundResponses },
  };
}

/**
 * One phase: the load generator's figures, CPU and memory, and (with `stats`) the server's own
 * measurements, read right before and right after the phase (outside its CPU and wall time).
 */
async function measurePhase(server: ServerProcess, stats: StatsReader | null, drive: Drive, label: string, name: string, phase: LoadPhase): Promise<Omit<PhaseReport, 'round'>> {
  const { loadGenerator, postmasterPid } = drive;
  const statsBefore = stats ? await stats.read() : null;
  let rssMaxMb = 0;
  const sampler = setInterval(() => {
    if (isAlive(server.pid)) rssMaxMb = Math.max(rssMaxMb, memoryOf(server.pid).rssMb);
  }, 250);
  const postgresCpu = () => (postmasterPid ? processTreeCpuSeconds(postmasterPid) : 0);
  const cpu0 = { server: cpuSecondsOf(server.pid), load: cpuSecondsOf(loadGenerator.pid), pg: postgresCpu(), machine: machineCpuSeconds(), wall: process.hrtime.bigint(), log: server.stdoutBytes() };
  const load = await loadGenerator.run(label, phase).finally(() => clearInterval(sampler));
  const wall = Number(process.hrtime.bigint() - cpu0.wall) / 1e9;
  const serverCpu = cpuSecondsOf(server.pid) - cpu0.server;
  const loadCpu = cpuSecondsOf(loadGenerator.pid) - cpu0.load;
  const pgCpu = postgresCpu() - cpu0.pg;
  const machine = machineCpuSeconds().busy - cpu0.machine.busy;
  const statsAfter = stats ? await stats.read() : null;
  const serverSide = stats && statsBefore && statsAfter ? serverSideFigures(statsDelta(stats.resetOnRead ? null : statsBefore, statsAfter), wall) : null;
  if (isAlive(server.pid)) rssMaxMb = Math.max(rssMaxMb, memoryOf(server.pid).rssMb);
  const cores = (seconds: number) => round(seconds / wall);
  const cpu = {
    server: cores(serverCpu),
    loadGenerator: cores(loadCpu),
    postgres: postmasterPid ? cores(pgCpu) : null,
    other: cores(machine - serverCpu - loadCpu - pgCpu),
    machine: cores(machine),
  };
  const errors = load.non2xx + load.notBound + load.errors + load.unanswered;
  log(`${label}: ${Math.round(load.requestsPerSecond)} req/s, p50 ${load.latency.p50} ms, p99 ${load.latency.p99} ms${errors ? `, ${errors} errors` : ''}; CPU cores: server ${cpu.server}, load generator ${cpu.loadGenerator}, PostgreSQL ${cpu.postgres ?? '?'}, other ${cpu.other}`);
  return {
    name,
    load,
    cpu,
    rssMaxMb,
    serverCpuMsPerRequest: round((serverCpu * 1000) / Math.max(1, load.responses), 3),
    logBytesPerRequest: Math.round((server.stdoutBytes() - cpu0.log) / Math.max(1, load.responses)),
    serverSide,
  };
}

/** A few tokens across the user range (and one minted by the platform) must resolve BOUND to their own organization. */
async function sanityCheck(server: ServerProcess, drive: Drive, withMinted: boolean): Promise<void> {
  const n = drive.users.length;
  const cases = [0, 1, Math.floor(n / 2), n - 1].map((i) => ({ user: drive.users[i], token: drive.tokens[i] }));
  if (withMinted) cases.push({ user: drive.users[0], token: drive.minted });
  for (const { user, token } of cases) {
    const response = await fetch(`${server.url}${RESOLUTIONS_PATH}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    const body = (await response.json()) as { status?: string; organization?: { uscc?: string; name?: string } };
    if (response.status !== 200 || body.status !== 'BOUND' || body.organization?.uscc !== user.uscc || body.organization?.name !== user.name) {
      throw new Error(`${server.label}: sanity check failed for ${user.subject}: HTTP ${response.status} ${JSON.stringify(body)}`);
    }
  }
  log(`${server.label}: sanity check passed (BOUND with the right organization for ${cases.length} users across the range)`);
}

async function resolvedAuditRows(dataSource: DataSource): Promise<number> {
  const rows = await dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM audit_event WHERE action = 'resolution.resolved'`);
  return Number(rows[0].n);
}

/** Cores the machine keeps busy over two seconds while nothing of ours runs: other tenants. */
async function backgroundLoad(): Promise<number> {
  const before = machineCpuSeconds();
  const started = process.hrtime.bigint();
  await new Promise((r) => setTimeout(r, 2000));
  return (machineCpuSeconds().busy - before.busy) / (Number(process.hrtime.bigint() - started) / 1e9);
}

function gitInfo(): { commit: string; dirty: boolean } {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', '.', ':(exclude)bench/results'], { cwd: ROOT, encoding: 'utf8' }).trim().length > 0;
    return { commit, dirty };
  } catch {
    return { commit: 'unknown', dirty: false };
  }
}

/** Plain-language notes on what the figures mean. */
function notes(r: BenchResults): string[] {
  const out: string[] = [];
  const sat = (t: TargetReport | null) => (t ? bestPhase(t, PHASE_SATURATION) : undefined);
  const svc = sat(r.targets.service);
  const flr = sat(r.targets.floor);
  if (svc && flr) {
    const pg = (p: PhaseReport) => (p.cpu.postgres === null ? 'n/a (DATABASE_URL)' : p.cpu.postgres.toFixed(2));
    out.push(`At saturation the machine is busy ${svc.cpu.machine.toFixed(2)} of ${r.machine.cores} cores with the service (${flr.cpu.machine.toFixed(2)} with the floor): service ${svc.cpu.server.toFixed(2)} (floor ${flr.cpu.server.toFixed(2)}), PostgreSQL ${pg(svc)} (${pg(flr)}), load generator ${svc.cpu.loadGenerator.toFixed(2)} (${flr.cpu.loadGenerator.toFixed(2)}), other ${svc.cpu.other.toFixed(2)} (${flr.cpu.other.toFixed(2)}). Server CPU per request: service ${svc.serverCpuMsPerRequest.toFixed(3)} ms, floor ${flr.serverCpuMsPerRequest.toFixed(3)} ms.`);
  }
  const phases = [r.targets.floor, r.targets.service, r.targets.serviceWithRequestLogs, r.targets.serviceDefaultHeap].flatMap((t) => (t ? t.phases.map((p) => ({ t, p })) : []));
  const busiest = phases.reduce((a, b) => (b.p.cpu.other > a.p.cpu.other ? b : a), phases[0]);
  // "other" holds ~0.1 core of kernel softirq (loopback networking) at saturation; more is someone else's work.
  if (r.backgroundLoadCores > 0.2 || (busiest && busiest.p.cpu.other > 0.25)) {
    out.push(`The machine was shared with other work: ${r.backgroundLoadCores.toFixed(2)} cores busy before the phases, up to ${busiest.p.cpu.other.toFixed(2)} cores of "other" during "${busiest.t.label}: ${busiest.p.name}" (of which ~0.1 core is the kernel's loopback networking). Throughput and tail latency are then pessimistic and noisy; the CPU per request is the steadier figure.`);
  }
  const v = r.tokenVerification;
  if (flr) {
    out.push(`The floor verifies tokens with the fastest of the candidates measured in this run (${v.fastest}, ${v.micros[v.fastest].toFixed(0)} µs per token in process; ${VERIFIER_NAMES.filter((n) => n !== v.fastest).map((n) => `${n} ${v.micros[n].toFixed(0)} µs`).join(', ')}), all doing the same checks (algorithm allow-list, kid lookup, signature, iss, aud, exp/nbf with 30 s skew) and checked before the run to accept and refuse the same tokens (${v.conformance.join('; ')}). The service verifies with jsonwebtoken (${v.micros.jsonwebtoken.toFixed(0)} µs).`);
  }
  const logs = sat(r.targets.serviceWithRequestLogs);
  if (svc && logs) {
    out.push(`Request logging: LOG_LEVEL=info (one JSON line per request, ${logs.logBytesPerRequest} bytes) costs ${logs.serverCpuMsPerRequest.toFixed(3)} vs ${svc.serverCpuMsPerRequest.toFixed(3)} ms of server CPU per request at LOG_LEVEL=warn.`);
  }
  const heap = r.targets.serviceDefaultHeap;
  if (heap) {
    out.push(`Memory: with NODE_OPTIONS="${r.options.serviceNodeOptions}" the service peaked at ${r.targets.service.peakRssMb.toFixed(0)} MB RSS; with V8's default heap sizing on this ${Math.round(r.machine.memoryMb / 1024)} GB host at ${heap.peakRssMb.toFixed(0)} MB (V8 sizes the young generation from the host's memory). About 55-60 MB of any Node 24 process's RSS are the node binary's own pages.`);
  }
  if (r.options.rounds > 1) {
    out.push(`Each phase ran ${r.options.rounds} times, the servers taking turns (all ${[r.targets.floor, r.targets.service, r.targets.stackFloor, r.targets.serviceWithRequestLogs, r.targets.serviceDefaultHeap, r.targets.introspection?.warm, r.targets.introspection?.cold].filter(Boolean).length} at saturation; floor, service and stack floor at half of their peaks), so that every comparison is interleaved in time; the targets take each server's best round (highest requests/s at saturation, lowest p99 at half of peak), the tables show every round.`);
  }
  out.push('The p99 at half of peak is measured at the client: it includes the time a request waits in the kernel while the server\'s event loop is busy (e.g. in a garbage collection), PostgreSQL\'s commit jitter, and the load generator\'s own event-loop stalls (shown per phase); "Where the tail comes from" above shows what each server measured itself in that phase. The same p99 for the floor, under the same conditions, is its lower bound.');
  out.push('Latency "half of peak (paced)" is measured by an open-loop generator at a constant arrival rate, from each request\'s scheduled send time (no coordinated omission). autocannon\'s overallRate sends each connection\'s per-second quota back to back at the start of every second, so its "half rate" row is a burst at full speed followed by idle time: its p99 is nearly a saturation figure.');
  out.push('Every resolution is audited in the same statement that reads the binding: audit rows written match the BOUND responses counted (rows may exceed responses by the requests in flight when a phase stops).');
  return out;
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
