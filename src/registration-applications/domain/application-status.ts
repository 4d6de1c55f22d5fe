/**
 * The life of a registration application (guide 图10 and its notes: submitted to the chosen
 * authority, reviewed by its registrar (初审), then usable for login once approved). Pure.
 *
 * ```
 *            approve (registrar)
 *          ┌──────────────────────▶ approved   (organization in formation + binding)
 * pending ─┼──────────────────────▶ rejected   (reason; the applicant may apply again)
 *          └──────────────────────▶ withdrawn  (by the applicant)
 *            reject (registrar) / withdraw (applicant)
 * ```
 * Every status but `pending` is final; a new attempt is a new application.
 */
export const APPLICATION_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** What can happen to an application, and who does it. */
export type ApplicationAction = 'approve' | 'reject' | 'withdraw';

const TRANSITIONS: Readonly<Record<ApplicationAction, { readonly from: ApplicationStatus; readonly to: ApplicationStatus }>> = {
  approve: { from: 'pending', to: 'approved' },
  reject: { from: 'pending', to: 'rejected' },
  withdraw: { from: 'pending', to: 'withdrawn' },
};

/** The outcome of applying an action to a status. */
export type TransitionResult =
  | { readonly allowed: true; readonly from: ApplicationStatus; readonly to: ApplicationStatus }
  | { readonly allowed: false; readonly from: ApplicationStatus; readonly action: ApplicationAction };

/** Whether `action` may happen to an application in `status`, and the status it leads to. */
export function transition(status: ApplicationStatus, action: ApplicationAction): TransitionResult {
  const rule = TRANSITIONS[action];
  if (rule.from !== status) return { allowed: false, from: status, action };
  return { allowed: true, from: status, to: rule.to };
}

/** The status an action requires (what the conditional update checks). */
export function requiredStatus(action: ApplicationAction): ApplicationStatus {
  return TRANSITIONS[action].from;
}

/** The status an allowed action leads to. */
export function targetStatus(action: ApplicationAction): ApplicationStatus {
  return TRANSITIONS[action].to;
}

/** True for statuses nothing can change any more. */
export function isFinal(status: ApplicationStatus): boolean {
  return status !== 'pending';
}
