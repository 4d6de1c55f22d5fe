import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service';

/** The audit trail: every decision and change leaves an event. */
@Global()
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
