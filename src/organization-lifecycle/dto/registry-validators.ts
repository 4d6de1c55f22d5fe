import { ValidateBy, ValidationOptions } from 'class-validator';
import { findForbiddenNameCharacters } from '../../identity-claims/domain/name-input-checks';
import { isWhitespaceChar } from '../../identity-claims/domain/name-characters';
import { resolveDivisionCode } from '../../registry/domain/divisions';
import { isCalendarDate } from '../domain/registry-record';

/** Longest certificate name accepted, in code points. */
export const CERTIFICATE_NAME_MAX_LENGTH = 200;

/** A certificate name: stored exactly as given, so it must be clean (no invisible or edge white space). */
export function isCertificateName(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const chars = [...value];
  if (chars.length === 0 || chars.length > CERTIFICATE_NAME_MAX_LENGTH) return false;
  if (isWhitespaceChar(chars[0]) || isWhitespaceChar(chars[chars.length - 1])) return false;
  return findForbiddenNameCharacters(value).length === 0;
}

/** The exact legal name as on the registration certificate (constraint `isCertificateName`). */
export const IsCertificateName = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy({ name: 'isCertificateName', validator: { validate: isCertificateName, defaultMessage: () => '$property must be a clean certificate name' } }, options);

/** A real calendar date `YYYY-MM-DD` (constraint `isDateOnly`). */
export const IsDateOnly = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy({
    name: 'isDateOnly',
    validator: { validate: (v: unknown) => typeof v === 'string' && isCalendarDate(v), defaultMessage: () => '$property must be a date YYYY-MM-DD' },
  }, options);

/** A current or historical Liaoning GB/T 2260 code (constraint `isLiaoningDivision`). */
export const IsLiaoningDivision = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy({
    name: 'isLiaoningDivision',
    validator: {
      validate: (v: unknown) => typeof v === 'string' && /^\d{6}$/.test(v) && resolveDivisionCode(v) !== null,
      defaultMessage: () => '$property must be a Liaoning division code',
    },
  }, options);
