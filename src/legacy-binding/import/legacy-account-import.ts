import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { DataSource, EntityManager, In } from 'typeorm';
import { auditRow } from '../../audit/audit.service';
import { AuditEventEntity } from '../../audit/audit-event.entity';
import { OrganizationEntity } from '../../registry/entities/organization.entity';
import { ImportLineNote, ImportProgress, ImportReport } from '../../registry/import/import-report';
import { readTabularFile } from '../../registry/import/tabular-file';
import { LegacyAccountEntity } from '../entities/legacy-account.entity';
import { Argon2Params, DEFAULT_ARGON2_PARAMS, mapWithConcurrency, verifyWrappedLegacyHash, wrapLegacyHash } from '../legacy-verifier';
import { interpretLegacyAccountRow, LEGACY_ACCOUNT_COLUMNS, LegacyAccountRecord } from './legacy-account-row';

const BATCH = 500;
const LOOKUP_CHUNK = 5000;

/** Options of {@link importLegacyAccounts}. */
export interface LegacyAccountImportOptions {
  readonly file: string;
  readonly actor: string;
  readonly onProgress?: ImportProgress;
  /** Argon2id parameters of new verifiers (config LEGACY_ARGON2_*). */
  readonly argon2?: Argon2Params;
  /** Hashes computed at once (config LEGACY_IMPORT_CONCURRENCY). */
  readonly concurrency?: number;
}

/** An accepted row, its organization, and what to do with it. */
interface Planned {
  readonly line: number;
  readonly record: LegacyAccountRecord;
  readonly organization: OrganizationEntity;
  readonly existing: LegacyAccountEntity | undefined;
  /** Filled by the hashing phase: the verifier to store, or `undefined` when the row is unchanged. */
  verifier?: string;
  unchanged?: boolean;
}

/**
 * Import legacy accounts (login names issued by registration authorities in the old system) from
 * a CSV/TSV file (UTF-8 with or without BOM, or GBK). Every legacy hash is wrapped with Argon2id
 * before it is written: the bare hash is never stored. Upserts by login name (ignoring case and
 * width). Rows that cannot be read are rejected and reported; hashing runs in parallel (bounded)
 * before the one transaction that writes everything with its audit event: all or nothing.
 */
