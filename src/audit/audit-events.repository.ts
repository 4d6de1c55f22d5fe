import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditActorKind, AuditDetails, AuditOutcome } from './audit-event.entity';
import { AuditScope } from './audit-scope';
import { STORED_EVENT_COLUMNS } from './chain/audit-chain.sql';

/** Filters of an audit-trail search (all optional, combined with AND). */
export interface AuditEventFilter {
  /** Events whose target is this organization. */
  readonly organizationId?: string;
  /** Events by this actor (a platform account is `issuer|subject`). */
  readonly actor?: string;
  /** Exact action (`binding.created`) or, ending in `.*`, a family (`binding.*`). */
  readonly action?: string;
  readonly outcome?: AuditOutcome;
  /** Inclusive lower bound of `occurred_at` (RFC 3339; microseconds are kept). */
  readonly from?: string;
  /** Exclusive upper bound of `occurred_at` (RFC 3339). */
  readonly to?: string;
}

/** One page by id: `desc` is newest first (ids below the cursor), `asc` oldest first (ids above it). */
export interface AuditPageRequest {
  readonly order: 'asc' | 'desc';
  /** Id of the last event of the previous page (exclusive). */
  readonly cursor?: string;
  readonly limit: number;
}

/** An audit event as presented (never the entity). */
export interface AuditEventRecord {
  readonly id: string;
  /** ISO 8601 UTC with microseconds, as stored. */
  readonly occurredAt: string;
  readonly actorKind: AuditActorKind;
  readonly actor: string | null;
  readonly action: string;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly outcome: AuditOutcome;
  readonly reason: string | null;
  readonly requestId: string | null;
  readonly clientIpMasked: string | null;
  readonly details: AuditDetails;
  /** Hash of the event's link in the chain; null until sealed. */
  readonly chainHash: string | null;
}

interface Row {
  id: string;
  occurred_at: string;
  actor_kind: AuditActorKind;
  actor: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: AuditOutcome;
  reason: string | null;
  request_id: string | null;
  client_ip_masked: string | null;
  details: string;
  chain_hash: string | null;
}

/** Reads the audit trail, always within an {@link AuditScope}. */
@Injectable()
export class AuditEventsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One page of events matching `filter` within `scope`; `hasMore` when another page follows. */
  async findPage(scope: AuditScope, filter: AuditEventFilter, page: AuditPageRequest): Promise<{ events: AuditEventRecord[]; hasMore: boolean }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (scope.kind === 'authorities') {
      const codes = param(scope.authorityCodes);
      where.push(
        `((e.target_type = 'organization' AND e.target_id IN (SELECT o.id::text FROM organization o WHERE o.authority_code = ANY(${codes}::text[])))` +
          ` OR (e.target_type = 'registration_authority' AND e.target_id = ANY(${codes}::text[])))`,
      );
    }
    if (filter.organizationId !== undefined) where.push(`e.target_type = 'organization' AND e.target_id = ${param(filter.organizationId)}`);
    if (filter.actor !== undefined) where.push(`e.actor = ${param(filter.actor)}`);
    if (filter.action !== undefined) {
      where.push(filter.action.endsWith('.*')
        ? `starts_with(e.action, ${param(filter.action.slice(0, -1))})`
        : `e.action = ${param(filter.action)}`);
    }
    if (filter.outcome !== undefined) where.push(`e.outcome = ${param(filter.outcome)}`);
    if (filter.from !== undefined) where.push(`e.occurred_at >= ${param(filter.from)}::timestamptz`);
    if (filter.to !== undefined) where.push(`e.occurred_at < ${param(filter.to)}::timestamptz`);
    if (page.cursor !== undefined) where.push(`e.id ${page.order === 'desc' ? '<' : '>'} ${param(page.cursor)}::bigint`);
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${STORED_EVENT_COLUMNS}, s.hash AS chain_hash
         FROM audit_event e LEFT JOIN audit_seal s ON s.event_id = e.id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY e.id ${page.order === 'desc' ? 'DESC' : 'ASC'}
        LIMIT ${param(page.limit + 1)}`,
      params,
    );
    return { events: rows.slice(0, page.limit).map(toRecord), hasMore: rows.length > page.limit };
  }
}

function toRecord(row: Row): AuditEventRecord {
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    actorKind: row.actor_kind,
    actor: row.actor,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    outcome: row.outcome,
    reason: row.reason,
    requestId: row.request_id,
    clientIpMasked: row.client_ip_masked,
    details: JSON.parse(row.details) as AuditDetails,
    chainHash: row.chain_hash,
  };
}
