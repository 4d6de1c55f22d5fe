import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

/** Query of `GET /v1/events`. */
export class EventFeedQueryDto {
  @ApiPropertyOptional({ description: 'Cursor: the `cursor` of the last event processed (exclusive). Omit to start at the beginning.', example: '1024' })
  @IsOptional()
  @Matches(/^(0|[1-9]\d{0,18})$/, { message: 'after must be a cursor returned by this feed' })
  after?: string;

  @ApiPropertyOptional({ description: 'Maximum number of events to return (1-1000, default 100).', minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

/** One event. */
export class EventDto {
  @ApiProperty({ description: 'Position in the feed; pass it as `after` to continue after this event.', example: '1024' })
  cursor: string;

  @ApiProperty({ description: 'Event type.', example: 'application.submitted' })
  type: string;

  @ApiProperty({ description: 'When the change was committed (ISO 8601).', format: 'date-time' })
  occurredAt: string;

  @ApiProperty({ description: 'Kind of the thing that changed.', example: 'registration_application' })
  aggregateType: string;

  @ApiProperty({ description: 'Id of the thing that changed.' })
  aggregateId: string;

  @ApiProperty({ description: 'Identifiers and statuses; never personal data.', type: 'object', additionalProperties: true })
  data: Record<string, unknown>;
}

/** A page of the feed. */
export class EventFeedResponseDto {
  @ApiProperty({ type: [EventDto] })
  events: EventDto[];

  @ApiProperty({ description: 'Cursor to pass as `after` next time (the last event\'s, or the one you sent when there were none).', example: '1024' })
  nextCursor: string;

  @ApiProperty({ description: 'True when more events are available right now.' })
  hasMore: boolean;
}
