import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsLaterThan } from './is-later-than.validator';

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export const AUDIT_ORDERS = ['desc', 'asc'] as const;

/** RFC 3339 date-time with a time zone and at most microseconds (what PostgreSQL keeps). */
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?(Z|[+-]\d\d:\d\d)$/;

/** Query of `GET /v1/audit-events`. Filters combine with AND. */
export class AuditEventQueryDto {
  @ApiPropertyOptional({ description: 'Only events whose target is this organization (its id).', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({
    description: 'Only events by this actor, exactly as in `actor`: a platform account is `issuer|subject` (e.g. `https://platform.example|u-123`), a service client its client id.',
    maxLength: 512,
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
  actor?: string;

  @ApiPropertyOptional({
    description: 'Only this action (`binding.created`), or a family of actions ending in `.*` (`binding.*`).',
    example: 'resolution.resolved',
    pattern: '^[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*(\\.\\*)?$',
  })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*(\.\*)?$/, { message: 'action must be a dotted action name, optionally ending in .*' })
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional({ description: 'Only events with this outcome.', enum: AUDIT_OUTCOMES })
  @IsOptional()
  @IsIn(AUDIT_OUTCOMES)
  outcome?: (typeof AUDIT_OUTCOMES)[number];

  @ApiPropertyOptional({
    description: 'Only events that occurred at or after this instant: RFC 3339 date-time with a time zone, up to microseconds (as in `occurredAt`).',
    format: 'date-time',
    example: '2026-11-01T00:00:00+08:00',
  })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(RFC3339, { message: 'from must be an RFC 3339 date-time with a time zone' })
  from?: string;

  @ApiPropertyOptional({ description: 'Only events that occurred before this instant (exclusive; RFC 3339 like `from`). Must be later than `from`.', format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(RFC3339, { message: 'to must be an RFC 3339 date-time with a time zone' })
  @IsLaterThan('from')
  to?: string;

  @ApiPropertyOptional({
    description: 'Order by event id: `desc` (default) newest first, `asc` oldest first. Ids follow commit order closely but not exactly; `occurredAt` is the transaction time.',
    enum: AUDIT_ORDERS,
    default: 'desc',
  })
  @IsOptional()
  @IsIn(AUDIT_ORDERS)
  order?: (typeof AUDIT_ORDERS)[number];

  @ApiPropertyOptional({ description: 'Cursor: the `nextCursor` of the previous page (same filters and order). Omit for the first page.', example: '1024' })
  @IsOptional()
  @Matches(/^(0|[1-9]\d{0,18})$/, { message: 'cursor must be a nextCursor returned by this endpoint' })
  cursor?: string;

  @ApiPropertyOptional({ description: 'Events per page (1-200, default 50).', minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
