import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { RateLimited } from '../rate-limits/rate-limit.guard';
import {
  ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation,
  ApiPreconditionFailedResponse, ApiResponse, ApiTags, ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PlatformAuthGuard } from '../auth/platform-auth.guard';
import { ProblemDocumentDto } from '../common/errors/problem.dto';
import { versionTag } from '../common/http/entity-tag';
import { UuidParamPipe } from '../common/http/id-param.pipe';
import { CurrentRequest, RequestMeta } from '../common/http/request-meta';
import { seenVersions } from '../registration-applications/change-errors';
import {
  ApproveApplicationDto, ListReviewApplicationsQueryDto, RejectApplicationDto, ReviewApplicationPageDto, ReviewApplicationResponseDto,
  ReviewStatisticsResponseDto,
} from './dto/review.dto';
import { RegistrarPrincipal } from './registrar-principal';
import { CurrentRegistrar, RegistrarGuard } from './registrar.guard';
import { ReviewDecisionsService } from './review-decisions.service';
import { ReviewService } from './review.service';

const IF_MATCH = { name: 'If-Match', required: true, description: 'ETag of the version you reviewed, e.g. W/"1" (from the list, the detail\'s ETag header or its `version`).' };

/**
 * The registrar's API (初审): only applications routed to the registrar's authorities, from the
 * roster. Not a registrar: 403 FORBIDDEN. Another authority's application: 404 NOT_FOUND.
 */
@ApiTags('review')
@ApiBearerAuth('platform')
@Controller({ path: 'review', version: '1' })
@UseGuards(PlatformAuthGuard, RegistrarGuard)
@ApiUnauthorizedResponse({ type: ProblemDocumentDto, description: 'TOKEN_MISSING, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_CLAIMS_INVALID' })
@ApiForbiddenResponse({ type: ProblemDocumentDto, description: 'FORBIDDEN: the platform account is not on the registrar roster; or (decisions) the application was filed from the registrar\'s own account (`reason: OWN_APPLICATION`)' })
export class ReviewController {
  constructor(
    private readonly reviewService: ReviewService,
    private readonly decisions: ReviewDecisionsService,
  ) {}

  @Get('registration-applications')
  @ApiOperation({
    operationId: 'listReviewApplications',
    summary: 'The review queue of my authorities',
    description:
      'Applications routed to the registrar\'s authorities only, oldest first, filtered by status, submission range, name, overdue; keyset ' +
      'pagination (`cursor` = `nextCursor` of the previous page, stable while new applications arrive). Each item has its `ageDays` and an ' +
      '`overdue` flag (pending and older than REVIEW_OVERDUE_DAYS). Contact details masked.',
  })
  @ApiOkResponse({ type: ReviewApplicationPageDto })
  @ApiBadRequestResponse({ type: ProblemDocumentDto, description: 'VALIDATION_FAILED: a filter, the limit or the cursor' })
  list(@CurrentRegistrar() registrar: RegistrarPrincipal, @Query() query: ListReviewApplicationsQueryDto, @CurrentRequest() meta: RequestMeta): Promise<ReviewApplicationPageDto> {
    return this.reviewService.list(registrar, query, meta.language);
  }

