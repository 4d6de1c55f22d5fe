/**
 * A registrar behind a request: the platform account and, from the roster only, the authorities
 * it reviews for. Every review query is scoped by `authorityCodes`.
 */
export interface RegistrarPrincipal {
  readonly registrarId: string;
  readonly issuer: string;
  readonly subject: string;
  /** Never empty. */
  readonly authorityCodes: readonly string[];
}

/** `issuer|subject`, as stored in `decided_by` and audit events. */
export function registrarKey(registrar: Pick<RegistrarPrincipal, 'issuer' | 'subject'>): string {
  return `${registrar.issuer}|${registrar.subject}`;
}
