import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { z } from 'zod';

/** The signing algorithm of the development platform's access tokens. */
export const DEV_PLATFORM_SIGNING_ALG = 'RS256';

/** A private JSON Web Key with the members the platform relies on. */
export type PrivateJwk = JWK & { readonly kty: string; readonly d: string; readonly kid: string };

/** A private JWKS as stored in the keys file. */
export interface PrivateJwks {
  readonly keys: readonly PrivateJwk[];
}

const jwkSchema = z.looseObject({
  kty: z.string().min(1),
  d: z.string({ error: 'not a private key (no "d")' }).min(1, { error: 'not a private key (empty "d")' }),
  kid: z.string().min(1).optional(),
  alg: z.string().min(1).optional(),
  use: z.string().min(1).optional(),
});
const jwksSchema = z.object({ keys: z.array(jwkSchema).min(1, 'holds no keys') });

/**
 * Generate one RS256 signing key as a private JWK with `kid` (RFC 7638 thumbprint), `alg`
 * and `use: 'sig'`.
 */
export async function generateSigningKey(): Promise<PrivateJwk> {
  const { privateKey } = await generateKeyPair(DEV_PLATFORM_SIGNING_ALG, { extractable: true });
  const jwk = await exportJWK(privateKey);
  if (jwk.kty === undefined || jwk.d === undefined) throw new Error('key generation returned no private JWK');
  const kid = await calculateJwkThumbprint(jwk, 'sha256');
  return { ...jwk, kty: jwk.kty, d: jwk.d, kid, alg: DEV_PLATFORM_SIGNING_ALG, use: 'sig' };
}

/**
 * Check a private JWKS given by the caller or read from disk, and fill in missing `kid`s.
 * @param source names the origin in error messages (a file path, or "options.jwks").
 * @throws Error when the set is malformed, holds a public key, or has no RS256-capable RSA key.
 */
export async function normalizePrivateJwks(raw: unknown, source: string): Promise<PrivateJwks> {
  const parsed = jwksSchema.safeParse(raw);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`development platform keys (${source}) are invalid: ${detail}`);
  }
  const keys: PrivateJwk[] = [];
  for (const key of parsed.data.keys) {
    const kid = key.kid ?? (await calculateJwkThumbprint(key, 'sha256'));
    keys.push({ ...(key as JWK), kty: key.kty, d: key.d, kid });
  }
  const canSign = keys.some(
    (k) => k.kty === 'RSA' && (k.alg === undefined || k.alg === DEV_PLATFORM_SIGNING_ALG) && k.use !== 'enc',
  );
  if (!canSign) {
    throw new Error(`development platform keys (${source}) hold no RSA key usable for ${DEV_PLATFORM_SIGNING_ALG}`);
  }
  const kids = new Set(keys.map((k) => k.kid));
  if (kids.size !== keys.length) throw new Error(`development platform keys (${source}) repeat a "kid"`);
  return { keys };
}

/** `error.code` of a Node.js system error (not `instanceof Error`: it may come from another realm, e.g. under jest). */
function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** Result of {@link loadOrCreateKeysFile}. */
export interface KeysFileResult {
  readonly jwks: PrivateJwks;
  /** `true` when the file did not exist and was written now. */
  readonly created: boolean;
  /** Set when the existing file is readable by group or others. */
  readonly warning?: string;
}

async function readKeysFile(file: string): Promise<KeysFileResult> {
  const text = await readFile(file, 'utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error(`development platform keys file ${file} is not valid JSON (delete it to generate new keys)`);
  }
  const jwks = await normalizePrivateJwks(raw, `${file}; delete it to generate new keys`);
  let warning: string | undefined;
  if (process.platform !== 'win32') {
    const { mode } = await stat(file);
    if ((mode & 0o077) !== 0) {
      warning = `development platform keys file ${file} is readable by other users (mode ${(mode & 0o777).toString(8)}); chmod 600 it`;
    }
  }
  return { jwks, created: false, warning };
}

/**
 * Read the private JWKS from `file`, or generate one RS256 key and write it there (mode 0600,
 * parent folders created with mode 0700). Creation is atomic: the key set is written to a
 * temporary file and hard-linked into place, so concurrent starts (parallel test workers) all
 * end up with the same, complete file.
 */
export async function loadOrCreateKeysFile(file: string): Promise<KeysFileResult> {
  try {
    return await readKeysFile(file);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }

  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const jwks: PrivateJwks = { keys: [await generateSigningKey()] };
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, `${JSON.stringify(jwks, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
  try {
    await chmod(temporary, 0o600); // the umask may have narrowed it further, never widened; be explicit
    await link(temporary, file);
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
    return await readKeysFile(file); // another process won the race
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
  return { jwks, created: true };
}
