import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';

/** What a purge task gets: the database, the clock, who runs it, and the settings. */
export interface PurgeContext {
  readonly dataSource: DataSource;
  /** The purge's "now" (retention cutoffs are computed from it). */
  readonly now: Date;
  /** Who runs the purge, for its audit event (e.g. `cli:ops`). */
  readonly actor: string;
  /** Report what would be removed without removing anything. */
  readonly dryRun: boolean;
  readonly config: AppConfig;
  /** Records removed per transaction. */
  readonly batchSize: number;
  /** Progress lines (stderr in the CLI). */
  readonly log: (message: string) => void;
}

/** What a purge task did (or would do, in a dry run). */
export interface PurgeTaskReport {
  readonly task: string;
  readonly dryRun: boolean;
  readonly retentionDays: number;
  /** Records older than this instant (ISO 8601) were eligible. */
  readonly cutoff: string;
  /** Records removed (or that would be). */
  readonly deleted: number;
  /** Task-specific figures. */
  readonly details: Readonly<Record<string, string | number | null>>;
}

/**
 * One kind of personal or operational data removed after its retention period. Each task
 * removes its records in transactions that also write an audit event saying what was removed
 * (so the purge itself is audited), and is safe to run again or concurrently with the service.
 */
export interface PurgeTask {
  /** Name on the command line (`--task NAME`). */
  readonly name: string;
  readonly description: string;
  run(context: PurgeContext): Promise<PurgeTaskReport>;
}

/** Run tasks one after the other. */
export async function runPurgeTasks(tasks: readonly PurgeTask[], context: PurgeContext): Promise<PurgeTaskReport[]> {
  const reports: PurgeTaskReport[] = [];
  for (const task of tasks) {
    context.log(`${task.name}: ${context.dryRun ? 'dry run' : 'purging'}`);
    reports.push(await task.run(context));
  }
  return reports;
}
