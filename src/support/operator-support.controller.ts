import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditScope } from '../audit/audit-scope';
import { CurrentService } from '../auth/current-service.decorator';
import { RequireServiceScopes } from '../auth/service-auth.guard';
import { ServicePrincipal, ServiceScope } from '../auth/service-principal';
import { ProblemDocumentDto } from '../common/errors/problem.dto';
import { UuidParamPipe } from '../common/http/id-param.pipe';
import { CurrentRequest, RequestMeta } from '../common/http/request-meta';
import { RevokeBindingDto, RevokedBindingResponseDto, SearchOrganizationsDto, SupportOrganizationDetailDto, SupportOrganizationPageDto } from './dto/support.dto';
import { SupportActor, SupportService } from './support.service';

/**
 * The support tools for operators (scope `orgbind:operator`), across all jurisdictions: the same
 * service as the registrars' `/v1/support/...`, with the scope `all`. Operators clear lockouts
 * with `DELETE /v1/lockouts/{kind}/{key}` and read the audit trail with `GET /v1/audit-events`.
 */
@ApiTags('support')
@Controller({ path: 'operator/support', version: '1' })
@RequireServiceScopes(ServiceScope.OPERATOR)
export class OperatorSupportController {
  constructor(private readonly support: SupportService) {}

  @Post('organizations/search')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'searchOperatorOrganizations',
    summary: 'Find organizations (operators, all jurisdictions)',
    description: 'As `POST /v1/support/organizations/search`, across all jurisdictions. Requires scope `orgbind:operator`.',
  })
  @ApiOkResponse({ type: SupportOrganizationPageDto })
  @ApiBadRequestResponse({ type: ProblemDocumentDto, description: 'VALIDATION_FAILED: not exactly one criterion, a malformed criterion, limit or cursor' })
  search(@CurrentService() service: ServicePrincipal, @Body() body: SearchOrganizationsDto, @CurrentRequest() meta: RequestMeta): Promise<SupportOrganizationPageDto> {
    return this.support.search(actorOf(service), body, meta);
  }

  @Get('organizations/:id')
  @ApiOperation({
    operationId: 'getOperatorOrganization',
    summary: 'An organization with its bindings and legacy accounts (operators)',
    description: 'As `GET /v1/support/organizations/{id}`, across all jurisdictions.',
  })
  @ApiOkResponse({ type: SupportOrganizationDetailDto })
  @ApiNotFoundResponse({ type: ProblemDocumentDto, description: 'NOT_FOUND: no such organization' })
  organization(@CurrentService() service: ServicePrincipal, @Param('id', UuidParamPipe) id: string, @CurrentRequest() meta: RequestMeta): Promise<SupportOrganizationDetailDto> {
    return this.support.organization(actorOf(service), id, meta);
  }

  @Post('bindings/:id/revoke')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'revokeOperatorBinding',
    summary: 'Revoke a binding (operators)',
    description: 'As `POST /v1/support/bindings/{id}/revoke`, across all jurisdictions.',
  })
  @ApiOkResponse({ type: RevokedBindingResponseDto })
  @ApiBadRequestResponse({ type: ProblemDocumentDto, description: 'VALIDATION_FAILED: reason missing or too long' })
  @ApiNotFoundResponse({ type: ProblemDocumentDto, description: 'NOT_FOUND: no such binding' })
  @ApiConflictResponse({ type: ProblemDocumentDto, description: 'BINDING_NOT_ACTIVE: already revoked or superseded' })
  revoke(
    @CurrentService() service: ServicePrincipal,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: RevokeBindingDto,
    @CurrentRequest() meta: RequestMeta,
  ): Promise<RevokedBindingResponseDto> {
    return this.support.revoke(actorOf(service), id, body.reason, meta);
  }
}

function actorOf(service: ServicePrincipal): SupportActor {
  return { actorKind: 'service', actor: service.clientId, scope: AuditScope.all() };
}