  @Get('registration-applications/:id')
  @ApiOperation({
    operationId: 'getReviewApplication',
    summary: 'One application of my authorities',
    description: 'With the contact details in clear (the view is audited) and `ETag: W/"<version>"` to send back as If-Match with a decision.',
  })
  @ApiOkResponse({ type: ReviewApplicationResponseDto })
  @ApiNotFoundResponse({ type: ProblemDocumentDto, description: 'NOT_FOUND: no such application among your authorities\'' })
  async get(
    @CurrentRegistrar() registrar: RegistrarPrincipal,
    @Param('id', UuidParamPipe) id: string,
    @CurrentRequest() meta: RequestMeta,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReviewApplicationResponseDto> {
    const application = await this.reviewService.get(registrar, id, meta);
    void reply.header('etag', versionTag(application.version));
    return application;
  }

  @Post('registration-applications/:id/approve')
  @RateLimited('review')
  @ApiTooManyRequestsResponse({
    type: ProblemDocumentDto,
    description: 'TOO_MANY_REQUESTS: more requests than RATE_LIMIT_REVIEW_PER_ACCOUNT / RATE_LIMIT_REVIEW_PER_IP in the window; `Retry-After` header (seconds), `retryAfterSeconds`.',
    headers: { 'Retry-After': { description: 'Seconds until the window ends.', schema: { type: 'integer' } } },
  })
  @HttpCode(200)
  @ApiOperation({
    operationId: 'approveApplication',
    summary: 'Approve an application',
    description:
      'In one transaction: the application becomes approved, an organization in formation is created under its authority (the exact proposed ' +
      'name, the authority\'s division) and the applicant\'s platform account is bound to it (kind `application`); `POST /v1/resolutions` then ' +
      'answers BOUND for the applicant. Events `application.approved` and `binding.created`. Of concurrent decisions exactly one wins.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ReviewApplicationResponseDto, description: 'Approved; `organizationId` set.' })
  @ApiBadRequestResponse({ type: ProblemDocumentDto, description: 'VALIDATION_FAILED: the note, or a malformed If-Match' })
  @ApiNotFoundResponse({ type: ProblemDocumentDto, description: 'NOT_FOUND: no such application among your authorities\'' })
  @ApiConflictResponse({ type: ProblemDocumentDto, description: 'APPLICATION_STATUS_CONFLICT (with `currentStatus`), NAME_TAKEN (an organization now has the name), ALREADY_BOUND (the applicant was bound meanwhile)' })
  @ApiPreconditionFailedResponse({ type: ProblemDocumentDto, description: 'PRECONDITION_FAILED: If-Match is not the current version (current ETag in the response)' })
  @ApiResponse({ status: 428, type: ProblemDocumentDto, description: 'PRECONDITION_REQUIRED: no If-Match' })
  async approve(
    @CurrentRegistrar() registrar: RegistrarPrincipal,
    @Param('id', UuidParamPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: ApproveApplicationDto,
    @CurrentRequest() meta: RequestMeta,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReviewApplicationResponseDto> {
    await this.decisions.approve(registrar, id, seenVersions(ifMatch, true)!, body.note ?? null, meta);
    return this.decided(registrar, id, meta, reply);
  }

  @Post('registration-applications/:id/reject')
  @RateLimited('review')
  @ApiTooManyRequestsResponse({
    type: ProblemDocumentDto,
    description: 'TOO_MANY_REQUESTS: more requests than RATE_LIMIT_REVIEW_PER_ACCOUNT / RATE_LIMIT_REVIEW_PER_IP in the window; `Retry-After` header (seconds), `retryAfterSeconds`.',
    headers: { 'Retry-After': { description: 'Seconds until the window ends.', schema: { type: 'integer' } } },
  })
  @HttpCode(200)
  @ApiOperation({
    operationId: 'rejectApplication',
    summary: 'Reject an application, with a reason',
    description: 'The reason is shown to the applicant (resolution APPLICATION_REJECTED), who may apply again. Event `application.rejected`.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ReviewApplicationResponseDto, description: 'Rejected.' })
  @ApiBadRequestResponse({ type: ProblemDocumentDto, description: 'VALIDATION_FAILED: the reason (required, 2-500 characters), or a malformed If-Match' })
  @ApiNotFoundResponse({ type: ProblemDocumentDto, description: 'NOT_FOUND: no such application among your authorities\'' })
  @ApiConflictResponse({ type: ProblemDocumentDto, description: 'APPLICATION_STATUS_CONFLICT (with `currentStatus`)' })
  @ApiPreconditionFailedResponse({ type: ProblemDocumentDto, description: 'PRECONDITION_FAILED' })
  @ApiResponse({ status: 428, type: ProblemDocumentDto, description: 'PRECONDITION_REQUIRED: no If-Match' })
  async reject(
    @CurrentRegistrar() registrar: RegistrarPrincipal,
    @Param('id', UuidParamPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RejectApplicationDto,
    @CurrentRequest() meta: RequestMeta,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReviewApplicationResponseDto> {
    await this.decisions.reject(registrar, id, seenVersions(ifMatch, true)!, body.reason, meta);
    return this.decided(registrar, id, meta, reply);
  }

  @Get('statistics')
  @ApiOperation({
    operationId: 'getReviewStatistics',
    summary: 'Review statistics of my authorities',
    description: 'Per authority: counts by status and by age bucket (whole days waited), overdue pending applications, oldest pending submission.',
  })
  @ApiOkResponse({ type: ReviewStatisticsResponseDto })
  statistics(@CurrentRegistrar() registrar: RegistrarPrincipal): Promise<ReviewStatisticsResponseDto> {
    return this.reviewService.statistics(registrar);
  }

  private async decided(registrar: RegistrarPrincipal, id: string, meta: RequestMeta, reply: FastifyReply): Promise<ReviewApplicationResponseDto> {
    const application = await this.reviewService.afterDecision(registrar, id, meta.language);
    void reply.header('etag', versionTag(application.version));
    return application;
  }
}
