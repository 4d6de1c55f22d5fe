import { ConfigError, loadConfig } from '../config/app-config';
import { createDataSource } from '../database/data-source';
import { openDatabaseUrl } from '../database/database-url';
import { upgradeDatabase } from '../database/upgrade';

/**
 * The migration job: `node dist/cli/migrate.js` (the container's separate entry command, the
 * Helm chart's pre-install/pre-upgrade hook). Applies pending migrations under a PostgreSQL
 * advisory lock, then synchronises the reference data (divisions). Idempotent: safe to run
 * again, and concurrently. In production it needs only `DATABASE_URL` and never starts the
 * embedded PostgreSQL; in development it uses the development database like the service.
 * Progress on stderr; one result line on stdout. Exit 0 done, 1 failed, 78 bad configuration.
 */
async function main(): Promise<void> {
  const log = (message: string) => process.stderr.write(`[migrate] ${message}\n`);
  let config;
  try {
    config = loadConfig(process.env, { purpose: 'database-cli' });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const started = Date.now();
  const database = await openDatabaseUrl(config, log);
  // No statement timeout: a migration may run longer than any request (the job has its own deadline).
  const dataSource = createDataSource(database.url, 'orgbind-migrate', { statementTimeoutMs: 0 });
  try {
    await dataSource.initialize();
    log(`connected to ${redactUrl(database.url)}; applying pending migrations`);
    const report = await upgradeDatabase(dataSource);
    log(report.applied.length ? `applied: ${report.applied.join(', ')}` : 'schema already up to date');
    process.stdout.write(
      `migrations: ${report.applied.length} applied; reference data: ${report.divisions} divisions, ${report.aliases} historical codes (${Date.now() - started} ms)\n`,
    );
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.stop();
  }
}

/** The URL without its password, for the log. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(database URL)';
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[migrate] failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
