import { Controller, Delete, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentService } from '../auth/current-service.decorator';
import { RequireServiceScopes } from '../auth/service-auth.guard';
import { ServicePrincipal, ServiceScope } from '../auth/service-principal';
import { ProblemDocumentDto } from '../common/errors/problem.dto';
import { CurrentRequest, RequestMeta } from '../common/http/request-meta';
import { ActiveLock } from './domain/lockout';
import { loginNameKey } from './domain/login-name';
import { ClearLockoutQueryDto, LockoutParamsDto, LockoutResponseDto } from './dto/lockout.dto';
import { LockoutCounterEntity } from './entities/lockout-counter.entity';
import { LockoutSubject } from './lockout-counters.repository';
import { LockoutService } from './lockout.service';

@ApiTags('lockouts')
@Controller({ path: 'lockouts', version: '1' })
@RequireServiceScopes(ServiceScope.OPERATOR)
export class LockoutsController {
  constructor(private readonly lockouts: LockoutService) {}

  @Get(':kind/:key')
  @ApiOperation({
    operationId: 'getLockout',
    summary: 'Read a lockout counter (operators)',
    description: 'The failure counter of a legacy login name or a platform account, and whether it locks legacy binding now.',
  })
  @ApiOkResponse({ type: LockoutResponseDto })
  @ApiNotFoundResponse({ type: ProblemDocumentDto, description: 'NOT_FOUND: no failures are counted for this key.' })
  async getLockout(@Param() params: LockoutParamsDto): Promise<LockoutResponseDto> {
    const { counter, lock } = await this.lockouts.get(subjectOf(params));
    return present(counter, lock);
  }

  @Delete(':kind/:key')
  @ApiOperation({
    operationId: 'clearLockout',
    summary: 'Clear a lockout counter and its lock (operators)',
    description:
      'Forgets the failures of a legacy login name or a platform account and lifts its lock at once, e.g. after the ' +
      'registration authority has verified the caller. The `reason` is required and recorded in the audit trail ' +
      '(`lockout.cleared`). Answers the counter as it was.',
  })
  @ApiOkResponse({ type: LockoutResponseDto, description: 'Cleared; the counter as it was before.' })
  @ApiNotFoundResponse({ type: ProblemDocumentDto, description: 'NOT_FOUND: no failures are counted for this key.' })
  async clearLockout(
    @Param() params: LockoutParamsDto,
    @Query() query: ClearLockoutQueryDto,
    @CurrentService() service: ServicePrincipal,
    @CurrentRequest() meta: RequestMeta,
  ): Promise<LockoutResponseDto> {
    const { counter, lock } = await this.lockouts.clear(subjectOf(params), { actorKind: 'service', actor: service.clientId, reason: query.reason }, meta);
    return present(counter, lock);
  }
}

/** A legacy login name is looked up by its key (case and width ignored), as at binding. */
function subjectOf(params: LockoutParamsDto): LockoutSubject {
  return { kind: params.kind, key: params.kind === 'legacy_login' ? loginNameKey(params.key) : params.key };
}

function present(counter: LockoutCounterEntity, lock: ActiveLock | null): LockoutResponseDto {
  return {
    kind: counter.kind,
    key: counter.key,
    failures: counter.failures,
    lastFailureAt: counter.lastFailureAt.toISOString(),
    lockedUntil: counter.lockedUntil?.toISOString() ?? null,
    locked: lock !== null,
  };
}
