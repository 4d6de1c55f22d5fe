import { DataSource } from 'typeorm';

/**
 * Invariant queries of the binding model: each returns the rows that break one rule, so an
 * empty result everywhere means no half-written state. Scoped to `organizationIds` when given
 * (the shared e2e database holds other specs' deliberately odd arrangements); `null` checks the
 * whole database (a private scratch database).
 */
export const INVARIANTS: Readonly<Record<string, string>> = {
  'one active binding per platform account': `
    SELECT issuer, subject, count(*)::int AS n FROM binding
     WHERE status = 'active' AND ($1::uuid[] IS NULL OR organization_id = ANY($1))
     GROUP BY issuer, subject HAVING count(*) > 1`,
  'one active legal-person binding per organization': `
    SELECT organization_id, count(*)::int AS n FROM binding
     WHERE status = 'active' AND kind = 'legal_person' AND ($1::uuid[] IS NULL OR organization_id = ANY($1))
     GROUP BY organization_id HAVING count(*) > 1`,
  'one active session per organization': `
    SELECT organization_id, count(*)::int AS n FROM session
     WHERE ended_at IS NULL AND ($1::uuid[] IS NULL OR organization_id = ANY($1))
     GROUP BY organization_id HAVING count(*) > 1`,
  'an active session belongs to an active binding of its organization': `
    SELECT s.id FROM session s JOIN binding b ON b.id = s.binding_id
     WHERE s.ended_at IS NULL AND (b.status <> 'active' OR b.organization_id <> s.organization_id)
       AND ($1::uuid[] IS NULL OR s.organization_id = ANY($1))`,
  'a legacy account is bound exactly when its binding exists (same organization)': `
    SELECT la.id FROM legacy_account la LEFT JOIN binding b ON b.id = la.bound_binding_id
     WHERE ((la.status = 'bound') <> (la.bound_binding_id IS NOT NULL)
            OR (la.bound_binding_id IS NOT NULL AND (b.id IS NULL OR b.organization_id <> la.organization_id OR b.kind <> 'legacy_account'))
            OR ((la.status = 'bound') <> (la.bound_at IS NOT NULL)))
       AND ($1::uuid[] IS NULL OR la.organization_id = ANY($1))`,
  'an active legacy-account binding has its legacy account': `
    SELECT b.id FROM binding b
     WHERE b.kind = 'legacy_account' AND b.status = 'active' AND ($1::uuid[] IS NULL OR b.organization_id = ANY($1))
       AND NOT EXISTS (SELECT 1 FROM legacy_account la WHERE la.bound_binding_id = b.id)`,
  'an approved application has its organization and its binding': `
    SELECT ra.id FROM registration_application ra
     WHERE ra.status = 'approved' AND ($1::uuid[] IS NULL OR ra.organization_id = ANY($1))
       AND (ra.organization_id IS NULL OR NOT EXISTS (
             SELECT 1 FROM binding b WHERE b.organization_id = ra.organization_id AND b.issuer = ra.issuer AND b.subject = ra.subject AND b.kind = 'application'))`,
  'an idempotency key points at an existing application': `
    SELECT k.idempotency_key FROM registration_application_idempotency_key k
     LEFT JOIN registration_application ra ON ra.id = k.application_id
     WHERE ra.id IS NULL AND $1::uuid[] IS NULL`,
};

/** Every invariant that is broken, with up to five offending rows each (empty: all hold). */
export async function brokenInvariants(dataSource: DataSource, organizationIds: string[] | null = null): Promise<Record<string, unknown[]>> {
  const broken: Record<string, unknown[]> = {};
  for (const [name, sql] of Object.entries(INVARIANTS)) {
    const rows: unknown[] = await dataSource.query(sql, [organizationIds]);
    if (rows.length) broken[name] = rows.slice(0, 5);
  }
  return broken;
}
