import { DataSource } from 'typeorm';
import { syncReferenceData } from '../registry/reference-data';
import { runMigrations } from './data-source';

/** What {@link upgradeDatabase} did. */
export interface UpgradeReport {
  /** Migrations applied now, in order (empty when the schema was up to date). */
  readonly applied: readonly string[];
  readonly divisions: number;
  readonly aliases: number;
}

/**
 * Bring a database up to date: pending migrations (under the advisory lock), then the
 * reference data (GB/T 2260 divisions and historical codes). Idempotent. Used by the
 * migration job in production (`node dist/cli/migrate.js`), `npm run migration:run`, and the
 * development start-up.
 */
export async function upgradeDatabase(dataSource: DataSource): Promise<UpgradeReport> {
  const applied = await runMigrations(dataSource);
  const reference = await syncReferenceData(dataSource);
  return { applied, divisions: reference.divisions, aliases: reference.aliases };
}
