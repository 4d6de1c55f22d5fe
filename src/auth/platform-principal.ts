import { UserType } from '../bindings/binding.entity';

/**
 * The platform user behind a verified token. Claims are the platform's; we never trust
 * a claim for authorization beyond who the user is (registrar rights come from our roster).
 */
export interface PlatformPrincipal {
  /** `iss` of the token. */
  readonly issuer: string;
  /** `sub` of the token. */
  readonly subject: string;
  readonly userType: UserType;
  /** Organization name (legal-person) or person name (natural-person), exactly as claimed. */
  readonly name: string | undefined;
  /** USCC as claimed (legal-person users); not yet validated. */
  readonly uscc: string | undefined;
  /** Resident ID number as claimed (natural-person users). Personal data: never log it. */
  readonly residentId: string | undefined;
  /** Mobile number as claimed. Personal data: never log it. */
  readonly phone: string | undefined;
  /** Real-name verification level, e.g. `enterprise`, `government`, `none`. */
  readonly verificationLevel: string | undefined;
  /** `jti` when present. */
  readonly tokenId: string | undefined;
}

/** Stable key of a platform account. */
export function platformAccountKey(p: Pick<PlatformPrincipal, 'issuer' | 'subject'>): string {
  return `${p.issuer}|${p.subject}`;
}
