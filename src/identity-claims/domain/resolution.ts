import { compareOrganizationNames, NameComparisonPolicy, NameDifference } from './name-comparison';

/**
 * The resolution statuses: what the management system should do with a platform login.
 * Source: ../shared/docs/DOMAIN.md "What the management system asks us".
 */
export const ResolutionStatus = {
  BOUND: 'BOUND',
  USCC_INVALID: 'USCC_INVALID',
  ORGANIZATION_NOT_FOUND: 'ORGANIZATION_NOT_FOUND',
  ORGANIZATION_NAME_MISMATCH: 'ORGANIZATION_NAME_MISMATCH',
  LEGAL_PERSON_ALREADY_BOUND: 'LEGAL_PERSON_ALREADY_BOUND',
  ORGANIZATION_DEREGISTERED: 'ORGANIZATION_DEREGISTERED',
  ORGANIZATION_NOT_ESTABLISHED: 'ORGANIZATION_NOT_ESTABLISHED',
  LEGAL_PERSON_ACCOUNT_REQUIRED: 'LEGAL_PERSON_ACCOUNT_REQUIRED',
  PLATFORM_ACCOUNT_BOUND_ELSEWHERE: 'PLATFORM_ACCOUNT_BOUND_ELSEWHERE',
  APPLICATION_PENDING: 'APPLICATION_PENDING',
  APPLICATION_REJECTED: 'APPLICATION_REJECTED',
  BINDING_REQUIRED: 'BINDING_REQUIRED',
} as const;
export type ResolutionStatus = (typeof ResolutionStatus)[keyof typeof ResolutionStatus];

/** The ways a natural-person user without a binding can proceed (guide 图9). */
export const BindingOption = {
  LEGACY_ACCOUNT: 'LEGACY_ACCOUNT',
  REGISTRATION_APPLICATION: 'REGISTRATION_APPLICATION',
} as const;
export type BindingOption = (typeof BindingOption)[keyof typeof BindingOption];

/** What the decision needs to know of an organization. */
export interface OrganizationFacts {
  readonly id: string;
  readonly name: string;
  readonly uscc: string | null;
  readonly status: 'established' | 'in_formation' | 'deregistered';
  readonly type: 'social_group' | 'private_non_enterprise' | 'foundation';
  readonly authorityCode: string | null;
  readonly divisionCode: string | null;
}

/** The platform account's active binding, with its organization. */
export interface AccountBindingFacts {
  readonly bindingId: string;
  readonly kind: 'legal_person' | 'legacy_account' | 'application';
  readonly since: Date;
  readonly organization: OrganizationFacts;
  /** Natural-person binding of an organization established with a grace period: when it stops counting. */
  readonly supersedeAt: Date | null;
}

/** The platform account's most recently ended binding (when it has no active one). */
export interface EndedBindingFacts {
  readonly bindingId: string;
  readonly kind: 'legal_person' | 'legacy_account' | 'application';
  readonly status: 'superseded' | 'revoked';
  /** When it ended: compared with the latest application, the newer tells the user where they stand. */
  readonly endedAt: Date;
  readonly organization: OrganizationFacts;
}

/** The natural-person user's latest registration application (guide 图9 option 二, 图10). */
export interface LatestApplicationFacts {
  readonly id: string;
  readonly status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  readonly authorityCode: string;
  readonly authorityName: string;
  readonly submittedAt: Date;
  readonly decidedAt: Date | null;
  readonly rejectionReason: string | null;
}

/** Outcome of the USCC check, reduced to what the decision needs. */
export type UsccVerdict = { readonly valid: true } | { readonly valid: false; readonly rule: string };

/** A decision: a final status, or `CREATE_LEGAL_PERSON_BINDING` (bind now, then BOUND). */
export type ResolutionDecision =
  | { readonly status: 'BOUND'; readonly binding: AccountBindingFacts }
  | { readonly status: 'CREATE_LEGAL_PERSON_BINDING'; readonly organization: OrganizationFacts }
  | { readonly status: 'USCC_INVALID' }
  | { readonly status: 'ORGANIZATION_NOT_FOUND' }
  | { readonly status: 'ORGANIZATION_NOT_ESTABLISHED'; readonly organization: OrganizationFacts }
  | { readonly status: 'ORGANIZATION_DEREGISTERED'; readonly organization: OrganizationFacts }
  | { readonly status: 'ORGANIZATION_NAME_MISMATCH'; readonly organization: OrganizationFacts; readonly differences: readonly NameDifference[] }
  | { readonly status: 'LEGAL_PERSON_ALREADY_BOUND'; readonly organization: OrganizationFacts; readonly boundSince: Date }
  | { readonly status: 'LEGAL_PERSON_ACCOUNT_REQUIRED'; readonly organization: OrganizationFacts }
  | { readonly status: 'PLATFORM_ACCOUNT_BOUND_ELSEWHERE'; readonly binding: AccountBindingFacts }
  | { readonly status: 'APPLICATION_PENDING'; readonly application: LatestApplicationFacts }
  | { readonly status: 'APPLICATION_REJECTED'; readonly application: LatestApplicationFacts; readonly options: readonly BindingOption[] }
  | { readonly status: 'BINDING_REQUIRED'; readonly options: readonly BindingOption[] };

