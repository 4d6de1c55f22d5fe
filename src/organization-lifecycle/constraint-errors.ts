import { uniqueViolation } from '../bindings/bindings.repository';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';

/** PostgreSQL foreign-key-violation constraint name, when `error` is one. */
export function foreignKeyViolation(error: unknown): string | null {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError ?? (error as { code?: string; constraint?: string });
  return driverError && driverError.code === '23503' ? (driverError.constraint ?? 'unknown') : null;
}

/**
 * Map the registry's constraint violations to their problems: the USCC unique index decides
 * concurrent claims of one code (409 USCC_ALREADY_REGISTERED); the authority foreign key
 * catches an authority removed meanwhile (422). Anything else is rethrown.
 */
export function mapRegistryConstraintError(error: unknown, values: { uscc: string | null; authorityCode: string | null }): never {
  if (uniqueViolation(error) === 'ux_organization_uscc') throw new DomainError(ErrorCode.USCC_ALREADY_REGISTERED, { uscc: values.uscc ?? '' });
  if (foreignKeyViolation(error) === 'fk_organization_authority') {
    throw new DomainError(ErrorCode.REGISTRATION_AUTHORITY_NOT_FOUND, { authorityCode: values.authorityCode ?? '' });
  }
  throw error;
}
