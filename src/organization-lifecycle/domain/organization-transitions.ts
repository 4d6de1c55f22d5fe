/**
 * The organization state machine and what each transition does to bindings (pure).
 *
 *   in_formation ──establish──▶ established ──deregister──▶ deregistered
 *        └──────────────────deregister─────────────────────────▲
 *
 * Establishment (guide §二(二)2, §3 注4: the last step is seal and bank-account filing,
 * 银行印章备案) supersedes the natural-person bindings (kinds `legacy_account`, `application`):
 * from then on the organization logs in with a legal-person user. Deregistration revokes every
 * binding. Nothing leaves `deregistered`, and nothing goes back to `in_formation`.
 */

export const ORGANIZATION_LIFECYCLE_STATUSES = ['in_formation', 'established', 'deregistered'] as const;
export type LifecycleStatus = (typeof ORGANIZATION_LIFECYCLE_STATUSES)[number];

/** A status change that has effects. */
export type LifecycleTransition = 'establish' | 'deregister';

/** The answer for a requested status. */
export type TransitionCheck =
  | { readonly allowed: true; readonly transition: LifecycleTransition | null }
  | { readonly allowed: false; readonly from: LifecycleStatus; readonly to: LifecycleStatus };

const TRANSITIONS: Readonly<Record<LifecycleStatus, Partial<Record<LifecycleStatus, LifecycleTransition>>>> = {
  in_formation: { established: 'establish', deregistered: 'deregister' },
  established: { deregistered: 'deregister' },
  deregistered: {},
};

/**
 * May an organization go from `from` to `to`? Staying in the same status is allowed and is no
 * transition (`transition: null`); any other move not in the diagram is refused.
 */
export function checkTransition(from: LifecycleStatus, to: LifecycleStatus): TransitionCheck {
  if (from === to) return { allowed: true, transition: null };
  const transition = TRANSITIONS[from][to];
  return transition ? { allowed: true, transition } : { allowed: false, from, to };
}

/** Binding kinds, as stored. */
export type LifecycleBindingKind = 'legal_person' | 'legacy_account' | 'application';

/** What a transition does to an active binding of a given kind. */
export type BindingEffect = 'supersede' | 'revoke' | 'keep';

/** The effect of `transition` on an active binding of `kind`. */
export function bindingEffect(transition: LifecycleTransition, kind: LifecycleBindingKind): BindingEffect {
  if (transition === 'deregister') return 'revoke';
  return kind === 'legal_person' ? 'keep' : 'supersede';
}

/**
 * When natural-person bindings stop counting after an establishment at `now`: at once
 * (`null`) without a grace period, else `now + graceHours` (`ESTABLISHMENT_GRACE_PERIOD_HOURS`).
 */
export function supersessionDeadline(now: Date, graceHours: number): Date | null {
  return graceHours > 0 ? new Date(now.getTime() + graceHours * 3_600_000) : null;
}

/** Is a binding with this supersession deadline still usable at `now`? */
export function isWithinGracePeriod(supersedeAt: Date | null, now: Date): boolean {
  return supersedeAt === null || now < supersedeAt;
}
