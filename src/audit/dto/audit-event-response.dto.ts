import { ApiProperty } from '@nestjs/swagger';
import { AUDIT_ORDERS, AUDIT_OUTCOMES } from './audit-event-query.dto';

const ACTOR_KINDS = ['platform_user', 'registrar', 'service', 'operator', 'system'] as const;

/** One audit event. */
export class AuditEventResponseDto {
  @ApiProperty({ description: 'Event id (increasing); also the cursor position.', example: '1024' })
  id: string;

  @ApiProperty({ description: 'When the recording transaction ran (ISO 8601, UTC, microseconds as stored).', example: '2026-11-29T07:44:12.123456Z' })
  occurredAt: string;

  @ApiProperty({ description: 'Who acted.', enum: ACTOR_KINDS })
  actorKind: (typeof ACTOR_KINDS)[number];

  @ApiProperty({ description: 'Actor identity: `issuer|subject` for a platform account, the client id of a service, `cli:<user>` for operator commands; null for the system.', type: String, nullable: true })
  actor: string | null;

  @ApiProperty({ description: 'Dotted action name.', example: 'resolution.resolved' })
  action: string;

  @ApiProperty({ description: 'Kind of the thing acted on, e.g. `organization`.', type: String, nullable: true })
  targetType: string | null;

  @ApiProperty({ description: 'Id of the thing acted on.', type: String, nullable: true })
  targetId: string | null;

  @ApiProperty({ description: 'Outcome.', enum: AUDIT_OUTCOMES })
  outcome: (typeof AUDIT_OUTCOMES)[number];

  @ApiProperty({ description: 'Reason or result code, e.g. the resolution status.', type: String, nullable: true, example: 'BINDING_REQUIRED' })
  reason: string | null;

  @ApiProperty({ description: 'Request id of the HTTP request that caused the event (`X-Request-Id`).', type: String, nullable: true })
  requestId: string | null;

  @ApiProperty({ description: 'Client IP address, masked when stored (IPv4 `203.0.113.*`, IPv6 first three groups); the full address is never kept.', type: String, nullable: true, example: '203.0.113.*' })
  clientIpMasked: string | null;

  @ApiProperty({ description: 'Structured details: identifiers and counts, never personal data in clear.', type: 'object', additionalProperties: true })
  details: Record<string, unknown>;

  @ApiProperty({
    description: 'SHA-256 of the event\'s link in the tamper-evident hash chain; null until the background sealer has sealed it (within about `AUDIT_SEAL_INTERVAL_MS`).',
    type: String,
    nullable: true,
    pattern: '^[0-9a-f]{64}$',
  })
  chainHash: string | null;
}

/** A page of audit events. */
export class AuditEventListResponseDto {
  @ApiProperty({ type: [AuditEventResponseDto] })
  events: AuditEventResponseDto[];

  @ApiProperty({ description: 'Order of this page.', enum: AUDIT_ORDERS })
  order: (typeof AUDIT_ORDERS)[number];

  @ApiProperty({
    description: 'Pass as `cursor` (same filters and order) for the next page: the last event\'s id, or the cursor you sent when the page is empty (with `order=asc` you can poll with it for newer events); null on an empty first page.',
    type: String,
    nullable: true,
    example: '977',
  })
  nextCursor: string | null;

  @ApiProperty({ description: 'True when another page follows.' })
  hasMore: boolean;
}