/** Facts for a legal-person login. */
export interface LegalPersonFacts {
  readonly claimedName: string | undefined;
  readonly claimedUscc: string | undefined;
  readonly uscc: UsccVerdict;
  /** The platform account's active binding, if any. */
  readonly accountBinding: AccountBindingFacts | null;
  /** The organization registered under the claimed USCC, if any. */
  readonly organization: OrganizationFacts | null;
  /** When the organization already has an active legal-person binding of another account: since when. */
  readonly otherLegalPersonBindingSince: Date | null;
  readonly policy: NameComparisonPolicy;
}

/**
 * Decide a legal-person login (guide §二(二)1, 图7): USCC well-formed (GB 32100-2015) unless the
 * registry holds that exact code, organization exists,
 * not deregistered, established, exact certificate name, one USCC one legal-person account.
 * An existing binding is re-checked on every login against the current claims and registry.
 */
export function decideLegalPerson(facts: LegalPersonFacts): ResolutionDecision {
  const bound = facts.accountBinding;
  // Registry data is authoritative: a registered code that fails a check digit still resolves.
  if (!facts.uscc.valid && !facts.organization) return { status: 'USCC_INVALID' };
  const organization = bound && bound.organization.uscc === facts.claimedUscc ? bound.organization : facts.organization;
  if (!organization) return { status: 'ORGANIZATION_NOT_FOUND' };
  if (organization.status === 'deregistered') return { status: 'ORGANIZATION_DEREGISTERED', organization };
  if (organization.status !== 'established') return { status: 'ORGANIZATION_NOT_ESTABLISHED', organization };
  const comparison = compareOrganizationNames(facts.claimedName ?? '', organization.name, facts.policy);
  if (!comparison.equal) return { status: 'ORGANIZATION_NAME_MISMATCH', organization, differences: comparison.differences };
  if (bound && bound.organization.id === organization.id) return { status: 'BOUND', binding: bound };
  if (bound) return { status: 'PLATFORM_ACCOUNT_BOUND_ELSEWHERE', binding: bound };
  if (facts.otherLegalPersonBindingSince) {
    return { status: 'LEGAL_PERSON_ALREADY_BOUND', organization, boundSince: facts.otherLegalPersonBindingSince };
  }
  return { status: 'CREATE_LEGAL_PERSON_BINDING', organization };
}

/** Facts for a natural-person (or individual-business) login. */
export interface NaturalPersonFacts {
  readonly accountBinding: AccountBindingFacts | null;
  /** The latest registration application; looked up only when there is no active binding. */
  readonly latestApplication?: LatestApplicationFacts | null;
  /** Without an active binding: the account's most recently ended one, if any. */
  readonly endedBinding: EndedBindingFacts | null;
  readonly now: Date;
}

/**
 * Decide a natural-person login: an active binding to an organization still in formation is
 * BOUND; once the organization is established it must use a legal-person user (guide §3 注4) —
 * at once, or when the establishment grace period (`supersedeAt`) is over. Without an active
 * binding, the most recent of these tells the user where they stand: a binding ended by
 * establishment (LEGAL_PERSON_ACCOUNT_REQUIRED) or deregistration (ORGANIZATION_DEREGISTERED), or
 * the latest registration application: pending (APPLICATION_PENDING, guide 图10) or rejected with
 * its reason (APPLICATION_REJECTED; the user may apply again). Otherwise (nothing, withdrawn, or an
 * approved application whose binding ended otherwise) the user chooses 图9 option 一 (legacy
 * account) or 二 (application).
 */
export function decideNaturalPerson(facts: NaturalPersonFacts): ResolutionDecision {
  const bound = facts.accountBinding;
  if (bound) {
    const organization = bound.organization;
    if (organization.status === 'deregistered') return { status: 'ORGANIZATION_DEREGISTERED', organization };
    if (organization.status === 'established') {
      const inGracePeriod = bound.supersedeAt !== null && facts.now < bound.supersedeAt;
      return inGracePeriod ? { status: 'BOUND', binding: bound } : { status: 'LEGAL_PERSON_ACCOUNT_REQUIRED', organization };
    }
    return { status: 'BOUND', binding: bound };
  }
  const options = [BindingOption.LEGACY_ACCOUNT, BindingOption.REGISTRATION_APPLICATION];
  const application = facts.latestApplication ?? null;
  const ended = facts.endedBinding;
  const applicationIsNewer = application !== null && ended !== null && application.submittedAt.getTime() > ended.endedAt.getTime();
  if (ended && ended.kind !== 'legal_person' && !applicationIsNewer) {
    const organization = ended.organization;
    if (organization.status === 'deregistered') return { status: 'ORGANIZATION_DEREGISTERED', organization };
    if (ended.status === 'superseded' && organization.status === 'established') return { status: 'LEGAL_PERSON_ACCOUNT_REQUIRED', organization };
  }
  if (application?.status === 'pending') return { status: 'APPLICATION_PENDING', application };
  if (application?.status === 'rejected') return { status: 'APPLICATION_REJECTED', application, options };
  return { status: 'BINDING_REQUIRED', options };
}
