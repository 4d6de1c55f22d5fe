/**
 * `npm run sample:authorities`: regenerate `sample-data/registration-authorities.tsv` from the
 * GB/T 2260 division data (one civil-affairs authority per Liaoning division). A unit spec fails
 * when the checked-in file differs from what this writes.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatAuthoritiesTsv, sampleCivilAffairsAuthorities } from '../registry/domain/sample-authorities';

async function main(): Promise<void> {
  const target = path.resolve(process.argv[2] ?? 'sample-data/registration-authorities.tsv');
  const records = sampleCivilAffairsAuthorities();
  await writeFile(target, formatAuthoritiesTsv(records));
  process.stderr.write(`wrote ${path.relative(process.cwd(), target)} (${records.length} authorities)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
