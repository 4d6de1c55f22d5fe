import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { auditRow } from '../../audit/audit.service';
import { AuditEventEntity } from '../../audit/audit-event.entity';
import { OrganizationEntity } from '../entities/organization.entity';
import { RegistrationAuthorityEntity } from '../entities/registration-authority.entity';
import { ImportLineNote, ImportProgress, ImportReport } from './import-report';
import { interpretOrganizationRow, ORGANIZATION_COLUMNS, OrganizationRecord } from './organization-row';
import { readTabularFile } from './tabular-file';

const BATCH = 500;

/**
 * Import organizations from a CSV/TSV registry file (UTF-8 with or without BOM, or GBK).
 * Upserts by USCC, else by external id, else (rows with neither) by exact name among
 * organizations that have neither; on update only the columns present in the file change. Rows that cannot be read are rejected and reported;
 * anything fatal (database error, unreadable file) rolls the whole import back: one
 * transaction, all or nothing. The import itself is audited.
 */
export async function importOrganizations(
  dataSource: DataSource,
  bytes: Uint8Array,
  options: { file: string; actor: string; onProgress?: ImportProgress },
): Promise<ImportReport> {
  const started = Date.now();
  const table = readTabularFile(bytes, ORGANIZATION_COLUMNS);
  if (!table.header.includes('name')) throw new Error('the file has no "name" column');
  const warnings: ImportLineNote[] = table.unknownColumns.map((c) => ({ line: 1, message: `column "${c}" is not used and was ignored` }));
  const rejected: ImportLineNote[] = [];
  const accepted: { line: number; record: OrganizationRecord }[] = [];
  const seenUscc = new Map<string, number>();
  const seenExternal = new Map<string, number>();
  for (const row of table.rows) {
    const result = interpretOrganizationRow(row.values);
    if (!result.ok) {
      rejected.push({ line: row.lineNumber, message: result.reason });
      continue;
    }
    const { record } = result;
    const duplicateOf = (record.uscc && seenUscc.get(record.uscc)) || (record.externalId && seenExternal.get(record.externalId));
    if (duplicateOf) {
      rejected.push({ line: row.lineNumber, message: `duplicate of line ${duplicateOf}` });
      continue;
    }
    if (record.uscc) seenUscc.set(record.uscc, row.lineNumber);
    if (record.externalId) seenExternal.set(record.externalId, row.lineNumber);
    for (const w of result.warnings) warnings.push({ line: row.lineNumber, message: w });
    accepted.push({ line: row.lineNumber, record });
  }

  let imported = 0;
  let updated = 0;
  let unchanged = 0;
  await dataSource.transaction(async (manager) => {
    const authorities = await knownAuthorities(manager, accepted.map((a) => a.record.authorityCode));
    const byUscc = await existingBy(manager, 'uscc', accepted.map((a) => a.record.uscc));
    const byExternal = await existingBy(manager, 'externalId', accepted.map((a) => a.record.externalId));
    const byUnkeyedName = await unkeyedByName(manager, accepted.filter((a) => !a.record.uscc && !a.record.externalId).map((a) => a.record.name));
    const inserts: OrganizationEntity[] = [];
    let done = 0;
    for (const { line, record } of accepted) {
      done++;
      if (done % 100 === 0) options.onProgress?.(done, accepted.length);
      if (record.authorityCode && !authorities.has(record.authorityCode)) {
        rejected.push({ line, message: `authority_code ${record.authorityCode} is not a known registration authority` });
        continue;
      }
      const viaUscc = record.uscc ? byUscc.get(record.uscc) : undefined;
      const viaExternal = record.externalId ? byExternal.get(record.externalId) : undefined;
      if (viaUscc && viaExternal && viaUscc.id !== viaExternal.id) {
        rejected.push({ line, message: `uscc ${record.uscc} and external_id ${record.externalId} belong to two different organizations` });
        continue;
      }
      const viaName = !record.uscc && !record.externalId ? byUnkeyedName.get(record.name) : undefined;
      const existing = viaUscc ?? viaExternal ?? viaName;
      if (!existing) {
        inserts.push(manager.create(OrganizationEntity, { id: randomUUID(), ...record, version: 1 }));
        continue;
      }
      const patch = presentFields(record, table.header);
      if (sameRecord(existing, patch)) {
        unchanged++;
        continue;
      }
      if (existing.status === 'deregistered' && patch.status && patch.status !== 'deregistered') {
        warnings.push({ line, message: `organization was deregistered and is now ${patch.status}` });
      }
      await manager.update(OrganizationEntity, { id: existing.id }, { ...patch, version: existing.version + 1 });
      updated++;
    }
    for (let i = 0; i < inserts.length; i += BATCH) {
      await manager.insert(OrganizationEntity, inserts.slice(i, i + BATCH));
    }
    imported = inserts.length;
    options.onProgress?.(accepted.length, accepted.length);
    await manager.insert(AuditEventEntity, auditRow({
      actorKind: 'operator',
      actor: options.actor,
      action: 'registry.organizations_imported',
      targetType: 'registry',
      outcome: 'success',
      details: { file: options.file, rows: table.rows.length, imported, updated, unchanged, rejected: rejected.length, warnings: warnings.length },
    }));
  });
  rejected.sort((a, b) => a.line - b.line);
  return {
    kind: 'organizations',
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

async function knownAuthorities(manager: EntityManager, codes: readonly (string | null)[]): Promise<Set<string>> {
  const wanted = [...new Set(codes.filter((c): c is string => !!c))];
  if (wanted.length === 0) return new Set();
  const rows = await manager.find(RegistrationAuthorityEntity, { select: { code: true }, where: { code: In(wanted) } });
  return new Set(rows.map((r) => r.code));
}

async function existingBy(
  manager: EntityManager,
  key: 'uscc' | 'externalId',
  values: readonly (string | null)[],
): Promise<Map<string, OrganizationEntity>> {
  const wanted = [...new Set(values.filter((v): v is string => !!v))];
  const found = new Map<string, OrganizationEntity>();
  for (let i = 0; i < wanted.length; i += 5000) {
    const rows = await manager.find(OrganizationEntity, { where: { [key]: In(wanted.slice(i, i + 5000)) } });
    for (const row of rows) found.set(row[key] as string, row);
  }
  return found;
}

/** Organizations with neither USCC nor external id, by exact name: the only key such rows have. */
async function unkeyedByName(manager: EntityManager, names: readonly string[]): Promise<Map<string, OrganizationEntity>> {
  const found = new Map<string, OrganizationEntity>();
  const wanted = [...new Set(names)];
  for (let i = 0; i < wanted.length; i += 5000) {
    const rows = await manager.find(OrganizationEntity, { where: { name: In(wanted.slice(i, i + 5000)), uscc: IsNull(), externalId: IsNull() } });
    for (const row of rows) if (!found.has(row.name)) found.set(row.name, row);
  }
  return found;
}

/** Columns of the file that feed each record field; derived fields follow their sources. */
const FIELD_SOURCES: Record<keyof OrganizationRecord, readonly string[]> = {
  name: ['name'],
  uscc: ['uscc'],
  type: ['type', 'uscc'],
  status: ['status', 'uscc'],
  divisionCode: ['division_code', 'uscc'],
  authorityCode: ['authority_code'],
  externalId: ['external_id'],
  establishedAt: ['established_at'],
};

/** On update, only fields whose columns the file has change: an absent column keeps the stored value. */
function presentFields(record: OrganizationRecord, header: readonly string[]): Partial<OrganizationRecord> {
  const columns = new Set(header);
  const patch: Partial<Record<keyof OrganizationRecord, unknown>> = {};
  for (const key of Object.keys(FIELD_SOURCES) as (keyof OrganizationRecord)[]) {
    if (FIELD_SOURCES[key].some((c) => columns.has(c))) patch[key] = record[key];
  }
  return patch as Partial<OrganizationRecord>;
}

function sameRecord(existing: OrganizationEntity, patch: Partial<OrganizationRecord>): boolean {
  return (Object.keys(patch) as (keyof OrganizationRecord)[]).every((k) => (existing[k] ?? null) === (patch[k] ?? null));
}
