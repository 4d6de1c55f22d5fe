import { randomBytes } from 'node:crypto';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import { legacyHash, LegacyHashScheme } from './domain/legacy-hash';

/**
 * Wrapping legacy password hashes: the stored verifier is Argon2id(legacy hash), so a leaked
 * table costs an attacker one Argon2id per guess and per account instead of one MD5, and the
 * bare legacy hash (which would itself be a password: "pass the hash") is never stored.
 *
 * @node-rs/argon2 computes on libuv's thread pool (UV_THREADPOOL_SIZE, default 4), so hashing
 * and verifying never block the event loop; concurrency is bounded by the pool.
 */

/** Argon2id cost parameters of new verifiers (config: LEGACY_ARGON2_*). */
export interface Argon2Params {
  /** Memory in KiB. */
  readonly memoryKib: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

/** OWASP Password Storage Cheat Sheet minimum for Argon2id: 19 MiB, 2 passes, 1 lane. */
export const DEFAULT_ARGON2_PARAMS: Argon2Params = { memoryKib: 19_456, timeCost: 2, parallelism: 1 };

/** @node-rs/argon2's `Algorithm.Argon2id` (a const enum, which isolated compilation cannot inline). */
const ARGON2ID = 2;

/** The Argon2id verifier (PHC string, random 16-byte salt) of a legacy hash (or plaintext password). */
export function wrapLegacyHash(wrapInput: string, params: Argon2Params): Promise<string> {
  return argon2Hash(wrapInput, { algorithm: ARGON2ID, memoryCost: params.memoryKib, timeCost: params.timeCost, parallelism: params.parallelism });
}

/** Whether `verifier` wraps `wrapInput` (false for a malformed verifier). Parameters come from the verifier. */
export async function verifyWrappedLegacyHash(verifier: string, wrapInput: string): Promise<boolean> {
  try {
    return await argon2Verify(verifier, wrapInput);
  } catch {
    return false;
  }
}

/** What verifying a password needs of a legacy account. */
export interface StoredLegacyCredential {
  readonly scheme: LegacyHashScheme;
  readonly legacySalt: string | null;
  readonly verifier: string;
}

/** Whether `password` is the legacy account's password: Argon2id-verify(verifier, legacyHash(password)). */
export async function verifyLegacyPassword(stored: StoredLegacyCredential, password: string): Promise<boolean> {
  return verifyWrappedLegacyHash(stored.verifier, await legacyHash(stored.scheme, password, stored.legacySalt));
}

/**
 * A verifier of a random secret with the given parameters: verified against when a login name
 * is unknown, so that an unknown login costs the same Argon2id as a known MD5/SHA account and
 * answers in about the same time.
 */
export function createDummyCredential(params: Argon2Params): Promise<StoredLegacyCredential> {
  return wrapLegacyHash(randomBytes(32).toString('hex'), params).then((verifier) => ({ scheme: 'md5', legacySalt: null, verifier }));
}

/**
 * Run `work` over `items` with at most `concurrency` in flight, keeping order; `onDone` is called
 * after each item. Used to feed the Argon2 thread pool without queueing thousands of tasks.
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
  onDone?: (done: number) => void,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
      onDone?.(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return results;
}
