import { AuditActorKind } from '../audit/audit-event.entity';
import { platformAccountKey, PlatformPrincipal } from '../auth/platform-principal';
import { ServicePrincipal } from '../auth/service-principal';
import { RequestMeta } from '../common/http/request-meta';

/** Who causes a change, for its audit events: a platform user, a service client, or the system. */
export interface ActingParty {
  readonly actorKind: AuditActorKind;
  readonly actor: string | null;
  readonly requestId: string | null;
  /** Raw client IP; the audit stores it masked. */
  readonly clientIp: string | null;
}

/** A platform user acting through a request. */
export function userParty(principal: PlatformPrincipal, meta: RequestMeta): ActingParty {
  return { actorKind: 'platform_user', actor: platformAccountKey(principal), requestId: meta.requestId, clientIp: meta.clientIp ?? null };
}

/** A service client (the management system) acting through a request. */
export function serviceParty(service: ServicePrincipal, meta: RequestMeta): ActingParty {
  return { actorKind: 'service', actor: service.clientId, requestId: meta.requestId, clientIp: meta.clientIp ?? null };
}

/** The service itself (sweeps, lazily applied expiry), optionally during a request. */
export function systemParty(actor: string, meta?: RequestMeta): ActingParty {
  return { actorKind: 'system', actor, requestId: meta?.requestId ?? null, clientIp: null };
}
