import { ErrorCode } from '../common/errors/error-codes';

/**
 * Pure rules for the platform's answer about an opaque access token: an RFC 7662 introspection
 * response, or an OIDC UserInfo response (OIDC Core §5.3.2). Both are turned into the same
 * claims record a verified JWT yields (`iss`, `sub`, `exp`, the platform's own claims), so the
 * claim mapping (`CLAIM_*`) and the resolution are the same in every `PLATFORM_TOKEN_MODE`.
 */

/** What the answer is checked against (the configuration of the platform). */
export interface OpaqueAnswerExpectations {
  /** `PLATFORM_ISSUER`: `iss` must equal it when present, and stands in for it when absent. */
  readonly issuer: string;
  /** `PLATFORM_AUDIENCE`: `aud` (a string or an array) must contain it when present. */
  readonly audience: string;
  /** `PLATFORM_CLOCK_SKEW_SECONDS`. */
  readonly clockSkewSeconds: number;
  /** Now, in seconds since the epoch. */
  readonly nowSeconds: number;
}

/** The token is not acceptable, for the reason the code names (TOKEN_INVALID or TOKEN_EXPIRED). */
export class OpaqueTokenRejectedError extends Error {
  constructor(
    readonly code: typeof ErrorCode.TOKEN_INVALID | typeof ErrorCode.TOKEN_EXPIRED,
    /** Why, for logs and tests (never shown to the caller beyond the code). */
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'OpaqueTokenRejectedError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Token types RFC 7662 §2.2 answers for a bearer access token (RFC 6750; some platforms say `access_token`). */
const ACCEPTED_TOKEN_TYPES = new Set(['bearer', 'access_token']);

/**
 * Check an introspection answer (RFC 7662 §2.2) and return the token's claims.
 *
 * - `active` must be `true` (anything else: TOKEN_INVALID, e.g. a revoked token);
 * - `token_type`, when present, must be `Bearer` (case-insensitive) or `access_token`;
 * - `exp`, when present, must be a number not past (with the skew), else TOKEN_EXPIRED;
 *   `nbf`, when present, not in the future (with the skew);
 * - `iss`, when present, must equal the expected issuer; `aud`, when present, must contain the
 *   expected audience.
 *
 * @returns the claims with `iss` set (the expected issuer when the answer has none).
 * @throws OpaqueTokenRejectedError
 */
export function claimsFromIntrospection(answer: unknown, expected: OpaqueAnswerExpectations): Record<string, unknown> {
  if (!isRecord(answer) || answer.active !== true) throw new OpaqueTokenRejectedError(ErrorCode.TOKEN_INVALID, 'the platform answers the token is not active');
  const tokenType = answer.token_type;
  if (tokenType !== undefined && (typeof tokenType !== 'string' || !ACCEPTED_TOKEN_TYPES.has(tokenType.toLowerCase()))) {
    throw new OpaqueTokenRejectedError(ErrorCode.TOKEN_INVALID, `token_type ${String(tokenType)} is not a bearer access token`);
  }
  checkTimes(answer, expected);
  checkIssuerAndAudience(answer, expected);
  return { ...answer, iss: answer.iss ?? expected.issuer };
}

/**
 * Check a UserInfo answer (OIDC Core §5.3.2): a JSON object with a string `sub`. It carries no
 * expiry; `iss`/`aud`, when a platform adds them, are checked as for introspection.
 *
 * @returns the claims with `iss` set (the expected issuer when the answer has none).
 * @throws OpaqueTokenRejectedError
 */
export function claimsFromUserInfo(answer: unknown, expected: OpaqueAnswerExpectations): Record<string, unknown> {
  if (!isRecord(answer) || typeof answer.sub !== 'string' || answer.sub === '') {
    throw new OpaqueTokenRejectedError(ErrorCode.TOKEN_INVALID, 'the UserInfo answer has no sub');
  }
  checkTimes(answer, expected);
  checkIssuerAndAudience(answer, expected);
  return { ...answer, iss: answer.iss ?? expected.issuer };
}

function checkTimes(answer: Record<string, unknown>, expected: OpaqueAnswerExpectations): void {
  const { exp, nbf } = answer;
  if (exp !== undefined) {
    if (typeof exp !== 'number' || !Number.isFinite(exp)) throw new OpaqueTokenRejectedError(ErrorCode.TOKEN_INVALID, 'exp is not a number');
    if (exp + expected.clockSkewSeconds <= expected.nowSeconds) throw new OpaqueTokenRejectedError(ErrorCode.TOKEN_EXPIRED, 'the token has expired');
  }
  if (nbf !== undefined) {
    if (typeof nbf !== 'number' || !Number.isFinite(nbf)) throw new OpaqueTokenRejectedError(ErrorCode.TOKEN_INVALID, 'nbf is not a number');
    if (nbf - expected.clockSkewSeconds > expected.nowSeconds) throw new OpaqueTokenRejectedError(ErrorCode.TOKEN_INVALID, 'the token is not valid yet');
  }
}

function checkIssuerAndAudience(answer: Record<string, unknown>, expected: OpaqueAnswerExpectations): void {
  if (answer.iss !== undefined && answer.iss !== expected.issuer) {
    throw new OpaqueTokenRejectedError(ErrorCode.TOKEN_INVALID, `iss ${String(answer.iss)} is not the platform`);
  }
  const aud = answer.aud;
  if (aud !== undefined) {
    const audiences = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud : null;
    if (audiences === null || !audiences.includes(expected.audience)) {
      throw new OpaqueTokenRejectedError(ErrorCode.TOKEN_INVALID, 'the token is not meant for this audience');
    }
  }
}

/**
 * How long a positive answer may be reused, in milliseconds: never beyond the token's own `exp`,
 * never beyond `maxTtlSeconds`; at least 1 ms (an answer is then shared only by the requests
 * already waiting for it).
 */
export function positiveAnswerTtlMs(claims: Record<string, unknown>, maxTtlSeconds: number, nowMs: number): number {
  const untilExpiry = typeof claims.exp === 'number' ? claims.exp * 1000 - nowMs : Number.POSITIVE_INFINITY;
  return Math.max(1, Math.floor(Math.min(maxTtlSeconds * 1000, untilExpiry)));
}
