import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, MoreThan } from 'typeorm';
import { EventData, OutboxEventEntity } from './outbox-event.entity';

/** Advisory-lock key serialising event appends so that ids commit in order. */
const EVENT_APPEND_LOCK = 7_421_002;

/** An event to append. */
export interface NewEvent {
  readonly type: string;
  readonly aggregateType: string;
  readonly aggregateId: string;
  readonly data?: EventData;
}

/**
 * The event feed (transactional outbox). `append` must be called with the transaction's
 * manager, so the event commits or rolls back with the change.
 *
 * Ordering: a bigserial alone can commit out of order (tx A takes id 7, tx B takes 8 and commits
 * first; a consumer at cursor 8 would never see 7). `append` therefore takes a transaction-scoped
 * advisory lock before taking the id: appenders queue, and ids become visible strictly in order.
 * The lock is held only from the append to the commit, so keep the append the last write.
 */
@Injectable()
export class EventsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Append events inside the caller's transaction (`manager` must be transactional). */
  async append(manager: EntityManager, ...events: NewEvent[]): Promise<void> {
    if (events.length === 0) return;
    if (!manager.queryRunner?.isTransactionActive) throw new Error('EventsService.append needs a transactional EntityManager');
    await manager.query('SELECT pg_advisory_xact_lock($1)', [EVENT_APPEND_LOCK]);
    await manager.insert(
      OutboxEventEntity,
      events.map((e) => ({ type: e.type, aggregateType: e.aggregateType, aggregateId: e.aggregateId, data: e.data ?? {} })),
    );
  }

  /** Events after `afterId` (exclusive), oldest first, at most `limit`. */
  async readAfter(afterId: string, limit: number): Promise<OutboxEventEntity[]> {
    return this.dataSource.getRepository(OutboxEventEntity).find({
      where: { id: MoreThan(afterId) },
      order: { id: 'ASC' },
      take: limit,
    });
  }
}
