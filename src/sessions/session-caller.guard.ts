import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { PlatformAuthGuard } from '../auth/platform-auth.guard';
import { PlatformPrincipal } from '../auth/platform-principal';
import { ServiceAuthGuard } from '../auth/service-auth.guard';
import { ServicePrincipal, ServiceScope } from '../auth/service-principal';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';

/** Who checks or ends a session: its owner (the platform user who opened it) or the management system. */
export type SessionCaller =
  | { readonly kind: 'user'; readonly principal: PlatformPrincipal }
  | { readonly kind: 'service'; readonly service: ServicePrincipal };

interface SessionCallerRequest {
  user?: unknown;
  sessionCaller?: SessionCaller;
}

/**
 * `GET`/`DELETE /v1/sessions/{id}` accept either token:
 * - a service-client token with scope `orgbind:sessions` (the management system checking on each
 *   request, or logging a user out): any session;
 * - a platform user token: only the sessions that account opened (others are 404, not 403, so
 *   session ids cannot be probed).
 * A service token without the scope is 403; a token that is neither is 401.
 */
@Injectable()
export class SessionCallerGuard implements CanActivate {
  constructor(
    private readonly serviceGuard: ServiceAuthGuard,
    private readonly platformGuard: PlatformAuthGuard,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<SessionCallerRequest>();
    await this.serviceGuard.canActivate(context);
    const service = request.user as ServicePrincipal;
    if (service.scopes.has(ServiceScope.SESSIONS)) {
      request.sessionCaller = { kind: 'service', service };
      return true;
    }
    try {
      await this.platformGuard.canActivate(context);
    } catch (error) {
      // A client token (no user type) with other scopes: authenticated, not allowed.
      if (error instanceof DomainError && error.code === ErrorCode.TOKEN_CLAIMS_INVALID && service.scopes.size > 0) throw new DomainError(ErrorCode.FORBIDDEN);
      throw error;
    }
    request.sessionCaller = { kind: 'user', principal: request.user as PlatformPrincipal };
    return true;
  }
}

/** The caller established by {@link SessionCallerGuard}. */
export const CurrentSessionCaller = createParamDecorator((_data: unknown, context: ExecutionContext): SessionCaller => {
  const caller = context.switchToHttp().getRequest<SessionCallerRequest>().sessionCaller;
  if (!caller) throw new Error('SessionCallerGuard did not run');
  return caller;
});
