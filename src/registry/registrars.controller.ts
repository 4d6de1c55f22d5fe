import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags, ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentService } from '../auth/current-service.decorator';
import { RequireServiceScopes } from '../auth/service-auth.guard';
import { ServicePrincipal, ServiceScope } from '../auth/service-principal';
import { ErrorCode } from '../common/errors/error-codes';
import { ProblemDocumentDto } from '../common/errors/problem.dto';
import { UuidParamPipe } from '../common/http/id-param.pipe';
import { CurrentRequest, RequestMeta } from '../common/http/request-meta';
import { CreateRegistrarDto, ListRegistrarsQueryDto, RegistrarListResponseDto, RegistrarResponseDto } from './dto/registrar.dto';
import { AuthorityCodeParamPipe } from './authority-code-param.pipe';
import { RegistrarsService } from './registrars.service';

const AUTHORITY_CODE_PARAM = { name: 'authorityCode', example: 'MZ-210311', description: 'Registration authority code.' };

/** Operator API: the registrar roster. Registrar rights come only from here. */
@ApiTags('registrars')
@Controller({ path: 'registrars', version: '1' })
@RequireServiceScopes(ServiceScope.OPERATOR)
export class RegistrarsController {
  constructor(private readonly registrars: RegistrarsService) {}

  @Post()
  @ApiOperation({
    operationId: 'addRegistrar',
    summary: 'Put a platform account on the registrar roster',
    description:
      'Adds the account (issuer + subject) as a registrar (初审人员) of the given authorities, keeping authorities it already has. ' +
      '201 when the account is new on the roster, 200 when it was already there. Audited. Scope `orgbind:operator`.',
  })
  @ApiCreatedResponse({ type: RegistrarResponseDto, description: 'New registrar.' })
  @ApiOkResponse({ type: RegistrarResponseDto, description: 'Existing registrar, authorities added.' })
  @ApiUnprocessableEntityResponse({ type: ProblemDocumentDto, description: 'AUTHORITY_NOT_FOUND' })
  async add(
    @Body() body: CreateRegistrarDto,
    @CurrentService() service: ServicePrincipal,
    @CurrentRequest() meta: RequestMeta,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RegistrarResponseDto> {
    const { registrar, created } = await this.registrars.add(body, service, meta);
    void reply.status(created ? 201 : 200);
    return registrar;
  }

  @Get()
  @ApiOperation({ operationId: 'listRegistrars', summary: 'The registrar roster', description: 'Every registrar with its authorities, optionally of one authority. Scope `orgbind:operator`.' })
  @ApiOkResponse({ type: RegistrarListResponseDto })
  async list(@Query() query: ListRegistrarsQueryDto): Promise<RegistrarListResponseDto> {
    return { registrars: await this.registrars.list(query.authorityCode) };
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getRegistrar', summary: 'One registrar', description: 'Scope `orgbind:operator`.' })
  @ApiOkResponse({ type: RegistrarResponseDto })
  @ApiNotFoundResponse({ type: ProblemDocumentDto, description: 'NOT_FOUND' })
  get(@Param('id', UuidParamPipe) id: string): Promise<RegistrarResponseDto> {
    return this.registrars.get(id);
  }

  @Put(':id/authorities/:authorityCode')
  @ApiOperation({ operationId: 'assignRegistrarAuthority', summary: 'Let a registrar review for one more authority', description: 'Idempotent. Audited. Scope `orgbind:operator`.' })
  @ApiParam(AUTHORITY_CODE_PARAM)
  @ApiOkResponse({ type: RegistrarResponseDto })
  @ApiNotFoundResponse({ type: ProblemDocumentDto, description: 'NOT_FOUND: no such registrar' })
  @ApiUnprocessableEntityResponse({ type: ProblemDocumentDto, description: 'AUTHORITY_NOT_FOUND' })
  assign(
    @Param('id', UuidParamPipe) id: string,
    @Param('authorityCode', new AuthorityCodeParamPipe(ErrorCode.AUTHORITY_NOT_FOUND)) authorityCode: string,
    @CurrentService() service: ServicePrincipal,
    @CurrentRequest() meta: RequestMeta,
  ): Promise<RegistrarResponseDto> {
    return this.registrars.assign(id, authorityCode, service, meta);
  }

  @Delete(':id/authorities/:authorityCode')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'unassignRegistrarAuthority',
    summary: 'Stop a registrar reviewing for one authority',
    description: 'A registrar left without authorities leaves the roster. Audited. Scope `orgbind:operator`.',
  })
  @ApiParam(AUTHORITY_CODE_PARAM)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ProblemDocumentDto, description: 'NOT_FOUND: no such registrar or assignment' })
  async unassign(
    @Param('id', UuidParamPipe) id: string,
    @Param('authorityCode', new AuthorityCodeParamPipe(ErrorCode.NOT_FOUND)) authorityCode: string,
    @CurrentService() service: ServicePrincipal,
    @CurrentRequest() meta: RequestMeta,
  ): Promise<void> {
    await this.registrars.remove(id, authorityCode, service, meta);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'removeRegistrar', summary: 'Take a registrar off the roster', description: 'Audited. Scope `orgbind:operator`.' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ProblemDocumentDto, description: 'NOT_FOUND' })
  async remove(@Param('id', UuidParamPipe) id: string, @CurrentService() service: ServicePrincipal, @CurrentRequest() meta: RequestMeta): Promise<void> {
    await this.registrars.remove(id, null, service, meta);
  }
}
