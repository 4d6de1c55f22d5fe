/**
 * Scopes a service client (the management system, operator tools) may hold in its token's
 * `scope` claim. Granted by the platform's client registration, never by a user.
 */
export const ServiceScope = {
  /** Registry sync: upsert organizations, establishment, deregistration. */
  REGISTRY_WRITE: 'orgbind:registry.write',
  /** Read the event feed. */
  EVENTS_READ: 'orgbind:events.read',
  /** Operator API: roster management, look-ups across all jurisdictions. */
  OPERATOR: 'orgbind:operator',
  /** Sessions API on behalf of users (management system). */
  SESSIONS: 'orgbind:sessions',
} as const;
export type ServiceScope = (typeof ServiceScope)[keyof typeof ServiceScope];

/** A service client behind a verified token. */
export interface ServicePrincipal {
  readonly issuer: string;
  /** `client_id` claim when present, else `sub`. */
  readonly clientId: string;
  readonly scopes: ReadonlySet<string>;
}

/** Every {@link ServiceScope}, in declaration order (the one list the CLI and docs read). */
export const SERVICE_SCOPES: readonly ServiceScope[] = Object.values(ServiceScope);

/** Whether `value` is one of the {@link ServiceScope}s. */
export function isServiceScope(value: string): value is ServiceScope {
  return (SERVICE_SCOPES as readonly string[]).includes(value);
}

/**
 * What each scope is for and one request it allows, for `npm run token -- --help` and the
 * README. Keyed by {@link ServiceScope}, so a new scope does not compile without its entry.
 */
export const SERVICE_SCOPE_USAGE: { readonly [S in ServiceScope]: { readonly holder: string; readonly grants: string; readonly example: string } } = {
  [ServiceScope.REGISTRY_WRITE]: {
    holder: 'management system',
    grants: 'registry sync: upsert organizations, establishment, deregistration',
    example: 'PUT /v1/organizations/{externalId}',
  },
  [ServiceScope.EVENTS_READ]: {
    holder: 'management system',
    grants: 'read the event feed',
    example: 'GET /v1/events?after=0',
  },
  [ServiceScope.OPERATOR]: {
    holder: 'operator tools',
    grants: 'operator API: registrar roster, lockouts, support look-ups, audit trail',
    example: 'GET /v1/registrars',
  },
  [ServiceScope.SESSIONS]: {
    holder: 'management system',
    grants: 'sessions API on behalf of users',
    example: 'GET /v1/sessions/{id}',
  },
};