export async function importLegacyAccounts(dataSource: DataSource, bytes: Uint8Array, options: LegacyAccountImportOptions): Promise<ImportReport> {
  const started = Date.now();
  const argon2 = options.argon2 ?? DEFAULT_ARGON2_PARAMS;
  const concurrency = options.concurrency ?? Math.max(1, availableParallelism());
  const table = readTabularFile(bytes, LEGACY_ACCOUNT_COLUMNS);
  for (const required of ['login_name', 'hash_scheme']) {
    if (!table.header.includes(required)) throw new Error(`the file has no "${required}" column`);
  }
  if (!table.header.includes('organization_name') && !table.header.includes('organization_external_id')) {
    throw new Error('the file has neither an "organization_name" nor an "organization_external_id" column');
  }
  const warnings: ImportLineNote[] = table.unknownColumns.map((c) => ({ line: 1, message: `column "${c}" is not used and was ignored` }));
  const rejected: ImportLineNote[] = [];
  const read: { line: number; record: LegacyAccountRecord }[] = [];
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    const result = interpretLegacyAccountRow(row.values);
    if (!result.ok) {
      rejected.push({ line: row.lineNumber, message: result.reason });
      continue;
    }
    const duplicateOf = seen.get(result.record.loginNameKey);
    if (duplicateOf) {
      rejected.push({ line: row.lineNumber, message: `login_name "${result.record.loginName}" is the login of line ${duplicateOf} (login names match ignoring case and width)` });
      continue;
    }
    seen.set(result.record.loginNameKey, row.lineNumber);
    for (const w of result.warnings) warnings.push({ line: row.lineNumber, message: w });
    read.push({ line: row.lineNumber, record: result.record });
  }

  const organizations = await organizationIndex(dataSource.manager, read.map((r) => r.record));
  const existing = await existingAccounts(dataSource.manager, read.map((r) => r.record.loginNameKey));
  const planned: Planned[] = [];
  for (const { line, record } of read) {
    const found = organizations.resolve(record);
    if (!found.ok) {
      rejected.push({ line, message: found.reason });
      continue;
    }
    const organization = found.organization;
    const current = existing.get(record.loginNameKey);
    if (current && current.status === 'bound' && current.organizationId !== organization.id) {
      rejected.push({ line, message: `login_name "${record.loginName}" is bound: its organization cannot change` });
      continue;
    }
    if (current?.status === 'bound' && record.status === 'disabled') {
      warnings.push({ line, message: `login_name "${record.loginName}" is bound: status kept (a registrar ends bindings)` });
    }
    if (organization.status !== 'in_formation') {
      warnings.push({ line, message: `organization "${organization.name}" is ${organization.status}: this account cannot be bound (only organizations in formation bind legacy accounts)` });
    }
    planned.push({ line, record, organization, existing: current });
  }

  // The slow part: one Argon2id per row (a verify for existing rows, a hash where the credentials are new).
  await mapWithConcurrency(planned, concurrency, async (plan) => {
    const input = plan.record.credential.wrapInput;
    const current = plan.existing;
    const sameCredential = current !== undefined
      && current.scheme === plan.record.credential.scheme
      && current.legacySalt === plan.record.credential.salt
      && (await verifyWrappedLegacyHash(current.verifier, input));
    plan.unchanged = sameCredential && current.organizationId === plan.organization.id && current.loginName === plan.record.loginName
      && (current.status === 'bound' || current.status === plan.record.status);
    plan.verifier = sameCredential ? current.verifier : await wrapLegacyHash(input, argon2);
  }, (done) => options.onProgress?.(done, planned.length));

  let imported = 0;
  let updated = 0;
  let unchanged = 0;
  await dataSource.transaction(async (manager) => {
    const inserts: LegacyAccountEntity[] = [];
    for (const plan of planned) {
      const { record, organization, existing: current } = plan;
      if (!current) {
        inserts.push(manager.create(LegacyAccountEntity, {
          id: randomUUID(),
          organizationId: organization.id,
          loginName: record.loginName,
          loginNameKey: record.loginNameKey,
          scheme: record.credential.scheme,
          legacySalt: record.credential.salt,
          verifier: plan.verifier!,
          status: record.status,
          boundBindingId: null,
          boundAt: null,
          version: 1,
        }));
        continue;
      }
      if (plan.unchanged) {
        unchanged++;
        continue;
      }
      // Optimistic: a binding (or another import) that changed the row since it was read aborts the import.
      const result = await manager.createQueryBuilder()
        .update(LegacyAccountEntity)
        .set({
          organizationId: organization.id,
          loginName: record.loginName,
          scheme: record.credential.scheme,
          legacySalt: record.credential.salt,
          verifier: plan.verifier!,
          ...(current.status === 'bound' ? {} : { status: record.status }),
          version: current.version + 1,
        })
        .where('id = :id AND version = :version', { id: current.id, version: current.version })
        .execute();
      if (result.affected !== 1) throw new Error(`line ${plan.line}: login_name "${record.loginName}" changed during the import (bound meanwhile?); nothing was imported, run it again`);
      updated++;
    }
    for (let i = 0; i < inserts.length; i += BATCH) {
      await manager.insert(LegacyAccountEntity, inserts.slice(i, i + BATCH));
    }
    imported = inserts.length;
    await manager.insert(AuditEventEntity, auditRow({
      actorKind: 'operator',
      actor: options.actor,
      action: 'registry.legacy_accounts_imported',
      targetType: 'registry',
      outcome: 'success',
      details: {
        file: options.file,
        rows: table.rows.length,
        imported,
        updated,
        unchanged,
        rejected: rejected.length,
        warnings: warnings.length,
        argon2: `m=${argon2.memoryKib},t=${argon2.timeCost},p=${argon2.parallelism}`,
      },
    }));
  });
  rejected.sort((a, b) => a.line - b.line);
  warnings.sort((a, b) => a.line - b.line);
  return {
    kind: 'legacy-accounts',
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

/** Organizations of the file, by external id and by exact name (names need not be unique). */
async function organizationIndex(manager: EntityManager, records: readonly LegacyAccountRecord[]) {
  const byExternal = new Map<string, OrganizationEntity>();
  const byName = new Map<string, OrganizationEntity[]>();
  const externalIds = [...new Set(records.map((r) => r.organizationExternalId).filter((v): v is string => !!v))];
  const names = [...new Set(records.map((r) => r.organizationName).filter((v): v is string => !!v))];
  for (let i = 0; i < externalIds.length; i += LOOKUP_CHUNK) {
    for (const o of await manager.find(OrganizationEntity, { where: { externalId: In(externalIds.slice(i, i + LOOKUP_CHUNK)) } })) byExternal.set(o.externalId!, o);
  }
  for (let i = 0; i < names.length; i += LOOKUP_CHUNK) {
    for (const o of await manager.find(OrganizationEntity, { where: { name: In(names.slice(i, i + LOOKUP_CHUNK)) } })) {
      byName.set(o.name, [...(byName.get(o.name) ?? []), o]);
    }
  }
  return {
    resolve(record: LegacyAccountRecord): { ok: true; organization: OrganizationEntity } | { ok: false; reason: string } {
      if (record.organizationExternalId) {
        const organization = byExternal.get(record.organizationExternalId);
        if (!organization) return { ok: false, reason: `no organization has external_id ${record.organizationExternalId}` };
        if (record.organizationName && record.organizationName !== organization.name) {
          return { ok: false, reason: `organization_name "${record.organizationName}" is not the name of organization ${record.organizationExternalId} ("${organization.name}")` };
        }
        return { ok: true, organization };
      }
      const candidates = byName.get(record.organizationName!) ?? [];
      if (candidates.length === 0) return { ok: false, reason: `no organization is named "${record.organizationName}" (the name must be exact; or give organization_external_id)` };
      if (candidates.length > 1) return { ok: false, reason: `${candidates.length} organizations are named "${record.organizationName}": give organization_external_id` };
      return { ok: true, organization: candidates[0] };
    },
  };
}

/** Existing accounts by login-name key, with their verifiers (to tell unchanged rows). */
async function existingAccounts(manager: EntityManager, keys: readonly string[]): Promise<Map<string, LegacyAccountEntity>> {
  const found = new Map<string, LegacyAccountEntity>();
  for (let i = 0; i < keys.length; i += LOOKUP_CHUNK) {
    const rows = await manager
      .createQueryBuilder(LegacyAccountEntity, 'account')
      .addSelect('account.verifier')
      .where('account.loginNameKey IN (:...keys)', { keys: keys.slice(i, i + LOOKUP_CHUNK) })
      .getMany();
    for (const row of rows) found.set(row.loginNameKey, row);
  }
  return found;
}
