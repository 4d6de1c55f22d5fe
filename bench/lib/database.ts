import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ensureDatabase, startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { Log } from './progress';

/** The database of one bench run. */
export interface BenchDatabase {
  readonly url: string;
  /** Where it runs, for the report. */
  readonly source: 'DATABASE_URL' | 'embedded-postgres';
  /** The postmaster's pid when the bench started the server (its CPU can then be told apart). */
  readonly postmasterPid: number | null;
  stop(): Promise<void>;
}

/**
 * A fresh, empty database for the run, with production durability (fsync and synchronous
 * commit on):
 * - with `DATABASE_URL`: a new database `BENCH_DATABASE_NAME` (default `orgbind_bench_<pid>`) on that server (the configured
 *   database itself is never touched), dropped at the end;
 * - else an embedded PostgreSQL in a temporary folder, removed at the end.
 */
export async function provideBenchDatabase(databaseUrl: string | undefined, log: Log): Promise<BenchDatabase> {
  if (databaseUrl) {
    const name = process.env.BENCH_DATABASE_NAME ?? `orgbind_bench_${process.pid}`;
    const admin = new URL(databaseUrl);
    const target = new URL(databaseUrl);
    target.pathname = `/${name}`;
    await dropDatabase(admin.toString(), name);
    await ensureDatabase(admin.toString(), name).catch((error: unknown) => {
      throw new Error(`cannot create the bench database ${name} on the DATABASE_URL server (the role needs CREATEDB): ${error instanceof Error ? error.message : String(error)}`);
    });
    log(`database: fresh database ${name} on the DATABASE_URL server (${admin.host})`);
    return { url: target.toString(), source: 'DATABASE_URL', postmasterPid: null, stop: () => dropDatabase(admin.toString(), name) };
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'orgbind-bench-'));
  const embedded = await startEmbeddedPostgres({ dataDir, log: (m) => log(m), database: 'orgbind_bench' });
  const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
  const postmasterPid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) || null : null;
  return {
    url: embedded.url,
    source: 'embedded-postgres',
    postmasterPid,
    stop: async () => {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/**
 * What one durable commit costs on this machine: the median of `samples` sequential
 * single-row INSERT commits into a temporary table (fsync of the WAL included). Every audited
 * resolution pays one; concurrent commits share a flush (group commit).
 */
export async function measureDurableCommit(url: string, samples = 200): Promise<{ medianMs: number; p90Ms: number; p99Ms: number; maxMs: number; settings: Record<string, string> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // A real (WAL-logged) table: a temporary one would skip the very flush we measure.
    await client.query('CREATE TABLE IF NOT EXISTS bench_commit_probe_durable (n int)');
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      const started = process.hrtime.bigint();
      await client.query('INSERT INTO bench_commit_probe_durable (n) VALUES ($1)', [i]);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    await client.query('DROP TABLE bench_commit_probe_durable');
    times.sort((a, b) => a - b);
    const settings: Record<string, string> = {};
    for (const name of ['server_version', 'fsync', 'synchronous_commit', 'wal_sync_method', 'shared_buffers', 'max_connections']) {
      const row = await client.query<{ setting: string }>(`SELECT current_setting($1) AS setting`, [name]);
      settings[name] = row.rows[0].setting;
    }
    return {
      medianMs: times[Math.floor(times.length / 2)],
      p90Ms: times[Math.floor(times.length * 0.9)],
      p99Ms: times[Math.floor(times.length * 0.99)],
      maxMs: times[times.length - 1],
      settings,
    };
  } finally {
    await client.end();
  }
}
