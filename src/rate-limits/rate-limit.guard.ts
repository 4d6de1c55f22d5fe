import { applyDecorators, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';

/** Endpoint groups sharing one limit (each has a per-account and a per-IP limit, see AppConfig.rateLimits). */
export type RateLimitGroup = 'binding' | 'application' | 'review';

const RATE_LIMIT_GROUP = 'orgbind:rateLimitGroup';
const reflector = new Reflector();

/** The group of the handler being served (set by {@link RateLimited}). */
export function rateLimitGroupOf(context: ExecutionContext): RateLimitGroup | undefined {
  return reflector.getAllAndOverride<RateLimitGroup | undefined>(RATE_LIMIT_GROUP, [context.getHandler(), context.getClass()]);
}

/**
 * `@nestjs/throttler`'s guard with our answer: a refused request is 429 problem+json
 * `TOO_MANY_REQUESTS` with `Retry-After` (seconds until the window ends), and only handlers
 * marked {@link RateLimited} are limited.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    return Promise.resolve(rateLimitGroupOf(context) === undefined);
  }

  protected override throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    throw new DomainError(ErrorCode.TOO_MANY_REQUESTS, { retryAfterSeconds: seconds }, { retryAfterSeconds: seconds }, { 'retry-after': String(seconds) });
  }
}

/**
 * Limit this handler per platform account and per client IP, with the limits of `group`
 * (shared by every replica). Put it after the authentication guard: the account limit needs the
 * verified principal.
 */
export function RateLimited(group: RateLimitGroup): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(RATE_LIMIT_GROUP, group), UseGuards(RateLimitGuard));
}
