import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** Milliseconds the driver waits beyond the statement timeout for an answer before giving up on a query. */
export const QUERY_TIMEOUT_GRACE_MS = 1000;

/** Options for the one DataSource used by the service, the CLIs, the migrations and the tests. */
export function dataSourceOptions(args: {
  url: string;
  poolSize?: number;
  statementTimeoutMs?: number;
  applicationName?: string;
}): DataSourceOptions {
  const statementTimeoutMs = args.statementTimeoutMs ?? 5000;
  return {
    type: 'postgres',
    url: args.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migration',
    migrationsTransactionMode: 'each',
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: {
      max: args.poolSize ?? 10,
      connectionTimeoutMillis: 5000,
      statement_timeout: statementTimeoutMs,
      // The server enforces statement_timeout only on queries it receives: when the network to
      // PostgreSQL is partitioned nothing answers at all, so the driver gives up by itself
      // shortly after (the request then fails fast as 503 instead of hanging).
      query_timeout: statementTimeoutMs > 0 ? statementTimeoutMs + QUERY_TIMEOUT_GRACE_MS : 0,
      keepAlive: true,
      application_name: args.applicationName ?? 'orgbind',
    },
  };
}

/**
 * Build (not initialise) a DataSource for a URL. `statementTimeoutMs: 0` disables the
 * statement timeout (the migration job: a migration may legitimately run longer than a request).
 */
export function createDataSource(url: string, applicationName?: string, options: { statementTimeoutMs?: number } = {}): DataSource {
  return new DataSource(dataSourceOptions({ url, applicationName, statementTimeoutMs: options.statementTimeoutMs }));
}

/** Advisory-lock key serialising migration runs across processes and replicas. */
const MIGRATION_LOCK_KEY = 7_421_001;

/**
 * Run pending migrations under a PostgreSQL advisory lock, so that parallel test workers or
 * replicas never run them twice (TypeORM itself has no migration lock).
 * @returns the names of the migrations applied.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}
