import { KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { createRemoteJWKSet, decodeProtectedHeader } from 'jose';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';

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
        })
      : null;
  }

  /**
   * The public key that should have signed `rawJwt`.
   * @throws when the header is malformed, the algorithm is not allowed, or no key matches.
   */
  async publicKeyFor(rawJwt: string): Promise<KeyObject> {
    const header = decodeProtectedHeader(rawJwt);
    if (!header.alg || !this.algorithms.has(header.alg)) throw new Error(`algorithm ${String(header.alg)} not allowed`);
    if (!this.keySet) throw new Error('no PLATFORM_JWKS_URI: JWTs are not accepted');
    const key = await this.keySet({ alg: header.alg, kid: header.kid });
    let keyObject = this.keyObjects.get(key);
    if (!keyObject) {
      keyObject = KeyObject.from(key);
      this.keyObjects.set(key, keyObject);
    }
    return keyObject;
  }
}
