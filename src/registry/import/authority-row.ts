import { resolveDivisionCode } from '../domain/divisions';
import { AUTHORITY_CODE_PATTERN, AuthorityRecord } from '../domain/sample-authorities';

/** Columns of a registration-authority file (`npm run import -- authorities FILE`); `note` is read and ignored. */
export const AUTHORITY_COLUMNS = ['code', 'name', 'division_code', 'level', 'active', 'note'] as const;

/** Result of reading one row: the record with its warnings, or the reason it is rejected. */
export type AuthorityRowInterpretation =
  | { readonly ok: true; readonly record: AuthorityRecord; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly reason: string };

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/u;
const EDGE_SPACE = /^[\s\u3000]+|[\s\u3000]+$/gu;
const TRUE_VALUES = new Set(['true', '1', 'yes', 'y', '是']);
const FALSE_VALUES = new Set(['false', '0', 'no', 'n', '否']);

/**
 * Interpret one authority row. The code is upper-cased; the division must be a current
 * Liaoning division (a historical code is resolved to its successor, with a warning); the
 * level, when given, must be the division's level, and is the division's level otherwise;
 * `active` defaults to true. Pure.
 */
export function interpretAuthorityRow(values: Readonly<Record<string, string>>): AuthorityRowInterpretation {
  const warnings: string[] = [];
  const rawCode = (values.code ?? '').trim();
  const code = rawCode.toUpperCase();
  if (!code) return { ok: false, reason: 'code is required' };
  if (!AUTHORITY_CODE_PATTERN.test(code)) return { ok: false, reason: `code "${rawCode}" must be 2-32 upper-case letters, digits or "-" (e.g. MZ-210311)` };
  if (code !== rawCode) warnings.push(`code upper-cased to ${code}`);

  const rawName = values.name ?? '';
  const name = rawName.replace(EDGE_SPACE, '');
  if (!name) return { ok: false, reason: 'name is required' };
  if (CONTROL.test(name)) return { ok: false, reason: 'name contains control or zero-width characters' };
  if ([...name].length > 100) return { ok: false, reason: 'name longer than 100 characters' };
  if (name !== rawName) warnings.push('leading/trailing spaces removed from name');

  const rawDivision = (values.division_code ?? '').trim();
  if (!rawDivision) return { ok: false, reason: 'division_code is required' };
  const division = resolveDivisionCode(rawDivision);
  if (!division) return { ok: false, reason: `division_code ${rawDivision} is not a Liaoning division (GB/T 2260)` };
  if (division.viaAlias) warnings.push(`division_code ${rawDivision} (${division.viaAlias.historicalName}) is historical: using ${division.code} ${division.name}`);

  const rawLevel = (values.level ?? '').trim().toLowerCase();
  if (rawLevel && rawLevel !== division.level) {
    return { ok: false, reason: `level "${rawLevel}" does not match division ${division.code} ${division.name} (${division.level})` };
  }

  const rawActive = (values.active ?? '').trim().toLowerCase();
  let active = true;
  if (rawActive) {
    if (TRUE_VALUES.has(rawActive)) active = true;
    else if (FALSE_VALUES.has(rawActive)) active = false;
    else return { ok: false, reason: `active "${values.active}" must be true or false` };
  }
  return { ok: true, record: { code, name, divisionCode: division.code, level: division.level, active }, warnings };
}
