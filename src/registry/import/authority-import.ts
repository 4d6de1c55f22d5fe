import { DataSource, In } from 'typeorm';
import { auditRow } from '../../audit/audit.service';
import { AuditEventEntity } from '../../audit/audit-event.entity';
import { RegistrationAuthorityEntity } from '../entities/registration-authority.entity';
import { AuthorityRecord } from '../domain/sample-authorities';
import { ImportLineNote, ImportProgress, ImportReport } from './import-report';
import { AUTHORITY_COLUMNS, interpretAuthorityRow } from './authority-row';
import { readTabularFile } from './tabular-file';

/**
 * Import registration authorities from a CSV/TSV file (columns `code`, `name`, `division_code`,
 * optional `level`, `active`, `note`). Upserts by code; authorities absent from the file are left
 * as they are (deactivate one with `active` = false: it keeps its history and registrars, and
 * stops accepting applications). One transaction, audited.
 */
export async function importAuthorities(
  dataSource: DataSource,
  bytes: Uint8Array,
  options: { file: string; actor: string; onProgress?: ImportProgress },
): Promise<ImportReport> {
  const started = Date.now();
  const table = readTabularFile(bytes, AUTHORITY_COLUMNS);
  for (const column of ['code', 'name', 'division_code']) {
    if (!table.header.includes(column)) throw new Error(`the file has no "${column}" column`);
  }
  const warnings: ImportLineNote[] = table.unknownColumns.map((c) => ({ line: 1, message: `column "${c}" is not used and was ignored` }));
  const rejected: ImportLineNote[] = [];
  const accepted: { line: number; record: AuthorityRecord }[] = [];
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    const result = interpretAuthorityRow(row.values);
    if (!result.ok) {
      rejected.push({ line: row.lineNumber, message: result.reason });
      continue;
    }
    const duplicateOf = seen.get(result.record.code);
    if (duplicateOf) {
      rejected.push({ line: row.lineNumber, message: `duplicate of line ${duplicateOf} (code ${result.record.code})` });
      continue;
    }
    seen.set(result.record.code, row.lineNumber);
    for (const w of result.warnings) warnings.push({ line: row.lineNumber, message: w });
    accepted.push({ line: row.lineNumber, record: result.record });
  }

  let imported = 0;
  let updated = 0;
  let unchanged = 0;
  await dataSource.transaction(async (manager) => {
    const existing = new Map(
      (await manager.find(RegistrationAuthorityEntity, { where: { code: In(accepted.map((a) => a.record.code)) } })).map((a) => [a.code, a]),
    );
    let done = 0;
    for (const { record } of accepted) {
      done++;
      if (done % 100 === 0) options.onProgress?.(done, accepted.length);
      const current = existing.get(record.code);
      if (!current) {
        await manager.insert(RegistrationAuthorityEntity, { ...record });
        imported++;
      } else if (current.name === record.name && current.divisionCode === record.divisionCode && current.level === record.level && current.active === record.active) {
        unchanged++;
      } else {
        await manager.update(RegistrationAuthorityEntity, { code: record.code }, { name: record.name, divisionCode: record.divisionCode, level: record.level, active: record.active });
        updated++;
      }
    }
    options.onProgress?.(accepted.length, accepted.length);
    await manager.insert(AuditEventEntity, auditRow({
      actorKind: 'operator',
      actor: options.actor,
      action: 'registry.authorities_imported',
      targetType: 'registry',
      outcome: 'success',
      details: { file: options.file, rows: table.rows.length, imported, updated, unchanged, rejected: rejected.length, warnings: warnings.length },
    }));
  });
  rejected.sort((a, b) => a.line - b.line);
  return {
    kind: 'authorities',
    file: options.file,
    encoding: table.encoding,
    rows: table.rows.length,
    imported,
    updated,
    unchanged,
    warnings,
    rejected,
    durationMs: Date.now() - started,
  };
}
