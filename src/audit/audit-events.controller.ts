import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentService } from '../auth/current-service.decorator';
import { RequireServiceScopes } from '../auth/service-auth.guard';
import { ServicePrincipal, ServiceScope } from '../auth/service-principal';
import { ProblemDocumentDto } from '../common/errors/problem.dto';
import { CurrentRequest, RequestMeta } from '../common/http/request-meta';
import { AuditEventsService } from './audit-events.service';
import { AuditScope } from './audit-scope';
import { AuditEventQueryDto } from './dto/audit-event-query.dto';
import { AuditEventListResponseDto } from './dto/audit-event-response.dto';

@ApiTags('audit')
@Controller({ path: 'audit-events', version: '1' })
@RequireServiceScopes(ServiceScope.OPERATOR)
export class AuditEventsController {
  constructor(private readonly auditEvents: AuditEventsService) {}

  @Get()
  @ApiOperation({
    operationId: 'listAuditEvents',
    summary: 'Search the audit trail (operators, all jurisdictions)',
    description:
      'Audit events (resolutions, bindings, imports, purges, ...) filtered by organization, actor (platform account), action, ' +
      'outcome and time range, newest first by default; page on with `cursor=nextCursor`. Client IPs are masked as stored; details ' +
      'never carry personal data in clear. Each event shows its hash in the tamper-evident chain once sealed (verify the chain ' +
      'with `npm run audit:verify`). The search itself is audited (`audit.events_listed`). Requires scope `orgbind:operator`.',
  })
  @ApiOkResponse({ type: AuditEventListResponseDto })
  @ApiBadRequestResponse({ type: ProblemDocumentDto, description: 'VALIDATION_FAILED: a filter, the cursor or the limit is malformed, or `to` is not later than `from`.' })
  async list(@Query() query: AuditEventQueryDto, @CurrentService() service: ServicePrincipal, @CurrentRequest() meta: RequestMeta): Promise<AuditEventListResponseDto> {
    return this.auditEvents.list(AuditScope.all(), query, {
      actorKind: 'service',
      actor: service.clientId,
      requestId: meta.requestId,
      clientIp: meta.clientIp,
    });
  }
}
