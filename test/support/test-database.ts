import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDataSource, runMigrations } from '../../src/database/data-source';
import { ensureDatabase, startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { syncReferenceData } from '../../src/registry/reference-data';

/** A database for the e2e run and how to dispose of it. */
export interface TestDatabase {
  readonly url: string;
  readonly source: 'TEST_DATABASE_URL' | 'testcontainers' | 'embedded-postgres';
  stop(): Promise<void>;
}

const log = (message: string) => process.stderr.write(`[test-db] ${message}\n`);

/**
 * The e2e database, in this order: `TEST_DATABASE_URL` (its database dropped and created
 * anew), a testcontainers PostgreSQL when a Docker engine answers, else an embedded
 * PostgreSQL in a temp folder (fsync off). Migrations and reference data are applied once.
 */
export async function provideTestDatabase(): Promise<TestDatabase> {
  const database = await chooseDatabase();
  const dataSource = createDataSource(database.url, 'orgbind-test-setup');
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
    await syncReferenceData(dataSource);
  } finally {
    await dataSource.destroy();
  }
  log(`using ${database.source}`);
  return database;
}

async function chooseDatabase(): Promise<TestDatabase> {
  const configured = process.env.TEST_DATABASE_URL;
  if (configured) {
    await recreateDatabase(configured);
    return { url: configured, source: 'TEST_DATABASE_URL', stop: async () => undefined };
  }
  const container = await tryTestcontainers();
  if (container) return container;
  const dataDir = path.join(tmpdir(), `orgbind-test-${process.pid}`);
  const embedded = await startEmbeddedPostgres({
    dataDir,
    log,
    settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '200' },
    database: 'orgbind_test',
  });
  return {
    url: embedded.url,
    source: 'embedded-postgres',
    stop: async () => {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function recreateDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`TEST_DATABASE_URL database name "${name}" must be [A-Za-z0-9_]+`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
    // Scratch databases a previous, interrupted run left behind (test/support/scratch-database.ts).
    const leftovers = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [`${name}_s_`]);
    for (const { datname } of leftovers.rows) await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(datname)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
  await ensureDatabase(admin.toString(), name);
}

async function tryTestcontainers(): Promise<TestDatabase | null> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
  } catch {
    log('no Docker engine answers: skipping testcontainers');
    return null;
  }
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer('postgres:17-alpine').withDatabase('orgbind_test').start();
  return { url: container.getConnectionUri(), source: 'testcontainers', stop: async () => { await container.stop(); } };
}
