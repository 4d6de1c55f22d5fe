import { compareOrganizationNames, NameComparisonPolicy, NameDifference } from '../../identity-claims/domain/name-comparison';

/**
 * Binding a platform account to an organization in formation by re-authenticating with the old
 * system's credentials (guide 图9 option 一). Pure: no Nest or TypeORM.
 *
 * Order of checks, chosen so that nothing leaks to someone who does not hold the credentials:
 *  1. the user type (natural person or individual business), from the token;
 *  2. the platform account already has an active binding → ALREADY_BOUND (about the caller only);
 *  3. a lockout in force on the login name or the platform account → ACCOUNT_TEMPORARILY_LOCKED,
 *     without looking at the password; otherwise the attempt is charged to both counters, atomically
 *     with that check, so a burst of parallel guesses gets no more password checks than allowed;
 *  4. the credentials: unknown login and wrong password are one INVALID_CREDENTIALS (a dummy
 *     verification runs for unknown logins) and stay counted; right credentials give the charge
 *     back (or, on success, clear the counters);
 *  then, only for the holder of the credentials ({@link decideLegacyBinding}):
 *  5. the legacy account is disabled → LEGACY_ACCOUNT_DISABLED;
 *  6. the organization is deregistered → ORGANIZATION_DEREGISTERED;
 *  7. the organization is established → LEGAL_PERSON_ACCOUNT_REQUIRED;
 *  8. the legacy account is bound to another platform account → LEGACY_ACCOUNT_ALREADY_BOUND;
 *  9. the organization name differs from the registered one → ORGANIZATION_NAME_MISMATCH,
 *     explained position by position (the one refusal the user can fix alone comes last, so that
 *     fixing it is never followed by a refusal nobody can fix);
 * 10. otherwise bind.
 */

/** The legacy account's state as the decision needs it. */
export type LegacyAccountStatus = 'unbound' | 'bound' | 'disabled';

/** Facts gathered (under a row lock on the legacy account) after the credentials were verified. */
export interface LegacyBindingFacts {
  readonly accountStatus: LegacyAccountStatus;
  readonly organization: { readonly name: string; readonly status: 'established' | 'in_formation' | 'deregistered' };
  /** The name the user typed. */
  readonly claimedOrganizationName: string;
  readonly policy: NameComparisonPolicy;
  /** Whether the platform account has an active binding (checked again under the lock). */
  readonly platformAccountBound: boolean;
}

/** The outcome: bind, or the refusal to answer. */
export type LegacyBindingDecision =
  | { readonly outcome: 'BIND' }
  | { readonly outcome: 'ALREADY_BOUND' }
  | { readonly outcome: 'LEGACY_ACCOUNT_DISABLED' }
  | { readonly outcome: 'ORGANIZATION_DEREGISTERED' }
  | { readonly outcome: 'LEGAL_PERSON_ACCOUNT_REQUIRED' }
  | { readonly outcome: 'LEGACY_ACCOUNT_ALREADY_BOUND' }
  | { readonly outcome: 'ORGANIZATION_NAME_MISMATCH'; readonly differences: readonly NameDifference[] };

/** Steps 2 and 5-10 of the order above, for a caller whose credentials were verified. */
export function decideLegacyBinding(facts: LegacyBindingFacts): LegacyBindingDecision {
  if (facts.platformAccountBound) return { outcome: 'ALREADY_BOUND' };
  if (facts.accountStatus === 'disabled') return { outcome: 'LEGACY_ACCOUNT_DISABLED' };
  if (facts.organization.status === 'deregistered') return { outcome: 'ORGANIZATION_DEREGISTERED' };
  if (facts.organization.status === 'established') return { outcome: 'LEGAL_PERSON_ACCOUNT_REQUIRED' };
  if (facts.accountStatus === 'bound') return { outcome: 'LEGACY_ACCOUNT_ALREADY_BOUND' };
  const comparison = compareOrganizationNames(facts.claimedOrganizationName, facts.organization.name, facts.policy);
  if (!comparison.equal) return { outcome: 'ORGANIZATION_NAME_MISMATCH', differences: comparison.differences };
  return { outcome: 'BIND' };
}
