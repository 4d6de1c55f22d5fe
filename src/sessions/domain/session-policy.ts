import { SessionEndReason } from './session-end-reasons';

/**
 * What a login does while another session of the same organization account is active:
 * - `prompt` (default, guide 图11): answer with the other session's details; the user confirms
 *   and the login is repeated with `takeover: true`, which ends the other session;
 * - `deny_new`: refuse the new login until the other session ends (logout or timeout);
 * - `terminate_oldest`: end the other session and open the new one, without asking.
 */
export const SESSION_POLICIES = ['prompt', 'deny_new', 'terminate_oldest'] as const;
export type SessionPolicy = (typeof SESSION_POLICIES)[number];

/** What to do with a session opening. */
export type SessionOpeningDecision =
  /** Open; end the other active session first (with `endOther` as its reason) when given. */
  | { readonly action: 'open'; readonly endOther: Extract<SessionEndReason, 'takeover' | 'replaced_by_new_login'> | null }
  /** 409 SESSION_ACTIVE_ELSEWHERE: ask the user; a repeat with `takeover: true` opens. */
  | { readonly action: 'prompt' }
  /** 409 SESSION_LIMIT_REACHED: policy `deny_new`, takeover not possible. */
  | { readonly action: 'deny' };

/**
 * Decide a session opening. `otherActive` means: another session of the organization account
 * is active and has not expired (an expired one is ended first and does not count).
 */
export function decideSessionOpening(args: { policy: SessionPolicy; takeover: boolean; otherActive: boolean }): SessionOpeningDecision {
  if (!args.otherActive) return { action: 'open', endOther: null };
  switch (args.policy) {
    case 'prompt':
      return args.takeover ? { action: 'open', endOther: 'takeover' } : { action: 'prompt' };
    case 'deny_new':
      return { action: 'deny' };
    case 'terminate_oldest':
      return { action: 'open', endOther: args.takeover ? 'takeover' : 'replaced_by_new_login' };
  }
}
