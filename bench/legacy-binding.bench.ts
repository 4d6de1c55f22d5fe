/**
 * `npm run bench:legacy`: measures (a) the import of 10,000 generated legacy accounts with their
 * hashes wrapped in Argon2id, and (b) binding by re-authentication through HTTP with real
 * platform tokens (successful bindings, and refused attempts with unknown login names).
 * Prints a table; writes bench/results/legacy-binding.{json,md}.
 *
 * Database: BENCH_DATABASE_URL (its database is DROPPED and recreated), else a testcontainers
 * PostgreSQL when Docker answers, else an embedded PostgreSQL in a temp folder (fsync off).
 * Sizes: BENCH_LEGACY_ACCOUNTS (10000), BENCH_LEGACY_BINDINGS (1000), BENCH_LEGACY_CONNECTIONS (16).
 * Argon2id parameters and lockout settings come from the usual LEGACY_ARGON2_* / LOCKOUT_* variables.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import Table from 'cli-table3';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory';
import { loadConfig } from '../src/config/app-config';
import { startDevPlatform } from '../src/dev-platform/dev-platform';
import { importLegacyAccounts } from '../src/legacy-binding/import/legacy-account-import';
import { mapWithConcurrency, wrapLegacyHash } from '../src/legacy-binding/legacy-verifier';
import { importOrganizations } from '../src/registry/import/organization-import';
import { provideTestDatabase } from '../test/support/test-database';

/** One measured phase. */
export interface BenchPhase {
  readonly name: string;
  readonly operations: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly latencyMs?: { readonly p50: number; readonly p95: number; readonly p99: number; readonly max: number };
  readonly outcomes: Readonly<Record<string, number>>;
  readonly note: string;
}

/** Everything the bench measured, with the machine and settings it ran on. */
export interface LegacyBindingBenchResult {
  readonly bench: 'legacy-binding';
  readonly startedAt: string;
  readonly machine: { readonly cpus: number; readonly cpuModel: string; readonly memoryGiB: number; readonly node: string; readonly uvThreadpoolSize: string; readonly loadAverage: { readonly atStart: number; readonly atEnd: number } };
  readonly database: string;
  readonly argon2: { readonly memoryKib: number; readonly timeCost: number; readonly parallelism: number };
  readonly importConcurrency: number;
  readonly phases: readonly BenchPhase[];
}

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');
const sha = (algorithm: string, text: string) => createHash(algorithm).update(text, 'utf8').digest('hex');
const log = (message: string) => process.stderr.write(`[bench:legacy] ${message}\n`);

/** Scheme mix of the generated file: mostly MD5, as old systems had it. bcrypt at cost 4 (import cost does not depend on it). */
function legacyRow(i: number): { login: string; password: string; cells: string[] } {
  const login = `bench-${String(i).padStart(5, '0')}`;
  const password = `Bench#${i}`;
  const external = `bench-org-${String(i).padStart(5, '0')}`;
  const salt = `s${i}`;
  const bucket = i % 20;
  let cells: string[];
  if (bucket < 14) cells = ['md5', md5(password), ''];
  else if (bucket < 17) cells = ['md5_salt_password', md5(salt + password), salt];
  else if (bucket === 17) cells = ['sha1', sha('sha1', password), ''];
  else if (bucket === 18) cells = ['sha256', sha('sha256', password), ''];
  else cells = ['bcrypt', bcrypt.hashSync(password, 4), ''];
  return { login, password, cells: [login, external, ...cells] };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 10) / 10;
}

/** Closed-loop load: `connections` workers send requests `0 … count-1` as fast as answers come back. */
async function load(count: number, connections: number, send: (i: number) => Promise<number>): Promise<{ seconds: number; latencies: number[]; outcomes: Record<string, number> }> {
  const latencies: number[] = [];
  const outcomes: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, async () => {
    while (next < count) {
      const i = next++;
      const t0 = performance.now();
      const status = await send(i).catch(() => -1);
      latencies.push(performance.now() - t0);
      outcomes[String(status)] = (outcomes[String(status)] ?? 0) + 1;
    }
  }));
  return { seconds: (performance.now() - started) / 1000, latencies: latencies.sort((a, b) => a - b), outcomes };
}

