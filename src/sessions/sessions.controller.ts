import { Body, Controller, Delete, Get, Headers, Param, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { PlatformAuthGuard } from '../auth/platform-auth.guard';
import { PlatformPrincipal } from '../auth/platform-principal';
import { ProblemDocumentDto } from '../common/errors/problem.dto';
import { CurrentRequest, RequestMeta } from '../common/http/request-meta';
import {
  OpenSessionDto, OpenSessionResponseDto, SessionConflictProblemDto, SessionForbiddenProblemDto, SessionIdParamDto, SessionResponseDto,
} from './dto/session.dto';
import { CurrentSessionCaller, SessionCaller, SessionCallerGuard } from './session-caller.guard';
import { SessionOpeningService } from './session-opening.service';
import { SessionsService } from './sessions.service';

const TOKEN_ERRORS = 'TOKEN_MISSING, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_CLAIMS_INVALID';

/** One active session per organization account (guide 图11). */
@ApiTags('sessions')
@Controller({ path: 'sessions', version: '1' })
@ApiUnauthorizedResponse({ type: ProblemDocumentDto, description: TOKEN_ERRORS })
@ApiBadRequestResponse({ type: ProblemDocumentDto, description: 'VALIDATION_FAILED with field errors (malformed body or session id).' })
export class SessionsController {
  constructor(
    private readonly opening: SessionOpeningService,
    private readonly sessions: SessionsService,
  ) {}

  @Post()
  @UseGuards(PlatformAuthGuard)
  @ApiBearerAuth('platform')
  @ApiOperation({
    operationId: 'openSession',
    summary: 'Open the session of the user\'s organization account (login)',
    description:
      'Called by the management system after the resolution is BOUND, with the user\'s platform token and the login as it ' +
      'saw it (`clientIp`, `userAgent`). At most one session per organization account is active. While another is, the ' +
      'answer depends on `SESSION_POLICY`: `prompt` (default, guide 图11) → 409 SESSION_ACTIVE_ELSEWHERE with the other ' +
      'session\'s start, last activity, masked IP and device; show it, and when the user confirms repeat with ' +
      '`takeover: true`, which ends the other session (reason `takeover`) and opens this one atomically. `deny_new` → ' +
      '409 SESSION_LIMIT_REACHED. `terminate_oldest` → the other session ends (`replaced_by_new_login`). An expired ' +
      'session does not count. A platform account that does not resolve to BOUND → 403 SESSION_REQUIRES_BOUND_ACCOUNT with ' +
      'the resolution. Events: `session.started`, `session.ended`.',
  })
  @ApiCreatedResponse({ type: OpenSessionResponseDto })
  @ApiConflictResponse({ type: SessionConflictProblemDto, description: 'SESSION_ACTIVE_ELSEWHERE (prompt), SESSION_LIMIT_REACHED (deny_new).' })
  @ApiForbiddenResponse({ type: SessionForbiddenProblemDto, description: 'SESSION_REQUIRES_BOUND_ACCOUNT with `resolution` (status and message).' })
  open(
    @CurrentPrincipal() principal: PlatformPrincipal,
    @Body() body: OpenSessionDto,
    @CurrentRequest() meta: RequestMeta,
    @Headers('user-agent') userAgent: string | undefined,
  ): Promise<OpenSessionResponseDto> {
    return this.opening.open(principal, body, meta, userAgent);
  }

  @Get(':id')
  @UseGuards(SessionCallerGuard)
  @ApiBearerAuth('service')
  @ApiBearerAuth('platform')
  @ApiOperation({
    operationId: 'getSession',
    summary: 'Check a session (on every request) and record activity',
    description:
      'The management system checks the session on every request of the user: `active` → go on (activity is recorded, ' +
      'at most once per `SESSION_ACTIVITY_WRITE_INTERVAL_SECONDS`); `ended` (see `endReason`, and `replacedBy` after a ' +
      'takeover) or `expired` → log the user out of the management system. Caller: a service token with scope ' +
      '`orgbind:sessions` (any session), or the platform token of the user who opened it (other users: 404).',
  })
  @ApiOkResponse({ type: SessionResponseDto })
  @ApiForbiddenResponse({ type: ProblemDocumentDto, description: 'FORBIDDEN: a service token without scope orgbind:sessions.' })
  @ApiNotFoundResponse({ type: ProblemDocumentDto, description: 'NOT_FOUND: no such session, or not the caller\'s.' })
  check(@Param() params: SessionIdParamDto, @CurrentSessionCaller() caller: SessionCaller, @CurrentRequest() meta: RequestMeta): Promise<SessionResponseDto> {
    return this.sessions.check(params.id, caller, meta);
  }

  @Delete(':id')
  @UseGuards(SessionCallerGuard)
  @ApiBearerAuth('service')
  @ApiBearerAuth('platform')
  @ApiOperation({
    operationId: 'endSession',
    summary: 'Log out: end a session',
    description:
      'Ends the session (reason `logout`) and answers it. Idempotent: an ended session is answered as it is. Same callers as GET.',
  })
  @ApiOkResponse({ type: SessionResponseDto })
  @ApiForbiddenResponse({ type: ProblemDocumentDto, description: 'FORBIDDEN: a service token without scope orgbind:sessions.' })
  @ApiNotFoundResponse({ type: ProblemDocumentDto, description: 'NOT_FOUND: no such session, or not the caller\'s.' })
  end(@Param() params: SessionIdParamDto, @CurrentSessionCaller() caller: SessionCaller, @CurrentRequest() meta: RequestMeta): Promise<SessionResponseDto> {
    return this.sessions.logout(params.id, caller, meta);
  }
}
