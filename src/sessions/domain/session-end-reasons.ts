/**
 * Why a session ended. Stable snake_case values, stored and returned as `endReason`.
 * - `logout`: the user logged out (DELETE /v1/sessions/{id});
 * - `takeover`: a login elsewhere confirmed the 图11 prompt (`takeover: true`);
 * - `replaced_by_new_login`: policy `terminate_oldest` ended it for a new login;
 * - `idle_timeout` / `absolute_timeout`: expired;
 * - `binding_superseded`: the organization was established; natural-person bindings no longer count;
 * - `binding_revoked`: the binding was revoked;
 * - `organization_deregistered`: the organization was deregistered (all its bindings revoked).
 */
export const SESSION_END_REASONS = [
  'logout',
  'takeover',
  'replaced_by_new_login',
  'idle_timeout',
  'absolute_timeout',
  'binding_superseded',
  'binding_revoked',
  'organization_deregistered',
] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

/** The reasons meaning the session ran out of time (its state reads `expired`). */
export const TIMEOUT_END_REASONS: readonly SessionEndReason[] = ['idle_timeout', 'absolute_timeout'];