function phaseFrom(name: string, note: string, run: { seconds: number; latencies: number[]; outcomes: Record<string, number> }): BenchPhase {
  const operations = run.latencies.length;
  return {
    name,
    operations,
    seconds: round(run.seconds),
    perSecond: round(operations / run.seconds),
    latencyMs: { p50: percentile(run.latencies, 50), p95: percentile(run.latencies, 95), p99: percentile(run.latencies, 99), max: percentile(run.latencies, 100) },
    outcomes: run.outcomes,
    note,
  };
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Run the bench; returns the results and writes them to `outDir` (default bench/results; `null`:
 * nothing written, as `npm run bench -- --no-write` wants).
 */
export async function runLegacyBindingBench(options: { accounts?: number; bindings?: number; connections?: number; outDir?: string | null } = {}): Promise<LegacyBindingBenchResult> {
  const accounts = options.accounts ?? Number(process.env.BENCH_LEGACY_ACCOUNTS ?? 10_000);
  const bindings = Math.min(accounts, options.bindings ?? Number(process.env.BENCH_LEGACY_BINDINGS ?? 1000));
  const connections = options.connections ?? Number(process.env.BENCH_LEGACY_CONNECTIONS ?? 16);
  const outDir = options.outDir === undefined ? path.resolve('bench/results') : options.outDir;
  const loadAtStart = round(loadavg()[0]);

  // Only BENCH_DATABASE_URL may be dropped here, never a TEST_DATABASE_URL meant for the tests.
  const testUrl = process.env.TEST_DATABASE_URL;
  if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
  else delete process.env.TEST_DATABASE_URL;
  const database = await provideTestDatabase();
  if (testUrl === undefined) delete process.env.TEST_DATABASE_URL;
  else process.env.TEST_DATABASE_URL = testUrl;

  const platform = await startDevPlatform({ port: 0, audience: 'orgbind-bench', claimNames: { userType: 'user_type', name: 'name', uscc: 'uscc', residentId: 'id_number', phone: 'phone_number', verificationLevel: 'verification_level' }, logger: { warn: () => undefined, log: () => undefined } });
  const passthrough = Object.fromEntries(Object.entries(process.env).filter(([k]) => /^(LEGACY_ARGON2_|LEGACY_IMPORT_|LOCKOUT_)/.test(k)));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '20',
    PLATFORM_ISSUER: platform.issuer,
    PLATFORM_AUDIENCE: 'orgbind-bench',
    PLATFORM_JWKS_URI: platform.jwksUri,
    LOG_LEVEL: 'silent',
    // The bench measures the Argon2id bound from one IP: the per-account/per-IP rate limits
    // (src/rate-limits/) would otherwise answer most attempts with 429 before any hashing.
    RATE_LIMIT_BINDING_PER_ACCOUNT: '1000000',
    RATE_LIMIT_BINDING_PER_IP: '1000000',
    ...passthrough,
  });
  const phases: BenchPhase[] = [];
  const app = await createApp(config, { logger: false });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.getHttpServer().address();
    const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const dataSource = app.get(DataSource);

    const ceilingCount = Math.min(accounts, 1000);
    log(`hashing ${ceilingCount} values with Argon2id alone (the ceiling of the import)`);
    const ceilingStarted = performance.now();
    await mapWithConcurrency(Array.from({ length: ceilingCount }, (_, i) => md5(`ceiling-${i}`)), config.legacyAccounts.importConcurrency, (value) => wrapLegacyHash(value, config.legacyAccounts.argon2));
    const ceilingSeconds = (performance.now() - ceilingStarted) / 1000;
    phases.push({
      name: `Argon2id alone ×${ceilingCount}`,
      operations: ceilingCount,
      seconds: round(ceilingSeconds),
      perSecond: round(ceilingCount / ceilingSeconds),
      outcomes: { hashed: ceilingCount },
      note: `the hashing ceiling on this machine at the import's concurrency (${config.legacyAccounts.importConcurrency}); ≈ ${round((ceilingSeconds * 1000 * config.legacyAccounts.importConcurrency) / ceilingCount)} ms of one core per hash`,
    });

    log(`generating ${accounts} organizations in formation and legacy accounts`);
    const organizationsTsv = ['external_id\tname\ttype\tstatus\tdivision_code', ...Array.from({ length: accounts }, (_, i) =>
      `bench-org-${String(i).padStart(5, '0')}\t鞍山市千山区基准测试第${String(i).padStart(5, '0')}号志愿服务协会\tsocial_group\tin_formation\t210311`)].join('\n');
    await importOrganizations(dataSource, Buffer.from(organizationsTsv), { file: 'bench-organizations.tsv', actor: 'bench' });
    const rows = Array.from({ length: accounts }, (_, i) => legacyRow(i));
    const legacyTsv = ['login_name\torganization_external_id\thash_scheme\tpassword_hash\tsalt', ...rows.map((r) => r.cells.join('\t'))].join('\n');

    log(`importing ${accounts} legacy accounts (Argon2id m=${config.legacyAccounts.argon2.memoryKib} KiB, t=${config.legacyAccounts.argon2.timeCost}, p=${config.legacyAccounts.argon2.parallelism}; ${config.legacyAccounts.importConcurrency} at once)`);
    let lastPercent = -1;
    const report = await importLegacyAccounts(dataSource, Buffer.from(legacyTsv), {
      file: 'bench-legacy-accounts.tsv',
      actor: 'bench',
      argon2: config.legacyAccounts.argon2,
      concurrency: config.legacyAccounts.importConcurrency,
      onProgress: (done, total) => {
        const percent = Math.floor((done / total) * 10) * 10;
        if (percent !== lastPercent) log(`  import ${done}/${total}`);
        lastPercent = percent;
      },
    });
    if (report.imported !== accounts || report.rejected.length > 0) throw new Error(`import did not take every row: ${JSON.stringify({ imported: report.imported, rejected: report.rejected.slice(0, 3) })}`);
    const importSeconds = report.durationMs / 1000;
    phases.push({
      name: `import ${accounts} legacy accounts`,
      operations: accounts,
      seconds: round(importSeconds),
      perSecond: round(accounts / importSeconds),
      outcomes: { imported: report.imported, rejected: report.rejected.length },
      note: 'read + one Argon2id hash per row (parallel, bounded) + one transaction; 70% md5, 15% salted md5, 5% sha1, 5% sha256, 5% bcrypt',
    });

    const reimport = await importLegacyAccounts(dataSource, Buffer.from(legacyTsv), {
      file: 'bench-legacy-accounts.tsv', actor: 'bench', argon2: config.legacyAccounts.argon2, concurrency: config.legacyAccounts.importConcurrency,
    });
    phases.push({
      name: `re-import the same ${accounts} (unchanged)`,
      operations: accounts,
      seconds: round(reimport.durationMs / 1000),
      perSecond: round(accounts / (reimport.durationMs / 1000)),
      outcomes: { unchanged: reimport.unchanged, updated: reimport.updated },
      note: 'one Argon2id verify per row to tell unchanged rows; nothing written but the audit event',
    });

    log(`minting ${bindings * 2} platform tokens`);
    const mint = (sub: string) => platform.mintToken({ sub, userType: 'natural_person' });
    const successTokens: string[] = [];
    const failureTokens: string[] = [];
    for (let i = 0; i < bindings; i++) {
      successTokens.push(await mint(`bench-user-${i}`));
      failureTokens.push(await mint(`bench-guess-${i}`));
    }
    const post = (token: string, json: unknown) => fetch(`${baseUrl}/v1/bindings/legacy-account`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(json),
    }).then(async (response) => {
      await response.arrayBuffer();
      return response.status;
    });

    log(`binding ${bindings} accounts over HTTP with ${connections} connections`);
    const success = await load(bindings, connections, (i) => post(successTokens[i], {
      organizationName: `鞍山市千山区基准测试第${String(i).padStart(5, '0')}号志愿服务协会`, loginName: rows[i].login, password: rows[i].password,
    }));
    phases.push(phaseFrom(`bind ${bindings} legacy accounts (201)`, `POST /v1/bindings/legacy-account, ${connections} connections; token verify + lockout check + Argon2id verify + one transaction`, success));

    log(`${bindings} refused attempts (unknown login names) over HTTP`);
    const refused = await load(bindings, connections, (i) => post(failureTokens[i], { organizationName: '任意', loginName: `bench-unknown-${i}`, password: 'guess' }));
    phases.push(phaseFrom(`refuse ${bindings} unknown logins (403)`, 'INVALID_CREDENTIALS: dummy Argon2id verify + two atomic counter upserts + audit event', refused));

    const [{ n: bound }] = await dataSource.query(`SELECT count(*)::int AS n FROM binding WHERE kind = 'legacy_account' AND status = 'active'`);
    if (bound !== (success.outcomes['201'] ?? 0)) throw new Error(`bindings in the database (${bound}) differ from 201 answers (${success.outcomes['201'] ?? 0})`);
  } finally {
    await app.close();
    await platform.close();
    await database.stop();
  }

  const result: LegacyBindingBenchResult = {
    bench: 'legacy-binding',
    startedAt: new Date().toISOString(),
    machine: {
      cpus: availableParallelism(),
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      uvThreadpoolSize: process.env.UV_THREADPOOL_SIZE ?? '4 (default)',
      loadAverage: { atStart: loadAtStart, atEnd: round(loadavg()[0]) },
    },
    database: database.source,
    argon2: config.legacyAccounts.argon2,
    importConcurrency: config.legacyAccounts.importConcurrency,
    phases,
  };
  if (outDir !== null) {
    await mkdir(outDir, { recursive: true });
    await writeFile(path.join(outDir, 'legacy-binding.json'), `${JSON.stringify(result, null, 2)}\n`);
    await writeFile(path.join(outDir, 'legacy-binding.md'), markdown(result));
  }
  return result;
}

