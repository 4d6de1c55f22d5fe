import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ApiBearerAuth, ApiForbiddenResponse, ApiServiceUnavailableResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { ProblemDocumentDto } from '../common/errors/problem.dto';
import { InvalidClaimsError } from './claims';
import { tokenErrorCode } from './platform-auth.guard';
import { SERVICE_CLIENT_STRATEGY } from './bearer-token.strategy';
import { ServicePrincipal, ServiceScope } from './service-principal';

const REQUIRED_SCOPES = 'orgbind:requiredScopes';

/** Requires a valid service-client token (401 problem+json otherwise). */
@Injectable()
export class ServiceAuthGuard extends AuthGuard(SERVICE_CLIENT_STRATEGY) {
  override handleRequest<TUser = ServicePrincipal>(err: unknown, user: unknown, info: unknown): TUser {
    if (err instanceof InvalidClaimsError) throw new DomainError(ErrorCode.TOKEN_CLAIMS_INVALID);
    if (err instanceof DomainError) throw err;
    if (user) return user as TUser;
    throw new DomainError(tokenErrorCode(err ?? info));
  }
}

/** Requires every scope set by {@link RequireServiceScopes} (403 FORBIDDEN otherwise). */
@Injectable()
export class ServiceScopeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<ServiceScope[]>(REQUIRED_SCOPES, [context.getHandler(), context.getClass()]) ?? [];
    const principal = context.switchToHttp().getRequest<{ user?: ServicePrincipal }>().user;
    if (!principal || !required.every((scope) => principal.scopes.has(scope))) throw new DomainError(ErrorCode.FORBIDDEN);
    return true;
  }
}

/**
 * Protect a controller or route for service clients holding all of `scopes`
 * (token verified as for users; scopes from the `scope` claim).
 */
export function RequireServiceScopes(...scopes: ServiceScope[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(REQUIRED_SCOPES, scopes),
    UseGuards(ServiceAuthGuard, ServiceScopeGuard),
    ApiBearerAuth('service'),
    ApiUnauthorizedResponse({ type: ProblemDocumentDto, description: 'TOKEN_MISSING, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_CLAIMS_INVALID' }),
    ApiServiceUnavailableResponse({ type: ProblemDocumentDto, description: 'PLATFORM_UNAVAILABLE (PLATFORM_SERVICE_TOKEN_MODE=introspection): the platform did not answer about the token in time; `Retry-After`. Also SERVICE_UNAVAILABLE.' }),
    ApiForbiddenResponse({ type: ProblemDocumentDto, description: `FORBIDDEN: the token lacks scope ${scopes.join(' ')}` }),
  );
}
