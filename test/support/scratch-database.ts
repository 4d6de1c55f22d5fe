import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { createDataSource, runMigrations } from '../../src/database/data-source';
import { ensureDatabase } from '../../src/database/embedded-postgres';

/** A private, migrated database on the e2e server, for tests that must own the whole of a table. */
export interface ScratchDatabase {
  readonly name: string;
  readonly url: string;
  readonly dataSource: DataSource;
  /** Another connection pool on the same database (a second replica). */
  connect(applicationName: string): Promise<DataSource>;
  drop(): Promise<void>;
}

/** Prefix of the scratch databases of the e2e database at `url` (dropped with it by the global setup). */
export function scratchDatabasePrefix(url: string): string {
  return `${decodeURIComponent(new URL(url).pathname.slice(1))}_s_`;
}

function scratchDatabaseName(base: string, label: string): string {
  return `${scratchDatabasePrefix(base)}${label.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 16)}_${randomUUID().slice(0, 8)}`;
}

/**
 * Create a fresh database beside the e2e database (same server, same superuser) and run the
 * migrations in it. For specs that tamper with or purge the audit trail, which must not
 * disturb the specs sharing the e2e database.
 */
export async function createScratchDatabase(label: string): Promise<ScratchDatabase> {
  const base = process.env.ORGBIND_E2E_DATABASE_URL;
  if (!base) throw new Error('ORGBIND_E2E_DATABASE_URL is not set: run through jest (global setup)');
  const name = scratchDatabaseName(base, label);
  const admin = new URL(base);
  admin.pathname = '/postgres';
  await ensureDatabase(admin.toString(), name);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const pools: DataSource[] = [];
  const connect = async (applicationName: string) => {
    const dataSource = createDataSource(url.toString(), applicationName);
    await dataSource.initialize();
    pools.push(dataSource);
    return dataSource;
  };
  const dataSource = await connect(`orgbind-scratch-${label}`);
  await runMigrations(dataSource);
  return {
    name,
    url: url.toString(),
    dataSource,
    connect,
    drop: async () => {
      for (const pool of pools) if (pool.isInitialized) await pool.destroy();
      const client = new pg.Client({ connectionString: admin.toString() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
