import { LifecycleStatus } from './organization-transitions';

/**
 * The registry record the management system (the system of record) syncs for one organization,
 * and the pure rules of the sync: which fields changed, and whether its dates make sense.
 */
export interface RegistryRecord {
  readonly externalId: string | null;
  readonly name: string;
  readonly type: 'social_group' | 'private_non_enterprise' | 'foundation';
  readonly status: LifecycleStatus;
  readonly uscc: string | null;
  readonly authorityCode: string | null;
  readonly divisionCode: string | null;
  /** `YYYY-MM-DD`. */
  readonly establishedAt: string | null;
  /** `YYYY-MM-DD`. */
  readonly deregisteredAt: string | null;
}

/** The synced fields, in a stable order (reported as `changedFields`). */
export const REGISTRY_RECORD_FIELDS = [
  'externalId', 'name', 'type', 'status', 'uscc', 'authorityCode', 'divisionCode', 'establishedAt', 'deregisteredAt',
] as const satisfies readonly (keyof RegistryRecord)[];
export type RegistryRecordField = (typeof REGISTRY_RECORD_FIELDS)[number];

/** The fields whose values differ (exact comparison: names are never normalised). */
export function changedRecordFields(current: RegistryRecord, desired: RegistryRecord): RegistryRecordField[] {
  return REGISTRY_RECORD_FIELDS.filter((field) => current[field] !== desired[field]);
}

/** A rejected date field. */
export interface RecordDateProblem {
  readonly field: 'establishedAt' | 'deregisteredAt';
  readonly constraint: 'notInFuture' | 'notBeforeEstablishment' | 'onlyWhenDeregistered' | 'onlyWhenEstablished';
}

/**
 * Dates of a record: none after `today` (the registry's calendar day, Asia/Shanghai); a
 * deregistration date only for a deregistered organization and not before establishment; no
 * establishment date for an organization still in formation.
 */
export function checkRecordDates(
  record: Pick<RegistryRecord, 'status' | 'establishedAt' | 'deregisteredAt'>,
  today: string,
): RecordDateProblem[] {
  const problems: RecordDateProblem[] = [];
  if (record.establishedAt !== null) {
    if (record.status === 'in_formation') problems.push({ field: 'establishedAt', constraint: 'onlyWhenEstablished' });
    else if (record.establishedAt > today) problems.push({ field: 'establishedAt', constraint: 'notInFuture' });
  }
  if (record.deregisteredAt !== null) {
    if (record.status !== 'deregistered') problems.push({ field: 'deregisteredAt', constraint: 'onlyWhenDeregistered' });
    else if (record.deregisteredAt > today) problems.push({ field: 'deregisteredAt', constraint: 'notInFuture' });
    else if (record.establishedAt !== null && record.deregisteredAt < record.establishedAt) {
      problems.push({ field: 'deregisteredAt', constraint: 'notBeforeEstablishment' });
    }
  }
  return problems;
}

/** Is `text` a real calendar date written `YYYY-MM-DD`? */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]);
}
