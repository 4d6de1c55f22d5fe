import { isLegacyHashScheme, LEGACY_HASH_SCHEMES, LegacyCredential, readLegacyCredential } from '../domain/legacy-hash';
import { loginNameKey, loginNameProblem } from '../domain/login-name';

/**
 * Columns of a legacy-account file (`npm run import -- legacy-accounts FILE`). The organization
 * is found by `organization_external_id` (the management system's id, as in the organization
 * import's `external_id`) and/or by its exact `organization_name`.
 */
export const LEGACY_ACCOUNT_COLUMNS = [
  'login_name',
  'organization_name',
  'organization_external_id',
  'hash_scheme',
  'password_hash',
  'salt',
  'password',
  'status',
] as const;

/** Statuses a file may set; `bound` only comes from a binding. */
export const IMPORTABLE_STATUSES = ['unbound', 'disabled'] as const;
export type ImportableStatus = (typeof IMPORTABLE_STATUSES)[number];

/** A legacy-account row as read (credential not yet wrapped). */
export interface LegacyAccountRecord {
  readonly loginName: string;
  readonly loginNameKey: string;
  readonly organizationName: string | null;
  readonly organizationExternalId: string | null;
  readonly credential: LegacyCredential;
  readonly status: ImportableStatus;
}

/** Result of reading one row. Reasons and warnings never quote a password or hash. */
export type LegacyAccountRowReading =
  | { readonly ok: true; readonly record: LegacyAccountRecord; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly reason: string };

const EDGE_SPACE = /^[\s\u3000]+|[\s\u3000]+$/gu;

/** Read one row of a legacy-account file. Pure: no Nest or TypeORM. */
export function interpretLegacyAccountRow(values: Readonly<Record<string, string>>): LegacyAccountRowReading {
  const warnings: string[] = [];
  const rawLogin = values.login_name ?? '';
  const loginName = rawLogin.replace(EDGE_SPACE, '');
  const loginProblem = loginNameProblem(loginName);
  if (loginProblem) return { ok: false, reason: loginProblem };
  if (loginName !== rawLogin) warnings.push('leading/trailing spaces removed from login_name');

  const rawOrganizationName = values.organization_name ?? '';
  const organizationName = rawOrganizationName.replace(EDGE_SPACE, '') || null;
  if (organizationName && organizationName !== rawOrganizationName) warnings.push('leading/trailing spaces removed from organization_name');
  const organizationExternalId = (values.organization_external_id ?? '').trim() || null;
  if (!organizationName && !organizationExternalId) return { ok: false, reason: 'organization_name or organization_external_id is required' };

  const rawScheme = (values.hash_scheme ?? '').trim().toLowerCase();
  if (!rawScheme) return { ok: false, reason: 'hash_scheme is required' };
  if (!isLegacyHashScheme(rawScheme)) return { ok: false, reason: `hash_scheme "${rawScheme}" is not one of ${LEGACY_HASH_SCHEMES.join(', ')}` };
  const reading = readLegacyCredential(rawScheme, { hash: values.password_hash ?? '', salt: values.salt ?? '', password: values.password ?? '' });
  if (!reading.ok) return { ok: false, reason: reading.reason };

  const rawStatus = (values.status ?? '').trim().toLowerCase() || 'unbound';
  if (!(IMPORTABLE_STATUSES as readonly string[]).includes(rawStatus)) {
    return { ok: false, reason: `status "${rawStatus}" is not one of ${IMPORTABLE_STATUSES.join(', ')} (bound comes only from a binding)` };
  }

  return {
    ok: true,
    record: {
      loginName,
      loginNameKey: loginNameKey(loginName),
      organizationName,
      organizationExternalId,
      credential: reading.credential,
      status: rawStatus as ImportableStatus,
    },
    warnings,
  };
}
