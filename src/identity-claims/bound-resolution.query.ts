import type { AuditEventEntity } from '../audit/audit-event.entity';
import type { AccountBindingFacts, OrganizationFacts } from './domain/resolution';
import type { ReturningLogin } from './domain/bound-login';

/**
 * The resolution of a returning user in ONE round trip to the database: read the platform
 * account's active binding with its organization and, in the same statement, record the
 * resolution's audit event when the login is an unchanged bound login
 * (`isUnchangedBoundLogin`, whose SQL twin is the WHERE clause of `audited`). The event row is
 * exactly the one the full path writes for BOUND: the caller passes its values, the
 * statement adds `target_id` (the bound organization).
 *
 * A named (prepared) statement: PostgreSQL parses and plans it once per connection. The
 * lookup uses `ux_binding_active_platform_account` (partial unique index on issuer, subject
 * WHERE status = 'active') and the organization's primary key.
 *
 * Plain module (no Nest, no TypeORM at run time): the bench's floor server runs the very same
 * statement.
 */
export const BOUND_RESOLUTION_QUERY = {
  name: 'orgbind_bound_resolution_v2',
  text: `WITH account AS (
  SELECT b.id AS binding_id, b.kind AS binding_kind, b.created_at AS binding_since, b.supersede_at,
         o.id AS organization_id, o.name, o.uscc, o.status, o.type, o.authority_code, o.division_code
  FROM binding b
  JOIN organization o ON o.id = b.organization_id
  WHERE b.issuer = $1 AND b.subject = $2 AND b.status = 'active'
), audited AS (
  INSERT INTO audit_event (actor_kind, actor, action, target_type, target_id, outcome, reason, request_id, client_ip_masked, details)
  SELECT $3, $4, $5, $6, account.organization_id::text, $7, $8, $9, $10, $11::jsonb
  FROM account
  WHERE CASE WHEN $12::text = 'legal_person'
    THEN account.status = 'established' AND account.uscc::text = $13::text AND account.name = $14::text
    ELSE account.status = 'in_formation' AND account.supersede_at IS NULL END
  RETURNING id
)
SELECT account.*, EXISTS (SELECT 1 FROM audited) AS audited FROM account`,
} as const;

/** The audit row of a BOUND resolution, without its target (the statement takes the bound organization). */
export type BoundResolutionAudit = Omit<AuditEventEntity, 'id' | 'occurredAt' | 'targetId'>;

/** One row of {@link BOUND_RESOLUTION_QUERY}. */
export interface BoundResolutionRow {
  readonly binding_id: string;
  readonly binding_kind: AccountBindingFacts['kind'];
  readonly binding_since: Date;
  readonly supersede_at: Date | null;
  readonly organization_id: string;
  readonly name: string;
  readonly uscc: string | null;
  readonly status: OrganizationFacts['status'];
  readonly type: OrganizationFacts['type'];
  readonly authority_code: string | null;
  readonly division_code: string | null;
  readonly audited: boolean;
}

// Lone surrogates and NUL cannot travel to PostgreSQL as text (NUL is refused, a lone
// surrogate would arrive as U+FFFD and could compare equal where JavaScript says different).
// eslint-disable-next-line no-control-regex -- NUL is exactly what we look for
const NOT_SQL_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function sqlText(value: string | undefined): string | null {
  return value === undefined || NOT_SQL_TEXT.test(value) ? null : value;
}

/** Parameters of {@link BOUND_RESOLUTION_QUERY}. A claim that cannot be SQL text never matches. */
export function boundResolutionValues(account: { issuer: string; subject: string }, login: ReturningLogin, audit: BoundResolutionAudit): unknown[] {
  return [
    account.issuer,
    account.subject,
    audit.actorKind,
    audit.actor,
    audit.action,
    audit.targetType,
    audit.outcome,
    audit.reason,
    audit.requestId,
    audit.clientIpMasked,
    JSON.stringify(audit.details),
    login.userType,
    sqlText(login.claimedUscc),
    sqlText(login.claimedName),
  ];
}

/** The binding facts of a row. */
export function boundResolutionFacts(row: BoundResolutionRow): AccountBindingFacts {
  return {
    bindingId: row.binding_id,
    kind: row.binding_kind,
    since: row.binding_since,
    supersedeAt: row.supersede_at,
    organization: {
      id: row.organization_id,
      name: row.name,
      uscc: row.uscc,
      status: row.status,
      type: row.type,
      authorityCode: row.authority_code,
      divisionCode: row.division_code,
    },
  };
}
