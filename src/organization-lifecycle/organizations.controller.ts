import { Body, Controller, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentService } from '../auth/current-service.decorator';
import { RequireServiceScopes } from '../auth/service-auth.guard';
import { ServicePrincipal, ServiceScope } from '../auth/service-principal';
import { ProblemDocumentDto } from '../common/errors/problem.dto';
import { CurrentRequest, RequestMeta } from '../common/http/request-meta';
import { serviceParty } from '../sessions/acting-party';
import {
  DeregisterOrganizationDto, EstablishOrganizationDto, ExternalIdParamDto, OrganizationChangeResponseDto, OrganizationIdParamDto,
  UpsertOrganizationDto,
} from './dto/organization-record.dto';
import { OrganizationLifecycleService } from './organization-lifecycle.service';
import { OrganizationSyncService } from './organization-sync.service';

/** Registry sync for the management system, the system of record of organizations. */
@ApiTags('organizations')
@Controller({ path: 'organizations', version: '1' })
@RequireServiceScopes(ServiceScope.REGISTRY_WRITE)
@ApiBadRequestResponse({ type: ProblemDocumentDto, description: 'VALIDATION_FAILED with field errors (nothing written).' })
export class OrganizationsController {
  constructor(
    private readonly sync: OrganizationSyncService,
    private readonly lifecycle: OrganizationLifecycleService,
  ) {}

  @Put(':externalId')
  @ApiOperation({
    operationId: 'upsertOrganization',
    summary: 'Create or update an organization\'s registry record (idempotent)',
    description:
      'The management system syncs one organization by its own id. 201 when created, 200 when updated or unchanged: the ' +
      'same record again changes nothing (no new version, no event). A record already imported with the same USCC and no ' +
      'external id is adopted, never duplicated. Renames keep the bindings (they are keyed by organization). A status ' +
      'change is a lifecycle transition with its effects, as with the transition routes. Events: `organization.upserted` ' +
      '(+ the transition\'s). Requires scope `orgbind:registry.write`.',
  })
  @ApiCreatedResponse({ type: OrganizationChangeResponseDto, description: 'Created.' })
  @ApiOkResponse({ type: OrganizationChangeResponseDto, description: 'Updated or unchanged.' })
  @ApiConflictResponse({ type: ProblemDocumentDto, description: 'ORGANIZATION_TRANSITION_INVALID (with `currentStatus`), USCC_ALREADY_REGISTERED.' })
  @ApiUnprocessableEntityResponse({ type: ProblemDocumentDto, description: 'USCC_INVALID (with `usccCheck`), REGISTRATION_AUTHORITY_NOT_FOUND.' })
  async upsert(
    @Param() params: ExternalIdParamDto,
    @Body() body: UpsertOrganizationDto,
    @CurrentService() service: ServicePrincipal,
    @CurrentRequest() meta: RequestMeta,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrganizationChangeResponseDto> {
    const result = await this.sync.upsert(params.externalId, body, serviceParty(service, meta), meta.language);
    void reply.status(result.outcome === 'created' ? 201 : 200);
    return result;
  }

  @Post(':id/establishment')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'establishOrganization',
    summary: 'Record the establishment of an organization in formation',
    description:
      'in_formation → established, when establishment registration is complete (its last step is seal and bank-account ' +
      'filing, 银行印章备案; guide §3 注4). The USCC is checked strictly (GB 32100-2015) and must be unique; the ' +
      'certificate name becomes the organization\'s exact name. Natural-person bindings (kinds `legacy_account`, ' +
      '`application`) become `superseded` and their sessions end — at once, or after `ESTABLISHMENT_GRACE_PERIOD_HOURS`; ' +
      'their users are then told to register a legal-person user (`LEGAL_PERSON_ACCOUNT_REQUIRED`). One transaction with ' +
      'audit and events (`organization.established`, `binding.superseded` or `binding.supersession_scheduled`, ' +
      '`session.ended`). Repeating it with the same data answers `unchanged`. Requires scope `orgbind:registry.write`.',
  })
  @ApiOkResponse({ type: OrganizationChangeResponseDto })
  @ApiNotFoundResponse({ type: ProblemDocumentDto, description: 'NOT_FOUND: no organization with this id.' })
  @ApiConflictResponse({ type: ProblemDocumentDto, description: 'ORGANIZATION_TRANSITION_INVALID (e.g. deregistered; with `currentStatus`), USCC_ALREADY_REGISTERED.' })
  @ApiUnprocessableEntityResponse({ type: ProblemDocumentDto, description: 'USCC_INVALID with `usccCheck` (rule, position, expected, actual).' })
  establish(
    @Param() params: OrganizationIdParamDto,
    @Body() body: EstablishOrganizationDto,
    @CurrentService() service: ServicePrincipal,
    @CurrentRequest() meta: RequestMeta,
  ): Promise<OrganizationChangeResponseDto> {
    return this.lifecycle.establish(params.id, body, serviceParty(service, meta));
  }

  @Post(':id/deregistration')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'deregisterOrganization',
    summary: 'Record the deregistration of an organization',
    description:
      'in_formation or established → deregistered. Every binding is revoked and every session ends (reason ' +
      '`organization_deregistered`); its users then resolve to `ORGANIZATION_DEREGISTERED`. One transaction with audit ' +
      'and events (`organization.deregistered`, `binding.revoked`, `session.ended`). Repeating it answers `unchanged`. ' +
      'Requires scope `orgbind:registry.write`.',
  })
  @ApiOkResponse({ type: OrganizationChangeResponseDto })
  @ApiNotFoundResponse({ type: ProblemDocumentDto, description: 'NOT_FOUND: no organization with this id.' })
  @ApiConflictResponse({ type: ProblemDocumentDto, description: 'ORGANIZATION_TRANSITION_INVALID (already deregistered with another date).' })
  deregister(
    @Param() params: OrganizationIdParamDto,
    @Body() body: DeregisterOrganizationDto,
    @CurrentService() service: ServicePrincipal,
    @CurrentRequest() meta: RequestMeta,
  ): Promise<OrganizationChangeResponseDto> {
    return this.lifecycle.deregister(params.id, body, serviceParty(service, meta));
  }
}
