import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GENERATED_SECTIONS, replaceSection } from './docs-sections';

/**
 * `npm run docs`: write the generated parts of docs/ (the configuration table from the config
 * schema, the error-code table from the error catalog) between their markers. Run it after
 * changing either, and commit the result; `test/docs/docs-drift.e2e-spec.ts` fails otherwise.
 */
async function main(): Promise<void> {
  const pages = new Map<string, string>();
  for (const section of GENERATED_SECTIONS) {
    const file = path.resolve(section.page);
    const text = pages.get(file) ?? (await readFile(file, 'utf8'));
    pages.set(file, replaceSection(text, section.name, section.render()));
  }
  for (const [file, text] of pages) {
    const before = await readFile(file, 'utf8');
    if (before !== text) await writeFile(file, text);
    process.stderr.write(`${before === text ? 'unchanged' : 'wrote'} ${path.relative(process.cwd(), file)}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
