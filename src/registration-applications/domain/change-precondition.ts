import { ApplicationAction, ApplicationStatus, transition } from './application-status';

/** Why a change to an application cannot be made. */
export type ChangeRefusal =
  /** The status does not allow the action (409): nothing a reload would fix. */
  | { readonly kind: 'status'; readonly currentStatus: ApplicationStatus }
  /** The caller saw another version (412): reload and decide again. */
  | { readonly kind: 'version'; readonly currentVersion: number };

/**
 * Whether `action` may change an application now in `current`, given the versions the caller
 * saw (`null`: unconditional, only for the applicant's withdrawal without If-Match). The status
 * is checked first: when it no longer allows the action, a fresh version would not help. Pure.
 */
export function refuseChange(
  current: { readonly status: ApplicationStatus; readonly version: number },
  action: ApplicationAction,
  seenVersions: readonly number[] | null,
): ChangeRefusal | null {
  if (!transition(current.status, action).allowed) return { kind: 'status', currentStatus: current.status };
  if (seenVersions !== null && !seenVersions.includes(current.version)) return { kind: 'version', currentVersion: current.version };
  return null;
}
