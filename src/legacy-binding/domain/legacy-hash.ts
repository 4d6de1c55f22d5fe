import { createHash } from 'node:crypto';
import bcrypt from 'bcryptjs';

/**
 * The password hash schemes of old systems, as declared per row of a legacy-account file, and how
 * to recompute each one from a password typed at binding time. The service never stores these
 * hashes bare: it stores Argon2id(legacy hash) (see legacy-verifier.ts), so verifying a password
 * is Argon2id-verify(verifier, legacyHash(scheme, password, salt)).
 * Pure: no Nest or TypeORM (node:crypto and the pure-JS bcryptjs only).
 *
 * Passwords are hashed as UTF-8. Hex digests are compared in lower case.
 */
export const LEGACY_HASH_SCHEMES = [
  'md5',
  'md5_16',
  'md5_salt_password',
  'md5_password_salt',
  'sha1',
  'sha256',
  'bcrypt',
  'plaintext',
] as const;
export type LegacyHashScheme = (typeof LEGACY_HASH_SCHEMES)[number];

/** What each scheme is, for the import's help and docs/operations.md. */
export const LEGACY_HASH_SCHEME_DESCRIPTIONS: Record<LegacyHashScheme, string> = {
  md5: 'MD5 of the password, 32 hex digits',
  md5_16: 'the middle 16 hex digits of the MD5 (digits 9-24), as many older Chinese web systems stored it',
  md5_salt_password: 'MD5 of salt followed by password, 32 hex digits; salt column required',
  md5_password_salt: 'MD5 of password followed by salt, 32 hex digits; salt column required',
  sha1: 'SHA-1 of the password, 40 hex digits',
  sha256: 'SHA-256 of the password, 64 hex digits',
  bcrypt: 'bcrypt string $2a$/$2b$/$2y$ with cost and salt inside (60 characters)',
  plaintext: 'the password itself, in the password column (never stored: wrapped at once)',
};

/** Schemes that need the `salt` column. */
export const SALTED_SCHEMES: ReadonlySet<LegacyHashScheme> = new Set(['md5_salt_password', 'md5_password_salt']);

const HEX_LENGTH: Partial<Record<LegacyHashScheme, number>> = {
  md5: 32,
  md5_16: 16,
  md5_salt_password: 32,
  md5_password_salt: 32,
  sha1: 40,
  sha256: 64,
};

const BCRYPT = /^\$2[aby]\$(\d\d)\$[./A-Za-z0-9]{53}$/;
/** bcrypt's setting: version, cost and the 22-character salt (not the hash). */
const BCRYPT_SETTING_LENGTH = 29;
const MAX_SALT_LENGTH = 128;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** True when `value` names a scheme. */
export function isLegacyHashScheme(value: string): value is LegacyHashScheme {
  return (LEGACY_HASH_SCHEMES as readonly string[]).includes(value);
}

/** A legacy credential ready to be wrapped: the value to wrap and the per-account salt/setting to keep. */
export interface LegacyCredential {
  readonly scheme: LegacyHashScheme;
  /** The legacy hash in its canonical form (lower-case hex, or the bcrypt string), or the plaintext password. */
  readonly wrapInput: string;
  /** Salted MD5: the salt; bcrypt: the setting (`$2b$10$` + 22-character salt); otherwise null. */
  readonly salt: string | null;
}

/** Result of reading a credential from an import row. */
export type LegacyCredentialReading =
  | { readonly ok: true; readonly credential: LegacyCredential }
  | { readonly ok: false; readonly reason: string };

/**
 * Read the credential columns of an import row: `password_hash` (+ `salt`) for hash schemes,
 * `password` for `plaintext` only. Rejections never quote the hash or password.
 */
export function readLegacyCredential(scheme: LegacyHashScheme, values: { hash: string; salt: string; password: string }): LegacyCredentialReading {
  const hash = values.hash.trim();
  const salt = values.salt;
  if (scheme === 'plaintext') {
    if (hash) return { ok: false, reason: 'scheme plaintext takes the password column, not password_hash' };
    if (salt) return { ok: false, reason: 'scheme plaintext takes no salt' };
    if (values.password.length === 0) return { ok: false, reason: 'scheme plaintext needs the password column' };
    return { ok: true, credential: { scheme, wrapInput: values.password, salt: null } };
  }
  if (values.password) return { ok: false, reason: `the password column is only read with scheme plaintext (scheme ${scheme} takes password_hash)` };
  if (!hash) return { ok: false, reason: 'password_hash is required' };
  if (scheme === 'bcrypt') {
    if (salt) return { ok: false, reason: 'scheme bcrypt carries its salt inside password_hash: leave salt empty' };
    const match = BCRYPT.exec(hash);
    if (!match) return { ok: false, reason: 'password_hash is not a bcrypt string ($2a$/$2b$/$2y$, cost, 53 characters of salt and hash)' };
    const cost = Number(match[1]);
    if (cost < 4 || cost > 31) return { ok: false, reason: `bcrypt cost ${cost} is outside 4-31` };
    return { ok: true, credential: { scheme, wrapInput: hash, salt: hash.slice(0, BCRYPT_SETTING_LENGTH) } };
  }
  const length = HEX_LENGTH[scheme];
  if (length === undefined) return { ok: false, reason: `scheme ${scheme} has no reader` };
  if (!new RegExp(`^[0-9a-fA-F]{${length}}$`).test(hash)) {
    return { ok: false, reason: `password_hash for scheme ${scheme} must be ${length} hex digits (found ${[...hash].length} characters)` };
  }
  if (SALTED_SCHEMES.has(scheme)) {
    if (!salt) return { ok: false, reason: `scheme ${scheme} needs the salt column` };
    if (salt.length > MAX_SALT_LENGTH) return { ok: false, reason: `salt longer than ${MAX_SALT_LENGTH} characters` };
    if (CONTROL.test(salt)) return { ok: false, reason: 'salt contains control characters' };
  } else if (salt) {
    return { ok: false, reason: `scheme ${scheme} takes no salt (use md5_salt_password or md5_password_salt)` };
  }
  return { ok: true, credential: { scheme, wrapInput: hash.toLowerCase(), salt: SALTED_SCHEMES.has(scheme) ? salt : null } };
}

/**
 * Recompute the legacy hash of `password` under `scheme` (the value that was wrapped at import).
 * bcrypt is slow by design (its cost is the old system's); the others take microseconds.
 */
export async function legacyHash(scheme: LegacyHashScheme, password: string, salt: string | null): Promise<string> {
  switch (scheme) {
    case 'md5':
      return digest('md5', password);
    case 'md5_16':
      return digest('md5', password).slice(8, 24);
    case 'md5_salt_password':
      return digest('md5', `${requireSalt(scheme, salt)}${password}`);
    case 'md5_password_salt':
      return digest('md5', `${password}${requireSalt(scheme, salt)}`);
    case 'sha1':
      return digest('sha1', password);
    case 'sha256':
      return digest('sha256', password);
    case 'bcrypt':
      return bcrypt.hash(password, requireSalt(scheme, salt));
    case 'plaintext':
      return password;
  }
}

function digest(algorithm: 'md5' | 'sha1' | 'sha256', text: string): string {
  return createHash(algorithm).update(text, 'utf8').digest('hex');
}

function requireSalt(scheme: LegacyHashScheme, salt: string | null): string {
  if (salt === null) throw new Error(`scheme ${scheme} needs a salt`);
  return salt;
}
