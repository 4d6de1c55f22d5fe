import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { createDataSource, runMigrations } from '../database/data-source';
import { openDatabaseUrl } from '../database/database-url';
import { syncReferenceData } from '../registry/reference-data';

/** Log to stderr: stdout is kept for results (reports, tokens, tables). */
export const cliLog = (message: string): void => {
  process.stderr.write(`${message}\n`);
};

/**
 * Run `work` with a DataSource on `DATABASE_URL`, else on the development database (joining
 * the running embedded PostgreSQL or starting it). Outside production the schema and
 * reference data are brought up to date first; production runs migrations as a separate job.
 */
export async function withCliDatabase<T>(name: string, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env, { purpose: 'database-cli' });
  const database = await openDatabaseUrl(config, cliLog);
  const dataSource = createDataSource(database.url, `orgbind-${name}`);
  try {
    await dataSource.initialize();
    if (!config.isProduction) {
      await runMigrations(dataSource);
      await syncReferenceData(dataSource);
    }
    return await work(dataSource);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.stop();
  }
}

/** Print a fatal CLI error and exit non-zero. */
export function failCli(error: unknown): never {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
