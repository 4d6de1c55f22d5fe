import { AccountBindingFacts } from './resolution';

/** What a login claims, as far as the returning-user fast path needs it. */
export interface ReturningLogin {
  /** Platform user type claimed by the token (`legal_person`, `natural_person`, …). */
  readonly userType: string;
  readonly claimedUscc: string | undefined;
  readonly claimedName: string | undefined;
}

/**
 * True when a returning user's login can be answered BOUND from its active binding alone: a
 * legal-person user whose claimed USCC and name are exactly (code point for code point) those
 * of its bound, established organization; a natural-person user whose bound organization is
 * still in formation and whose binding is not scheduled to be superseded (no establishment
 * grace period running). For such a login {@link decideLegalPerson} / {@link decideNaturalPerson}
 * answer BOUND whatever else holds (`bound-login.spec.ts` checks it for arbitrary facts), so
 * the service reads the binding and records the audit event in one statement
 * (`BOUND_RESOLUTION_QUERY`, whose WHERE clause is this predicate in SQL). Any other login
 * takes the full path.
 */
export function isUnchangedBoundLogin(login: ReturningLogin, binding: AccountBindingFacts): boolean {
  const organization = binding.organization;
  if (login.userType === 'legal_person') {
    return organization.status === 'established'
      && organization.uscc !== null
      && organization.uscc === login.claimedUscc
      && organization.name === login.claimedName;
  }
  return organization.status === 'in_formation' && binding.supersedeAt === null;
}
