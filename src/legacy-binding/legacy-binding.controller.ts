import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { RateLimited } from '../rate-limits/rate-limit.guard';
import {
  ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiOperation, ApiTags,
  ApiTooManyRequestsResponse, ApiUnauthorizedResponse, ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { PlatformAuthGuard } from '../auth/platform-auth.guard';
import { PlatformPrincipal } from '../auth/platform-principal';
import { ProblemDocumentDto } from '../common/errors/problem.dto';
import { CurrentRequest, RequestMeta } from '../common/http/request-meta';
import { CreateLegacyBindingDto } from './dto/create-legacy-binding.dto';
import { LegacyBindingProblemDto, LegacyBindingResponseDto } from './dto/legacy-binding-response.dto';
import { LegacyBindingService } from './legacy-binding.service';

@ApiTags('bindings')
@ApiBearerAuth('platform')
@Controller({ path: 'bindings', version: '1' })
@UseGuards(PlatformAuthGuard)
export class LegacyBindingController {
  constructor(private readonly legacyBinding: LegacyBindingService) {}

  @Post('legacy-account')
  @RateLimited('binding')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'createLegacyAccountBinding',
    summary: 'Bind the platform account to an organization in formation with its legacy credentials (guide 图9 option 一)',
    description:
      'For natural-person and individual-business users whose resolution is BINDING_REQUIRED. The user proves to hold ' +
      'the old system\'s login name and password issued by the registration authority. Checks, in this order: user type; ' +
      'the platform account has no active binding (ALREADY_BOUND); no temporary lockout of the login name or the platform ' +
      'account (ACCOUNT_TEMPORARILY_LOCKED, password not checked); the credentials (INVALID_CREDENTIALS, one answer for an ' +
      'unknown login and a wrong password, counted by the lockout); then, for the holder of the credentials only: account ' +
      'disabled, organization deregistered, organization established (LEGAL_PERSON_ACCOUNT_REQUIRED), account bound to another ' +
      'platform account, organization name 一字不差 (ORGANIZATION_NAME_MISMATCH, explained). On success the binding (kind ' +
      '`legacy_account`), the account\'s new state and the audit event are one transaction; `POST /v1/resolutions` answers BOUND.',
  })
  @ApiCreatedResponse({ type: LegacyBindingResponseDto, description: 'Bound.' })
  @ApiBadRequestResponse({ type: ProblemDocumentDto, description: 'VALIDATION_FAILED: a field is missing, empty or too long.' })
  @ApiUnauthorizedResponse({ type: ProblemDocumentDto, description: 'TOKEN_MISSING, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_CLAIMS_INVALID' })
  @ApiForbiddenResponse({
    type: LegacyBindingProblemDto,
    description:
      'INVALID_CREDENTIALS (unknown login name or wrong password; `remainingAttempts`, and `retryAt`/`Retry-After` when this ' +
      'failure starts a lockout), LEGACY_ACCOUNT_DISABLED, LEGAL_PERSON_ACCOUNT_REQUIRED (the organization is established: use ' +
      'a legal-person user), USER_TYPE_NOT_ALLOWED (legal-person token).',
  })
  @ApiConflictResponse({
    type: LegacyBindingProblemDto,
    description: 'ALREADY_BOUND (this platform account already has a binding; `organization`), LEGACY_ACCOUNT_ALREADY_BOUND (contact the registration authority), ORGANIZATION_DEREGISTERED.',
  })
  @ApiUnprocessableEntityResponse({ type: LegacyBindingProblemDto, description: 'ORGANIZATION_NAME_MISMATCH with `nameMismatch` (each differing position explained, as in resolutions).' })
  @ApiTooManyRequestsResponse({
    type: LegacyBindingProblemDto,
    description:
      'ACCOUNT_TEMPORARILY_LOCKED: too many failures for the login name or the platform account; `Retry-After` header (seconds), `retryAt`, `lockedBy`. ' +
      'TOO_MANY_REQUESTS: more attempts than RATE_LIMIT_BINDING_PER_ACCOUNT / RATE_LIMIT_BINDING_PER_IP in the window (any outcome counts); `Retry-After`, `retryAfterSeconds`.',
    headers: { 'Retry-After': { description: 'Seconds until attempts are accepted again.', schema: { type: 'integer' } } },
  })
  createLegacyAccountBinding(
    @CurrentPrincipal() principal: PlatformPrincipal,
    @Body() dto: CreateLegacyBindingDto,
    @CurrentRequest() meta: RequestMeta,
  ): Promise<LegacyBindingResponseDto> {
    return this.legacyBinding.bind(principal, dto, meta);
  }
}
