import { resolveDivisionCode } from '../domain/divisions';
import { normalizeUscc, usccCategoryToOrganizationType, validateUscc } from '../domain/uscc';
import { ORGANIZATION_STATUSES, ORGANIZATION_TYPES, OrganizationStatus, OrganizationType } from '../entities/organization.entity';

/** Columns of an organization registry file (`npm run import -- organizations FILE`). */
export const ORGANIZATION_COLUMNS = ['name', 'uscc', 'type', 'status', 'division_code', 'authority_code', 'external_id', 'established_at'] as const;

/** An organization row as it will be written. */
export interface OrganizationRecord {
  readonly name: string;
  readonly uscc: string | null;
  readonly type: OrganizationType;
  readonly status: OrganizationStatus;
  readonly divisionCode: string | null;
  readonly authorityCode: string | null;
  readonly externalId: string | null;
  readonly establishedAt: string | null;
}

/** Result of reading one row: the record with its warnings, or the reason it is rejected. */
export type RowInterpretation =
  | { readonly ok: true; readonly record: OrganizationRecord; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly reason: string };

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/u;
const EDGE_SPACE = /^[\s\u3000]+|[\s\u3000]+$/gu;
const ISO_DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;

/**
 * Interpret one registry row. Registry data is authoritative: a real USCC that fails a check
 * character is kept with a warning (only codes that cannot be a USCC at all, wrong length or
 * characters, are rejected). Type comes from the USCC category (GB 32100-2015 position 2) when
 * absent; status is `established` when a USCC is given; the division comes from USCC positions
 * 3-8 (resolving historical codes) when absent.
 */
export function interpretOrganizationRow(values: Readonly<Record<string, string>>): RowInterpretation {
  const warnings: string[] = [];
  const rawName = values.name ?? '';
  const name = rawName.replace(EDGE_SPACE, '');
  if (name.length === 0) return { ok: false, reason: 'name is required' };
  if (CONTROL.test(name)) return { ok: false, reason: 'name contains control or zero-width characters' };
  if (name !== rawName) warnings.push('leading/trailing spaces removed from name');
  if ([...name].length > 200) return { ok: false, reason: 'name longer than 200 characters' };

  let uscc: string | null = null;
  let usccType: OrganizationType | null = null;
  let usccDivision: string | null = null;
  const rawUscc = (values.uscc ?? '').trim();
  if (rawUscc) {
    const normalized = normalizeUscc(rawUscc);
    if (normalized !== rawUscc) warnings.push(`uscc normalised from "${rawUscc}" to "${normalized}"`);
    const check = validateUscc(normalized);
    if (!check.valid) {
      if (check.rule === 'LENGTH' || check.rule === 'CHARSET') return { ok: false, reason: `uscc ${normalized}: ${check.message}` };
      for (const v of check.violations) warnings.push(`uscc ${normalized} fails ${v.rule}: ${v.message} (imported: registry data is authoritative)`);
    }
    uscc = normalized;
    const parts = check.valid
      ? { registrationDepartmentCode: normalized[0], categoryCode: normalized[1], divisionCode: normalized.slice(2, 8) }
      : check.parts;
    if (parts) {
      usccType = usccCategoryToOrganizationType(parts.categoryCode, parts.registrationDepartmentCode);
      usccDivision = parts.divisionCode;
    }
  }

  const rawType = (values.type ?? '').trim();
  let type: OrganizationType;
  if (rawType) {
    if (!(ORGANIZATION_TYPES as readonly string[]).includes(rawType)) {
      return { ok: false, reason: `type "${rawType}" is not one of ${ORGANIZATION_TYPES.join(', ')}` };
    }
    type = rawType as OrganizationType;
    if (usccType && usccType !== type) warnings.push(`type ${type} differs from the USCC category (${usccType})`);
  } else if (usccType) {
    type = usccType;
  } else {
    return { ok: false, reason: 'type is required when the USCC does not tell it (civil-affairs category 1/2/3)' };
  }

  const rawStatus = (values.status ?? '').trim();
  let status: OrganizationStatus;
  if (rawStatus) {
    if (!(ORGANIZATION_STATUSES as readonly string[]).includes(rawStatus)) {
      return { ok: false, reason: `status "${rawStatus}" is not one of ${ORGANIZATION_STATUSES.join(', ')}` };
    }
    status = rawStatus as OrganizationStatus;
  } else {
    status = uscc ? 'established' : 'in_formation';
  }
  if (status === 'established' && !uscc) return { ok: false, reason: 'an established organization needs its USCC' };

  let divisionCode: string | null = null;
  const rawDivision = (values.division_code ?? '').trim();
  const divisionSource = rawDivision || usccDivision;
  if (divisionSource) {
    const resolved = resolveDivisionCode(divisionSource);
    if (resolved) {
      divisionCode = resolved.code;
      if (resolved.viaAlias) warnings.push(`division ${divisionSource} (${resolved.viaAlias.historicalName}) is historical: recorded as ${resolved.code} ${resolved.name}`);
    } else if (rawDivision) {
      return { ok: false, reason: `division_code ${rawDivision} is not a Liaoning division (GB/T 2260)` };
    } else {
      warnings.push(`USCC division ${divisionSource} is not a Liaoning division: division left empty`);
    }
  }

  const authorityCode = (values.authority_code ?? '').trim() || null;
  const externalId = (values.external_id ?? '').trim() || null;
  if (externalId && externalId.length > 100) return { ok: false, reason: 'external_id longer than 100 characters' };

  let establishedAt: string | null = null;
  const rawDate = (values.established_at ?? '').trim();
  if (rawDate) {
    const m = ISO_DATE.exec(rawDate);
    const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
    if (!m || !date || date.getUTCMonth() !== Number(m[2]) - 1 || date.getUTCDate() !== Number(m[3])) {
      return { ok: false, reason: `established_at "${rawDate}" is not a date (YYYY-MM-DD)` };
    }
    establishedAt = date.toISOString().slice(0, 10);
  }

  return { ok: true, record: { name, uscc, type, status, divisionCode, authorityCode, externalId, establishedAt }, warnings };
}
