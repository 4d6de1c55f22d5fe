import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { RateLimited } from '../rate-limits/rate-limit.guard';
import {
  ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation,
  ApiPreconditionFailedResponse, ApiTags, ApiUnauthorizedResponse, ApiUnprocessableEntityResponse, ApiBadRequestResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { PlatformAuthGuard } from '../auth/platform-auth.guard';
import { PlatformPrincipal } from '../auth/platform-principal';
import { ProblemDocumentDto } from '../common/errors/problem.dto';
import { versionTag } from '../common/http/entity-tag';
import { UuidParamPipe } from '../common/http/id-param.pipe';
import { CurrentRequest, RequestMeta } from '../common/http/request-meta';
import { PersonalDataProtector } from '../personal-data/personal-data-protector';
import { presentApplication } from './application.presenter';
import { seenVersions } from './change-errors';
import { CreateRegistrationApplicationDto } from './dto/create-registration-application.dto';
import { RegistrationApplicationListResponseDto, RegistrationApplicationResponseDto } from './dto/registration-application-response.dto';
import { RegistrationApplicationsService } from './registration-applications.service';

/** The applicant's API: natural-person (or individual-business) users file and follow applications. */
@ApiTags('registration-applications')
@ApiBearerAuth('platform')
@Controller({ path: 'registration-applications', version: '1' })
@UseGuards(PlatformAuthGuard)
@ApiUnauthorizedResponse({ type: ProblemDocumentDto, description: 'TOKEN_MISSING, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_CLAIMS_INVALID' })
export class RegistrationApplicationsController {
  constructor(
    private readonly applications: RegistrationApplicationsService,
    private readonly protector: PersonalDataProtector,
  ) {}

  @Post()
  @RateLimited('application')
  @ApiTooManyRequestsResponse({
    type: ProblemDocumentDto,
    description: 'TOO_MANY_REQUESTS: more requests than RATE_LIMIT_APPLICATION_PER_ACCOUNT / RATE_LIMIT_APPLICATION_PER_IP in the window; `Retry-After` header (seconds), `retryAfterSeconds`.',
    headers: { 'Retry-After': { description: 'Seconds until the window ends.', schema: { type: 'integer' } } },
  })
  @ApiOperation({
    operationId: 'submitRegistrationApplication',
    summary: 'File a registration application (guide 图9 option 二, 图10)',
    description:
      'A natural-person or individual-business user without a binding asks the registration authority of a division to register a new ' +
      'organization under an exact proposed name; the authority\'s registrars review it (初审). Requires `Idempotency-Key`: a retry with the ' +
      'same key and the same body answers 200 with the application the first request created (header `Idempotent-Replayed: true`); the same ' +
      'key with a different body is 422 IDEMPOTENCY_KEY_REUSED. Suspicious width or space issues in the name come back as `nameWarnings` ' +
      '(the name is stored exactly as typed). ETag: `W/"<version>"`.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'A fresh UUID per application; reuse it only to retry the same request (1-255 printable ASCII characters).' })
  @ApiCreatedResponse({ type: RegistrationApplicationResponseDto, description: 'Filed; status `pending`.' })
  @ApiOkResponse({ type: RegistrationApplicationResponseDto, description: 'Replay of an earlier request with the same key and body.' })
  @ApiBadRequestResponse({ type: ProblemDocumentDto, description: 'VALIDATION_FAILED (field errors: contactMobile, contactName, proposedName length, …), IDEMPOTENCY_KEY_REQUIRED' })
  @ApiForbiddenResponse({ type: ProblemDocumentDto, description: 'USER_TYPE_NOT_ALLOWED: legal-person users cannot apply' })
  @ApiConflictResponse({ type: ProblemDocumentDto, description: 'NAME_TAKEN, APPLICATION_ALREADY_PENDING (one pending application per account), ALREADY_BOUND' })
  @ApiUnprocessableEntityResponse({ type: ProblemDocumentDto, description: 'AUTHORITY_NOT_IN_DIVISION, AUTHORITY_NOT_FOUND, DIVISION_NOT_FOUND, NAME_INVALID_CHARACTERS, IDEMPOTENCY_KEY_REUSED' })
  async submit(
    @CurrentPrincipal() principal: PlatformPrincipal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() body: CreateRegistrationApplicationDto,
    @CurrentRequest() meta: RequestMeta,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RegistrationApplicationResponseDto> {
    const { application, replayed } = await this.applications.submit(principal, idempotencyKey, body, meta);
    void reply.status(replayed ? 200 : 201).header('etag', versionTag(application.application.version));
    if (replayed) void reply.header('idempotent-replayed', 'true');
    return presentApplication(application, { contact: 'masked', language: meta.language, protector: this.protector });
  }

  @Get('mine')
  @ApiOperation({
    operationId: 'listMyRegistrationApplications',
    summary: 'My registration applications',
    description: 'The caller\'s applications, newest first, with their status, the authority and, when rejected, the reason. Contact details masked.',
  })
  @ApiOkResponse({ type: RegistrationApplicationListResponseDto })
  async mine(@CurrentPrincipal() principal: PlatformPrincipal, @CurrentRequest() meta: RequestMeta): Promise<RegistrationApplicationListResponseDto> {
    const rows = await this.applications.listMine(principal);
    return { applications: rows.map((row) => presentApplication(row, { contact: 'masked', language: meta.language, protector: this.protector })) };
  }

  @Post(':id/withdraw')
  @RateLimited('application')
  @ApiTooManyRequestsResponse({
    type: ProblemDocumentDto,
    description: 'TOO_MANY_REQUESTS: more requests than RATE_LIMIT_APPLICATION_PER_ACCOUNT / RATE_LIMIT_APPLICATION_PER_IP in the window; `Retry-After` header (seconds), `retryAfterSeconds`.',
    headers: { 'Retry-After': { description: 'Seconds until the window ends.', schema: { type: 'integer' } } },
  })
  @HttpCode(200)
  @ApiOperation({
    operationId: 'withdrawRegistrationApplication',
    summary: 'Withdraw my pending application',
    description:
      'Only the applicant\'s own pending application (another account\'s: 404 NOT_FOUND). `If-Match` is optional: with it, a stale version is 412. ' +
      'A decided or withdrawn application: 409 APPLICATION_STATUS_CONFLICT with `currentStatus`. After withdrawing, the user may apply again.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag of the version seen, e.g. W/"1".' })
  @ApiOkResponse({ type: RegistrationApplicationResponseDto, description: 'Withdrawn.' })
  @ApiNotFoundResponse({ type: ProblemDocumentDto, description: 'NOT_FOUND' })
  @ApiConflictResponse({ type: ProblemDocumentDto, description: 'APPLICATION_STATUS_CONFLICT' })
  @ApiPreconditionFailedResponse({ type: ProblemDocumentDto, description: 'PRECONDITION_FAILED' })
  async withdraw(
    @CurrentPrincipal() principal: PlatformPrincipal,
    @Param('id', UuidParamPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentRequest() meta: RequestMeta,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RegistrationApplicationResponseDto> {
    const application = await this.applications.withdraw(principal, id, seenVersions(ifMatch, false), meta);
    void reply.header('etag', versionTag(application.application.version));
    return presentApplication(application, { contact: 'masked', language: meta.language, protector: this.protector });
  }
}
