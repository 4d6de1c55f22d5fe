import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireServiceScopes } from '../auth/service-auth.guard';
import { ServiceScope } from '../auth/service-principal';
import { EventFeedQueryDto, EventFeedResponseDto } from './dto/event-feed.dto';
import { EventsService } from './events.service';

@ApiTags('events')
@Controller({ path: 'events', version: '1' })
@RequireServiceScopes(ServiceScope.EVENTS_READ)
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @ApiOperation({
    operationId: 'listEvents',
    summary: 'Read the event feed after a cursor',
    description:
      'At-least-once, strictly ordered feed of changes (applications, bindings, organizations, sessions), written ' +
      'in the same transaction as each change. Keep the `nextCursor` of the last page you fully processed ' +
      '(durably, after processing), and ask again with `after=` it; on a crash you re-read from there, so handle ' +
      'events idempotently (by `cursor`). Requires scope `orgbind:events.read`.',
  })
  @ApiOkResponse({ type: EventFeedResponseDto })
  async list(@Query() query: EventFeedQueryDto): Promise<EventFeedResponseDto> {
    const after = query.after ?? '0';
    const limit = query.limit ?? 100;
    const rows = await this.events.readAfter(after, limit + 1);
    const page = rows.slice(0, limit);
    return {
      events: page.map((e) => ({
        cursor: e.id,
        type: e.type,
        occurredAt: e.occurredAt.toISOString(),
        aggregateType: e.aggregateType,
        aggregateId: e.aggregateId,
        data: e.data,
      })),
      nextCursor: page.length > 0 ? page[page.length - 1].id : after,
      hasMore: rows.length > limit,
    };
  }
}
