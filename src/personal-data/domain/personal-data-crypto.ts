import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { normalizeResidentId } from '../../registry/domain/resident-id';

/**
 * Protection of personal data at rest (PIPL art. 51: encryption, de-identification). Pure
 * functions of their keys; no framework.
 *
 * - Resident ID numbers are never stored: only a keyed hash (HMAC-SHA256, for exact look-up)
 *   and a masked form (for people to recognise). A plain SHA-256 would not do: the space of
 *   resident ID numbers is small enough to enumerate, the secret key is what protects them.
 * - Values that must be read back in clear (the contact mobile the reviewing registrar calls)
 *   are encrypted with AES-256-GCM: `enc:v1:<iv>:<tag>:<ciphertext>` (base64url parts).
 */

/** Prefix of an encrypted value; anything else stored in such a column is a pre-encryption value. */
export const ENCRYPTED_PREFIX = 'enc:v1:';

/** `hmac-sha256:<hex>` of the normalised resident ID (full-width digits, spaces and a lower-case x do not change it). */
export function residentIdHash(residentId: string, key: string): string {
  const normalized = normalizeResidentId(residentId);
  return `hmac-sha256:${createHmac('sha256', key).update(normalized, 'utf8').digest('hex')}`;
}

/** Encrypt `plaintext` with a 32-byte key (fresh 96-bit IV each time). */
export function encryptPersonalValue(plaintext: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${ENCRYPTED_PREFIX}${iv.toString('base64url')}:${cipher.getAuthTag().toString('base64url')}:${ciphertext.toString('base64url')}`;
}

/**
 * Decrypt a value made by {@link encryptPersonalValue}. A value without the prefix is returned
 * as is (stored before encryption was introduced).
 * @throws Error when the value was tampered with or the key is wrong.
 */
export function decryptPersonalValue(stored: string, key: Buffer): string {
  if (!stored.startsWith(ENCRYPTED_PREFIX)) return stored;
  const parts = stored.slice(ENCRYPTED_PREFIX.length).split(':');
  if (parts.length !== 3) throw new Error('malformed encrypted value');
  const [iv, tag, ciphertext] = parts.map((p) => Buffer.from(p, 'base64url'));
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
}
