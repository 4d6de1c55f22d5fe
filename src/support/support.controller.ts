import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuditEventsService } from '../audit/audit-events.service';
import { AuditScope } from '../audit/audit-scope';
import { AuditEventQueryDto } from '../audit/dto/audit-event-query.dto';
import { AuditEventListResponseDto } from '../audit/dto/audit-event-response.dto';
import { PlatformAuthGuard } from '../auth/platform-auth.guard';
import { ProblemDocumentDto } from '../common/errors/problem.dto';
import { UuidParamPipe } from '../common/http/id-param.pipe';
import { CurrentRequest, RequestMeta } from '../common/http/request-meta';
import { RegistrarPrincipal, registrarKey } from '../registrar-review/registrar-principal';
import { CurrentRegistrar, RegistrarGuard } from '../registrar-review/registrar.guard';
import {
  ClearSupportLockoutDto, LockoutResponseDto, RevokeBindingDto, RevokedBindingResponseDto, SearchOrganizationsDto, SupportOrganizationDetailDto,
  SupportOrganizationPageDto,
} from './dto/support.dto';
import { SupportActor, SupportService } from './support.service';

const NOT_IN_JURISDICTION = 'NOT_FOUND: no such record among your authorities\' organizations (another jurisdiction answers exactly like a missing record)';

/**
 * Support tools of registrars (guide: users who cannot bind "contact the authority, who will look
 * it up"): only organizations of the registrar's authorities, from the roster. Not a registrar:
 * 403 FORBIDDEN. Another jurisdiction: 404 NOT_FOUND.
 */
@ApiTags('support')
@ApiBearerAuth('platform')
@Controller({ path: 'support', version: '1' })
@UseGuards(PlatformAuthGuard, RegistrarGuard)
@ApiUnauthorizedResponse({ type: ProblemDocumentDto, description: 'TOKEN_MISSING, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_CLAIMS_INVALID' })
@ApiForbiddenResponse({ type: ProblemDocumentDto, description: 'FORBIDDEN: the platform account is not on the registrar roster' })
export class SupportController {
  constructor(
    private readonly support: SupportService,
    private readonly auditEvents: AuditEventsService,
  ) {}

  @Post('organizations/search')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'searchSupportOrganizations',
    summary: 'Find organizations of my authorities',
    description:
      'Exactly one of: USCC, exact name, a name fragment (wildcards matched literally), or the resident ID of a bound natural person ' +
      '(exact, through its keyed hash). A POST so that no resident ID appears in a URL. Ordered by name; `cursor` = `nextCursor`. Audited ' +
      '(`support.organizations_searched`, without the searched value).',
  })
  @ApiOkResponse({ type: SupportOrganizationPageDto })
  @ApiBadRequestResponse({ type: ProblemDocumentDto, description: 'VALIDATION_FAILED: not exactly one criterion, a malformed criterion, limit or cursor' })
  search(@CurrentRegistrar() registrar: RegistrarPrincipal, @Body() body: SearchOrganizationsDto, @CurrentRequest() meta: RequestMeta): Promise<SupportOrganizationPageDto> {
    return this.support.search(actorOf(registrar), body, meta);
  }

  @Get('organizations/:id')
  @ApiOperation({
    operationId: 'getSupportOrganization',
    summary: 'An organization of my authorities with its bindings and legacy accounts',
    description:
      'Every binding (kind, status, since/ended, platform user type, platform account, the person masked: name `张*`, resident ID ' +
      '`210***********123X`, mobile `138****5678`) and the legacy accounts (login name, status; never a password or verifier). Audited.',
  })
  @ApiOkResponse({ type: SupportOrganizationDetailDto })
  @ApiNotFoundResponse({ type: ProblemDocumentDto, description: NOT_IN_JURISDICTION })
  organization(@CurrentRegistrar() registrar: RegistrarPrincipal, @Param('id', UuidParamPipe) id: string, @CurrentRequest() meta: RequestMeta): Promise<SupportOrganizationDetailDto> {
    return this.support.organization(actorOf(registrar), id, meta);
  }

  @Post('bindings/:id/revoke')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'revokeSupportBinding',
    summary: 'Revoke a binding of an organization of my authorities',
    description:
      'With a required reason. In one transaction: the binding becomes `revoked`, its sessions end (`binding_revoked`), a legacy account ' +
      'bound through it returns to `unbound` (the rightful person binds again with the old credentials), audit `binding.revoked` and feed ' +
      'events `binding.revoked` + `session.ended`. The platform account then resolves to BINDING_REQUIRED.',
  })
  @ApiOkResponse({ type: RevokedBindingResponseDto })
  @ApiBadRequestResponse({ type: ProblemDocumentDto, description: 'VALIDATION_FAILED: reason missing or longer than 500 characters' })
  @ApiNotFoundResponse({ type: ProblemDocumentDto, description: NOT_IN_JURISDICTION })
  @ApiConflictResponse({ type: ProblemDocumentDto, description: 'BINDING_NOT_ACTIVE: already revoked or superseded' })
  revoke(
    @CurrentRegistrar() registrar: RegistrarPrincipal,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: RevokeBindingDto,
    @CurrentRequest() meta: RequestMeta,
  ): Promise<RevokedBindingResponseDto> {
    return this.support.revoke(actorOf(registrar), id, body.reason, meta);
  }

  @Post('lockouts/clear')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'clearSupportLockout',
    summary: 'Clear a legacy-binding lockout in my jurisdiction',
    description:
      'A legacy login name of an organization of my authorities, or a platform account (`issuer|subject`) bound to such an organization ' +
      'or with a pending application to one of my authorities. Forgets its failures and lifts its lock; audited (`lockout.cleared`, with ' +
      'the reason). Answers the counter as it was.',
  })
  @ApiOkResponse({ type: LockoutResponseDto })
  @ApiBadRequestResponse({ type: ProblemDocumentDto, description: 'VALIDATION_FAILED: kind, key or reason' })
  @ApiNotFoundResponse({ type: ProblemDocumentDto, description: `${NOT_IN_JURISDICTION}; or no failures are counted for this key` })
  clearLockout(@CurrentRegistrar() registrar: RegistrarPrincipal, @Body() body: ClearSupportLockoutDto, @CurrentRequest() meta: RequestMeta): Promise<LockoutResponseDto> {
    return this.support.clearLockout(actorOf(registrar), body, meta);
  }

  @Get('audit-events')
  @ApiOperation({
    operationId: 'listSupportAuditEvents',
    summary: 'The audit trail of my authorities\' organizations',
    description: 'As `GET /v1/audit-events`, restricted to events about organizations of my authorities (or the authorities). The search is audited.',
  })
  @ApiOkResponse({ type: AuditEventListResponseDto })
  @ApiBadRequestResponse({ type: ProblemDocumentDto, description: 'VALIDATION_FAILED: a filter, the cursor or the limit' })
  auditEventsList(@CurrentRegistrar() registrar: RegistrarPrincipal, @Query() query: AuditEventQueryDto, @CurrentRequest() meta: RequestMeta): Promise<AuditEventListResponseDto> {
    return this.auditEvents.list(AuditScope.authorities(registrar.authorityCodes), query, {
      actorKind: 'registrar',
      actor: registrarKey(registrar),
      requestId: meta.requestId,
      clientIp: meta.clientIp,
    });
  }
}

function actorOf(registrar: RegistrarPrincipal): SupportActor {
  return { actorKind: 'registrar', actor: registrarKey(registrar), scope: AuditScope.authorities(registrar.authorityCodes) };
}
