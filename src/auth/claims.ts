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

function optionalString(payload: Record<string, unknown>, claim: string): string | undefined {
  const value = payload[claim];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > MAX_CLAIM_LENGTH) throw new InvalidClaimsError(claim);
  return value;
}

/**
 * Map a verified JWT payload to the principal, using the configured claim names.
 * @throws InvalidClaimsError when `sub` or the user type is missing or unknown, or a claim is not a string.
 */
export function principalFromPayload(
  payload: Record<string, unknown>,
  claims: AppConfig['platform']['claims'],
): PlatformPrincipal {
  const issuer = optionalString(payload, 'iss');
  const subject = optionalString(payload, 'sub');
  if (!issuer) throw new InvalidClaimsError('iss');
  if (!subject) throw new InvalidClaimsError('sub');
  const userType = optionalString(payload, claims.userType);
  if (!userType || !(USER_TYPES as readonly string[]).includes(userType)) throw new InvalidClaimsError(claims.userType);
  return {
    issuer,
    subject,
    userType: userType as UserType,
    name: optionalString(payload, claims.name),
    uscc: optionalString(payload, claims.uscc),
    residentId: optionalString(payload, claims.residentId),
    phone: optionalString(payload, claims.phone),
    verificationLevel: optionalString(payload, claims.verificationLevel),
    tokenId: optionalString(payload, 'jti'),
  };
}