/** The results as a markdown report. */
export function markdown(result: LegacyBindingBenchResult): string {
  const { machine, argon2 } = result;
  const lines = [
    '# Legacy-account binding bench',
    '',
    `Run ${result.startedAt} on ${machine.cpus} CPU (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, libuv pool ${machine.uvThreadpoolSize}; database: ${result.database}; 1-minute load average ${machine.loadAverage.atStart} at start, ${machine.loadAverage.atEnd} at end (other work on the machine slows every figure).`,
    `Argon2id m=${argon2.memoryKib} KiB, t=${argon2.timeCost}, p=${argon2.parallelism}; import concurrency ${result.importConcurrency}. Produced by \`npm run bench:legacy\`.`,
    '',
    '| phase | operations | seconds | per second | p50 ms | p95 ms | p99 ms | outcomes | what |',
    '|---|---:|---:|---:|---:|---:|---:|---|---|',
    ...result.phases.map((p) => `| ${p.name} | ${p.operations} | ${p.seconds} | ${p.perSecond} | ${p.latencyMs?.p50 ?? ''} | ${p.latencyMs?.p95 ?? ''} | ${p.latencyMs?.p99 ?? ''} | ${Object.entries(p.outcomes).map(([k, v]) => `${k}: ${v}`).join(', ')} | ${p.note} |`),
    '',
  ];
  return lines.join('\n');
}

function printTable(result: LegacyBindingBenchResult): void {
  const table = new Table({ head: ['phase', 'ops', 'seconds', 'per second', 'p50 ms', 'p95 ms', 'p99 ms', 'outcomes'], style: process.stdout.isTTY ? undefined : { head: [], border: [] } });
  for (const p of result.phases) {
    table.push([p.name, p.operations, p.seconds, p.perSecond, p.latencyMs?.p50 ?? '', p.latencyMs?.p95 ?? '', p.latencyMs?.p99 ?? '', Object.entries(p.outcomes).map(([k, v]) => `${k}: ${v}`).join(', ')]);
  }
  const { argon2 } = result;
  process.stdout.write(`Legacy-account binding bench — Argon2id m=${argon2.memoryKib} KiB t=${argon2.timeCost} p=${argon2.parallelism}, ${result.machine.cpus} CPU, ${result.database}\n${table.toString()}\n`);
}

if (require.main === module) {
  runLegacyBindingBench().then((result) => {
    printTable(result);
    log('wrote bench/results/legacy-binding.json and .md');
  }).catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
