import { CanActivate, ExecutionContext, Injectable, createParamDecorator } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { platformAccountKey, PlatformPrincipal } from '../auth/platform-principal';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { requestIdOf } from '../common/http/request-id';
import { registrarAuthorityCodes } from '../registry/registrar-roster';
import { RegistrarPrincipal } from './registrar-principal';

type RegistrarRequest = FastifyRequest & { user?: PlatformPrincipal; registrar?: RegistrarPrincipal };

/**
 * After {@link PlatformAuthGuard}: the platform account must be on the registrar roster
 * (`registrar` ↔ `registrar_authority`); its authorities come from the roster only, never from
 * a token claim. Not on the roster: 403 FORBIDDEN (audited as denied). The endpoint's
 * existence is public (OpenAPI), so the 403 leaks nothing; an application of another authority
 * is a 404 further on.
 */
@Injectable()
export class RegistrarGuard implements CanActivate {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RegistrarRequest>();
    const user = request.user;
    if (!user) throw new DomainError(ErrorCode.TOKEN_MISSING);
    const roster = await registrarAuthorityCodes(this.dataSource.manager, user.issuer, user.subject);
    if (!roster) {
      await this.audit.record({
        actorKind: 'platform_user',
        actor: platformAccountKey(user),
        action: 'review.access_denied',
        outcome: 'denied',
        reason: 'NOT_A_REGISTRAR',
        requestId: requestIdOf(request.raw),
        clientIp: request.ip,
        details: { route: request.routeOptions?.url ?? null },
      });
      throw new DomainError(ErrorCode.FORBIDDEN);
    }
    request.registrar = { registrarId: roster.registrarId, issuer: user.issuer, subject: user.subject, authorityCodes: roster.authorityCodes };
    return true;
  }
}

/** The registrar of the request (set by {@link RegistrarGuard}). */
export const CurrentRegistrar = createParamDecorator((_data: unknown, context: ExecutionContext): RegistrarPrincipal => {
  const registrar = context.switchToHttp().getRequest<RegistrarRequest>().registrar;
  if (!registrar) throw new Error('RegistrarGuard did not run');
  return registrar;
});
