import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The reliability suite's tally: each check records how many cases it ran and how many held.
 * Specs run in jest workers; they write one small JSON file per record into {@link TALLY_DIR},
 * and the summary reporter (test/reliability/summary-reporter.cjs) adds them up after the run.
 */
export const TALLY_DIR = path.resolve(__dirname, '../../../node_modules/.cache/orgbind-reliability');

/** The rows of the summary table. */
export type TallyCategory = 'fuzzed requests' | 'concurrent races' | 'token attacks' | 'database faults' | 'rate limits';

/** Record `run` cases of `category`, of which `held` held (`check` names them in the table's detail column). */
export function recordTally(category: TallyCategory, check: string, run: number, held: number): void {
  mkdirSync(TALLY_DIR, { recursive: true });
  writeFileSync(path.join(TALLY_DIR, `${process.pid}-${randomUUID()}.json`), JSON.stringify({ category, check, run, held }));
}

/** Run one case: it held when `body` resolves (assertions passed), failed when it throws (rethrown). */
export async function tallied<T>(category: TallyCategory, check: string, body: () => Promise<T>): Promise<T> {
  try {
    const result = await body();
    recordTally(category, check, 1, 1);
    return result;
  } catch (error) {
    recordTally(category, check, 1, 0);
    throw error;
  }
}
