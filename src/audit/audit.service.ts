import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEventEntity } from './audit-event.entity';
import { auditRow, AuditEventInput } from './audit-row';

export { auditRow, type AuditEventInput } from './audit-row';

/**
 * Writes audit events. Pass the transaction's EntityManager so that the event commits or
 * rolls back with the change it records.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Record one event, inside `manager`'s transaction when given. */
  async record(event: AuditEventInput, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.insert(AuditEventEntity, auditRow(event));
  }
}
