/**
 * Keys protecting personal data at rest, and their development defaults. Pure.
 *
 * DEVELOPMENT ONLY: the two defaults below are public (they are in the source code); they let
 * a developer run the service without setting secrets. Production refuses to start without
 * `PERSONAL_DATA_HASH_KEY` and `PERSONAL_DATA_ENCRYPTION_KEY` (config/app-config.ts).
 */
export const DEVELOPMENT_HASH_KEY = 'orgbind-DEVELOPMENT-ONLY-resident-id-hash-key-not-secret';

/** DEVELOPMENT ONLY (public): 32 bytes as 64 hex digits. */
export const DEVELOPMENT_ENCRYPTION_KEY = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

/** Default days ended sessions are kept (device description and masked IP are personal data). */
export const DEFAULT_SESSION_RETENTION_DAYS = 180;

/** A 32-byte AES key from 64 hex digits or base64; `null` when it is neither or not 32 bytes. */
export function personalDataKeyBytes(value: string): Buffer | null {
  const trimmed = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return null;
  const bytes = Buffer.from(trimmed, 'base64');
  return bytes.length === 32 ? bytes : null;
}
