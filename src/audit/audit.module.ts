import { Global, Module } from '@nestjs/common';
import { AuditEventsController } from './audit-events.controller';
import { AuditEventsRepository } from './audit-events.repository';
import { AuditEventsService } from './audit-events.service';
import { AuditService } from './audit.service';
import { AuditSealerService } from './chain/audit-sealer.service';

/**
 * The audit trail: every decision and change leaves an event (`AuditService`, global); a
 * background sealer chains events into a tamper-evident hash chain; operators search it
 * (`GET /v1/audit-events`). `AuditEventsService` takes an `AuditScope`, so a registrar-scoped
 * search is the same call with `AuditScope.authorities(codes)`.
 */
@Global()
@Module({
  controllers: [AuditEventsController],
  providers: [AuditService, AuditEventsRepository, AuditEventsService, AuditSealerService],
  exports: [AuditService, AuditEventsService],
})
export class AuditModule {}
