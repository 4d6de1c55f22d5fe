import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GENERATED_SECTIONS, renderConfigTable, renderErrorTable, replaceSection } from '../../src/cli/docs-sections';
import { ERROR_CATALOG } from '../../src/common/errors/error-catalog';
import { envSchema } from '../../src/config/config.schema';

const ROOT = path.resolve(__dirname, '../..');

/** The generated parts of docs/ (`npm run docs`) must not drift from the code, like openapi/openapi.json. */
describe('generated documentation', () => {
  it.each(GENERATED_SECTIONS.map((s) => [`${s.page} (${s.name})`, s] as const))('%s matches the code', (_label, section) => {
    const page = readFileSync(path.join(ROOT, section.page), 'utf8');
    if (replaceSection(page, section.name, section.render()) !== page) {
      throw new Error(`${section.page}: the generated "${section.name}" section is out of date: run \`npm run docs\` and commit the result`);
    }
  });

  it('documents every configuration variable, with its schema default', () => {
    const table = renderConfigTable();
    for (const name of Object.keys(envSchema.shape)) expect(table).toContain(`| \`${name}\` |`);
    // A plain .default() is read from the schema itself, not restated by hand.
    expect(table).toContain('| `LOCKOUT_MAX_FAILURES` | `5` |');
    expect(table).toContain(`| \`AUDIT_RETENTION_DAYS\` | \`${String(envSchema.shape.AUDIT_RETENTION_DAYS.def.defaultValue)}\` |`);
  });

  it('lists every error code of the catalog with its status', () => {
    const table = renderErrorTable();
    for (const [code, definition] of Object.entries(ERROR_CATALOG)) expect(table).toContain(`| \`${code}\` | ${definition.status} | \`/problems/${code.toLowerCase().replace(/_/g, '-')}\` |`);
  });

  it('refuses a page without its markers', () => {
    expect(() => replaceSection('no markers here', 'config', 'x')).toThrow('expected exactly one <!-- generated:config -->');
  });
});
