import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { importLegacyAccounts } from '../legacy-binding/import/legacy-account-import';
import { formatImportReport, ImportProgress, ImportReport } from '../registry/import/import-report';
import { importAuthorities } from '../registry/import/authority-import';
import { importOrganizations } from '../registry/import/organization-import';
import { failCli, withCliDatabase } from './cli-database';
import { progressBar } from './progress';

/** One kind of import: what it reads and how. */
type Importer = (dataSource: DataSource, bytes: Uint8Array, options: { file: string; actor: string; onProgress: ImportProgress }) => Promise<ImportReport>;

/** The import kinds (`npm run import -- KIND FILE`). */
const IMPORTERS: Record<string, { describe: string; run: Importer }> = {
  authorities: { describe: 'registration authorities (CSV/TSV: code, name, division_code, level, active); import before organizations', run: importAuthorities },
  organizations: { describe: 'organization registry (CSV/TSV: name, uscc, type, status, division_code, authority_code, external_id, established_at)', run: importOrganizations },
  'legacy-accounts': {
    describe: 'old-system logins (CSV/TSV: login_name, organization_name and/or organization_external_id, hash_scheme, password_hash, salt, password, status); hashes are wrapped with Argon2id',
    run: (dataSource, bytes, options) => {
      const { argon2, importConcurrency } = loadConfig(process.env).legacyAccounts;
      return importLegacyAccounts(dataSource, bytes, { ...options, argon2, concurrency: importConcurrency });
    },
  },
};

const USAGE = `usage: npm run import -- KIND FILE [--json]

Kinds:
${Object.entries(IMPORTERS).map(([k, v]) => `  ${k.padEnd(18)} ${v.describe}`).join('\n')}

Files: CSV or TSV with a header row, UTF-8 (with or without BOM) or GBK/GB18030 as Excel exports.
Uses DATABASE_URL, else the development database. One transaction: a fatal error imports nothing.
Prints the report (imported / updated / unchanged / warnings / rejected with line numbers) on stdout;
--json prints it as JSON. Exit code 0 when the import committed (even with rejected rows), 1 on a fatal error.`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const [kind, file] = args.filter((a) => a !== '--json');
  if (!kind || kind === '--help' || !file || !IMPORTERS[kind]) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(kind === '--help' ? 0 : 2);
  }
  const bytes = await readFile(path.resolve(file));
  const bar = progressBar(kind);
  const report = await withCliDatabase(`import-${kind}`, (dataSource) =>
    IMPORTERS[kind].run(dataSource, bytes, { file: path.basename(file), actor: `cli:${process.env.USER ?? 'operator'}`, onProgress: bar.update }),
  ).finally(() => bar.stop());
  process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : `${formatImportReport(report)}\n`);
}

main().catch(failCli);
