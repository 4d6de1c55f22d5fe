import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { InvalidClaimsError } from './claims';
import { PLATFORM_USER_STRATEGY } from './bearer-token.strategy';
import { OpaqueTokenRejectedError } from './opaque-token-answer';
import { PlatformPrincipal } from './platform-principal';

/**
 * Requires a valid platform token (a JWT or an opaque token, by `PLATFORM_TOKEN_MODE`). Every
 * failure is a 401 problem+json with a stable code (TOKEN_MISSING, TOKEN_EXPIRED,
 * TOKEN_CLAIMS_INVALID, TOKEN_INVALID) and nothing more, or 503 PLATFORM_UNAVAILABLE when the
 * platform cannot tell whether an opaque token is valid.
 */
@Injectable()
export class PlatformAuthGuard extends AuthGuard(PLATFORM_USER_STRATEGY) {
  override handleRequest<TUser = PlatformPrincipal>(err: unknown, user: unknown, info: unknown, _context: ExecutionContext): TUser {
    if (err instanceof InvalidClaimsError) throw new DomainError(ErrorCode.TOKEN_CLAIMS_INVALID);
    if (err instanceof DomainError) throw err;
    if (user) return user as TUser;
    throw new DomainError(tokenErrorCode(err ?? info));
  }
}

/** Classify a passport-jwt / jsonwebtoken failure, or an opaque token's refusal. */
export function tokenErrorCode(reason: unknown): ErrorCode {
  if (reason instanceof InvalidClaimsError) return ErrorCode.TOKEN_CLAIMS_INVALID;
  if (reason instanceof OpaqueTokenRejectedError) return reason.code;
  if (reason instanceof Error) {
    if (reason.name === 'TokenExpiredError') return ErrorCode.TOKEN_EXPIRED;
    if (reason.message === 'No auth token') return ErrorCode.TOKEN_MISSING;
  }
  return ErrorCode.TOKEN_INVALID;
}
