import path from 'node:path';
import { AppConfig } from '../config/app-config';
import { EmbeddedDatabase, ProgressLog, startEmbeddedPostgres } from './embedded-postgres';

/**
 * The database to use: `DATABASE_URL` when set; in development without it, the embedded
 * PostgreSQL under `DEV_DATA_DIR` (started, or joined when another process runs it).
 */
export async function openDatabaseUrl(config: AppConfig, log: ProgressLog): Promise<EmbeddedDatabase> {
  if (config.database.url) {
    return { url: config.database.url, port: 0, owned: false, stop: async () => undefined };
  }
  if (config.isProduction) throw new Error('DATABASE_URL is required in production');
  return startEmbeddedPostgres({ dataDir: path.resolve(config.dev.dataDir), log });
}
