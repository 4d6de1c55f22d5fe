/**
 * Whose audit events a reader may see. Every query of the audit trail takes one explicitly;
 * there is no default.
 *
 * - `all`: every event (operators, `orgbind:operator` scope).
 * - `authorities`: events about organizations registered with one of these registration
 *   authorities (`organization.authority_code`), or about the authorities themselves. For
 *   registrars, with the codes from their roster entry. An empty list sees nothing.
 */
export type AuditScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'authorities'; readonly authorityCodes: readonly string[] };

export const AuditScope = {
  all: (): AuditScope => ({ kind: 'all' }),
  authorities: (authorityCodes: readonly string[]): AuditScope => ({ kind: 'authorities', authorityCodes: [...authorityCodes] }),
};
