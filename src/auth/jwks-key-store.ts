import { KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { createRemoteJWKSet, customFetch, decodeProtectedHeader } from 'jose';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';

/** Distinct protected headers whose key {@link JwksKeyStore} remembers (the platform uses one per signing key). */
export const LOOKED_UP_MAX = 64;

/**
 * The platform's signing keys, from its JWKS URI (jose's remote key set: cached for
 * `PLATFORM_JWKS_CACHE_MAX_AGE_SECONDS`, refetched on an unknown `kid` at most once per
 * `PLATFORM_JWKS_COOLDOWN_SECONDS`). Each key is converted once to a Node `KeyObject`, which
 * passport-jwt hands to jsonwebtoken as is (a PEM string would be parsed again on every request:
 * ~40 µs each, see bench/results).
 */
@Injectable()
export class JwksKeyStore {
  /** `null` when no token is a JWT (`PLATFORM_TOKEN_MODE` introspection/userinfo without a JWKS). */
  private readonly keySet: ReturnType<typeof createRemoteJWKSet> | null;
  private readonly keyObjects = new WeakMap<object, KeyObject>();
  /**
   * The keys already looked up, by the token's encoded protected header (the platform signs every
   * token with the same header, so the everyday look-up decodes nothing; the same header means
   * the same `alg` and `kid`, already checked), with the count of JWKS fetches when they were
   * found: an entry is used only while jose's key set is fresh (`PLATFORM_JWKS_CACHE_MAX_AGE_SECONDS`)
   * and no JWKS has been fetched since, so after any refetch (a rotated or withdrawn key) the key
   * set is asked again. At most {@link LOOKED_UP_MAX} headers (emptied when full: headers with
   * extra fields cannot grow it without bound).
   */
  private readonly lookedUp = new Map<string, { readonly fetches: number; readonly key: KeyObject }>();
  /** JWKS fetches so far (jose's fetch goes through {@link customFetch}). */
  private fetches = 0;
  private readonly algorithms: ReadonlySet<string>;

  constructor(@InjectConfig() config: AppConfig) {
    const { jwksUri, jwksCooldownSeconds, jwksCacheMaxAgeSeconds, algorithms } = config.platform;
    const usesJwt = config.platform.tokenMode === 'jwt' || config.platform.serviceTokenMode === 'jwt';
    if (!jwksUri && usesJwt) throw new Error('PLATFORM_JWKS_URI is not resolved');
    this.algorithms = new Set(algorithms);
    this.keySet = jwksUri
      ? createRemoteJWKSet(new URL(jwksUri), {
          cooldownDuration: jwksCooldownSeconds * 1000,
          cacheMaxAge: jwksCacheMaxAgeSeconds * 1000,
          timeoutDuration: 5000,
          [customFetch]: (url, options) => {
            this.fetches++;
            return fetch(url, options);
          },
        })
      : null;
  }

  /**
   * The public key that should have signed `rawJwt`: at once when the same `alg`/`kid` was looked up in
   * the current, fresh key set (the everyday case: no promise, no key-set search), else a promise of
   * jose's remote key set look-up (which fetches the JWKS when needed).
   * @throws (synchronously, or as the promise's rejection) when the header is malformed, the algorithm
   *   is not allowed, or no key matches.
   */
  keyFor(rawJwt: string): KeyObject | Promise<KeyObject> {
    const keySet = this.keySet;
    const dot = rawJwt.indexOf('.');
    const cacheKey = dot < 0 ? rawJwt : rawJwt.slice(0, dot);
    const known = keySet ? this.lookedUp.get(cacheKey) : undefined;
    if (known && known.fetches === this.fetches && keySet?.fresh) return known.key;
    const header = decodeProtectedHeader(rawJwt);
    if (!header.alg || !this.algorithms.has(header.alg)) throw new Error(`algorithm ${String(header.alg)} not allowed`);
    if (!keySet) throw new Error('no PLATFORM_JWKS_URI: JWTs are not accepted');
    return this.lookUp(keySet, header.alg, header.kid, cacheKey);
  }

  private async lookUp(keySet: NonNullable<JwksKeyStore['keySet']>, alg: string, kid: string | undefined, cacheKey: string): Promise<KeyObject> {
    const key = await keySet({ alg, kid });
    let keyObject = this.keyObjects.get(key);
    if (!keyObject) {
      keyObject = KeyObject.from(key);
      this.keyObjects.set(key, keyObject);
    }
    // Found in the key set of the latest fetch, unless another fetch is under way (it may drop the key).
    if (!keySet.reloading) {
      if (this.lookedUp.size >= LOOKED_UP_MAX) this.lookedUp.clear();
      this.lookedUp.set(cacheKey, { fetches: this.fetches, key: keyObject });
    }
    return keyObject;
  }
}
