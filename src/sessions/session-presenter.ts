import { SessionEntity } from './session.entity';
import { TIMEOUT_END_REASONS } from './domain/session-end-reasons';
import { sessionDeadlines, SessionTimeouts } from './domain/session-timeouts';
import { SessionResponseDto, SessionSummaryDto } from './dto/session.dto';

/** A session as the API shows it; `replacedBy` is the session that took it over, if any. */
export function presentSession(session: SessionEntity, timeouts: SessionTimeouts, replacedBy: SessionEntity | null = null): SessionResponseDto {
  const active = session.status === 'active';
  return {
    id: session.id,
    status: active ? 'active' : session.endReason && TIMEOUT_END_REASONS.includes(session.endReason) ? 'expired' : 'ended',
    organizationId: session.organizationId,
    bindingId: session.bindingId,
    startedAt: session.startedAt.toISOString(),
    lastActivityAt: session.lastActivityAt.toISOString(),
    endedAt: session.endedAt ? session.endedAt.toISOString() : null,
    endReason: session.endReason,
    expiresAt: active ? sessionDeadlines(session, timeouts).expiresAt.toISOString() : null,
    clientIpMasked: session.clientIpMasked,
    device: session.device,
    ...(replacedBy ? { replacedBy: summarizeSession(replacedBy) } : {}),
  };
}

/** Where and since when a session is, for the user's eyes. */
export function summarizeSession(session: SessionEntity): SessionSummaryDto {
  return {
    startedAt: session.startedAt.toISOString(),
    lastActivityAt: session.lastActivityAt.toISOString(),
    clientIpMasked: session.clientIpMasked,
    device: session.device,
  };
}
