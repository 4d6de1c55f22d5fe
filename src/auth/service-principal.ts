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
