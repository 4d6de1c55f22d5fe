import type { AuditEventInput } from '../audit/audit-row';
import { platformAccountKey, PlatformPrincipal } from '../auth/platform-principal';
import type { RequestMeta } from '../common/http/request-meta';

/**
 * The audit event of a resolution: every outcome is recorded, BOUND as a success, anything
 * else as a failure with the status as its reason. One builder for the full path and the
 * one-statement path of a returning user, so both write the same row.
 */
export function resolutionAuditEvent(
  principal: Pick<PlatformPrincipal, 'issuer' | 'subject' | 'userType'>,
  meta: Pick<RequestMeta, 'requestId' | 'clientIp'>,
  status: string,
  organizationId: string | null,
): AuditEventInput {
  return {
    actorKind: 'platform_user',
    actor: platformAccountKey(principal),
    action: 'resolution.resolved',
    targetType: 'organization',
    targetId: organizationId,
    outcome: status === 'BOUND' ? 'success' : 'failure',
    reason: status,
    requestId: meta.requestId,
    clientIp: meta.clientIp,
    details: { userType: principal.userType },
  };
}
