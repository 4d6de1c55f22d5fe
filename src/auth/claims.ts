import { USER_TYPES, UserType } from '../bindings/binding.entity';
import { AppConfig } from '../config/app-config';
import { PlatformPrincipal } from './platform-principal';

/** Why a verified token's claims cannot be used. */
export class InvalidClaimsError extends Error {
  constructor(readonly claim: string) {
    super(`claim ${claim} missing or invalid`);
  }
}

const MAX_CLAIM_LENGTH = 512;

// eslint-disable-next-line no-control-regex
const NUL = /\u0000/;

/**
 * A string claim, or undefined when absent. Rejected: non-strings, over 512 UTF-16 units,
 * NUL characters and lone surrogates (not valid Unicode text; PostgreSQL cannot store NUL, and
 * two different lone surrogates would otherwise collapse into one stored value).
 */
function optionalString(payload: Record<string, unknown>, claim: string): string | undefined {
  const value = payload[claim];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > MAX_CLAIM_LENGTH || NUL.test(value) || !value.isWellFormed()) {
    throw new InvalidClaimsError(claim);
  }
  return value;
}

/** A token without an expiry never expires: refused (RFC 9068 §2.2 makes `exp` required for access tokens). */
export class MissingExpiryError extends Error {
  constructor() {
    super('token has no exp claim');
  }
}

/**
 * Map a verified JWT payload to the principal, using the configured claim names.
 * @throws MissingExpiryError without `exp`; InvalidClaimsError when `sub` or the user type is
 *   missing or unknown, a legal-person token lacks name or USCC, or a claim is not valid text.
 */
export function principalFromPayload(
  payload: Record<string, unknown>,
  claims: AppConfig['platform']['claims'],
): PlatformPrincipal {
  if (typeof payload.exp !== 'number') throw new MissingExpiryError();
  return principalFromClaims(payload, claims);
}

/**
 * Map the claims of a token the platform vouched for (a verified JWT's payload, or the answer
 * of introspection or UserInfo about an opaque token) to the principal, using the configured
 * claim names. Unlike {@link principalFromPayload} it does not require `exp` (a UserInfo answer
 * has none; the platform checked the token's lifetime).
 * @throws InvalidClaimsError as {@link principalFromPayload}.
 */
export function principalFromClaims(payload: Record<string, unknown>, claims: AppConfig['platform']['claims']): PlatformPrincipal {
  const issuer = optionalString(payload, 'iss');
  const subject = optionalString(payload, 'sub');
  if (!issuer) throw new InvalidClaimsError('iss');
  if (!subject) throw new InvalidClaimsError('sub');
  const userType = optionalString(payload, claims.userType);
  if (!userType || !(USER_TYPES as readonly string[]).includes(userType)) throw new InvalidClaimsError(claims.userType);
  const name = optionalString(payload, claims.name);
  const uscc = optionalString(payload, claims.uscc);
  // A legal-person user is identified by organization name + USCC (guide §二(二)1): both are required.
  if (userType === 'legal_person') {
    if (!name || name.trim() === '') throw new InvalidClaimsError(claims.name);
    if (!uscc || uscc.trim() === '') throw new InvalidClaimsError(claims.uscc);
  }
  return {
    issuer,
    subject,
    userType: userType as UserType,
    name,
    uscc,
    residentId: optionalString(payload, claims.residentId),
    phone: optionalString(payload, claims.phone),
    verificationLevel: optionalString(payload, claims.verificationLevel),
    tokenId: optionalString(payload, 'jti'),
  };
}
