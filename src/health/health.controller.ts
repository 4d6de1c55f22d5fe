import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { LifecycleState } from '../lifecycle/lifecycle-state';

/** Per check, only its status (and the lifecycle phase): error messages may name internal hosts. */
function checkStatuses(result: unknown): Record<string, string> {
  const details = (result as { details?: Record<string, { status?: string; phase?: string }> })?.details ?? {};
  return Object.fromEntries(Object.entries(details).map(([key, value]) => [key, value.phase ? `${value.status} (${value.phase})` : String(value.status)]));
}

/** Health probes: public (no token; `security: []` in the OpenAPI document), answering only states, never details. */
@ApiTags('health')
@Controller({ path: 'health' })
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly lifecycle: LifecycleState,
  ) {}

  @Get('live')
  @HealthCheck()
  @ApiOperation({ operationId: 'getLiveness', security: [], summary: 'Liveness: the process answers (no dependencies checked; stays 200 while shutting down).' })
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    operationId: 'getReadiness',
    security: [],
    summary: 'Readiness: not shutting down, and the database answers within 1.5 s; 503 otherwise.',
    description: 'Turns 503 as soon as the process receives SIGTERM (before it stops serving), so that the load balancer routes new requests to other replicas.',
  })
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.checkReadiness();
    } catch (error) {
      if (error instanceof ServiceUnavailableException) {
        throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE, {}, { checks: checkStatuses(error.getResponse()) }, { 'retry-after': '5' });
      }
      throw error;
    }
  }

  private checkReadiness(): Promise<HealthCheckResult> {
    return this.health.check([
      () => {
        const lifecycle = this.indicators.check('lifecycle');
        return this.lifecycle.acceptingTraffic
          ? lifecycle.up({ phase: this.lifecycle.phase })
          : lifecycle.down({ phase: this.lifecycle.phase, reason: this.lifecycle.shutdownReason ?? 'shutting down' });
      },
      () => this.database.pingCheck('database', { timeout: 1500 }),
    ]);
  }
}
