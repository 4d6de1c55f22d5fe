import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** JSON payload of an event: identifiers and statuses only, never personal data in clear. */
export type EventData = { [key: string]: string | number | boolean | null | string[] };

/**
 * One event of the feed (transactional outbox): written in the same transaction as the change
 * it announces, read by the management system in id order.
 */
@Entity({ name: 'outbox_event' })
@Index('ix_outbox_event_aggregate', ['aggregateType', 'aggregateId'])
export class OutboxEventEntity {
  /** Position in the feed (strictly increasing in commit order, see EventsService.append). */
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_outbox_event' })
  id: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;

  /** Dotted event type, e.g. `application.submitted`, `binding.created`. */
  @Column({ type: 'text' })
  type: string;

  @Column({ name: 'aggregate_type', type: 'text' })
  aggregateType: string;

  @Column({ name: 'aggregate_id', type: 'text' })
  aggregateId: string;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  data: EventData;
}
