import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { importJWK, importPKCS8, type JWK } from 'jose';
import { LRUCache } from 'lru-cache';
import * as oidc from 'openid-client';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { MetricsService } from '../metrics/metrics.service';
import { claimsFromIntrospection, claimsFromUserInfo, OpaqueTokenRejectedError, positiveAnswerTtlMs } from './opaque-token-answer';

/** Where an opaque token is looked up. */
export type OpaqueTokenEndpoint = 'introspection' | 'userinfo';

/** A cached answer: the token's claims, or why it is refused. */
type CachedAnswer = { readonly claims: Record<string, unknown> } | { readonly rejected: OpaqueTokenRejectedError };

/** Thrown inside a look-up when the platform cannot give an answer (never cached). */
class PlatformUnavailableError extends Error {}

/**
 * Checks opaque access tokens with the identity platform, through `openid-client` (a certified
 * OAuth 2.0 / OIDC relying-party library): token introspection (RFC 7662; the request
 * authenticated with orgbind's client credentials: `client_secret_basic`, `client_secret_post`
 * or `private_key_jwt`) or the UserInfo endpoint (OIDC Core §5.3, the token as bearer).
 *
 * Answers are cached in memory (`lru-cache`), keyed by the SHA-256 of the endpoint and token,
 * never by the token itself: a positive answer until the token's `exp` but at most
 * `PLATFORM_TOKEN_CACHE_MAX_TTL_SECONDS`, a negative one for `PLATFORM_TOKEN_NEGATIVE_CACHE_SECONDS`,
 * at most `PLATFORM_TOKEN_CACHE_MAX_ENTRIES` (least recently used out first). Concurrent look-ups
 * of one uncached token make one platform request (lru-cache's `fetch` joins them). A platform
 * that does not answer within `PLATFORM_REQUEST_TIMEOUT_MS`, answers with an error or refuses
 * orgbind's credentials makes the request fail with 503 PLATFORM_UNAVAILABLE and `Retry-After`;
 * such failures are not cached.
 */
@Injectable()
export class OpaqueTokenVerifier {
  private readonly logger = new Logger('PlatformTokens');
  private readonly cache: LRUCache<string, CachedAnswer, { readonly token: string; readonly endpoint: OpaqueTokenEndpoint }>;
  private configuration: Promise<oidc.Configuration> | undefined;
  private readonly platform: AppConfig['platform'];

  constructor(
    @InjectConfig() config: AppConfig,
    private readonly metrics: MetricsService,
  ) {
    this.platform = config.platform;
    const { negativeTtlSeconds } = config.platform.tokenCache;
    this.cache = new LRUCache({
      max: config.platform.tokenCache.maxEntries,
      fetchMethod: async (_key, _stale, { context, options }) => {
        try {
          const claims = await this.ask(context.endpoint, context.token);
          options.ttl = positiveAnswerTtlMs(claims, this.platform.tokenCache.maxTtlSeconds, Date.now());
          return { claims };
        } catch (error) {
          if (!(error instanceof OpaqueTokenRejectedError)) throw error;
          options.ttl = Math.max(1, negativeTtlSeconds * 1000);
          return { rejected: error };
        }
      },
    });
  }

  /**
   * The claims of an active opaque token, from the platform or the cache.
   * @throws OpaqueTokenRejectedError (TOKEN_INVALID, TOKEN_EXPIRED) when the platform does not
   *   vouch for it; DomainError PLATFORM_UNAVAILABLE (503, `Retry-After`) when it cannot tell.
   */
  async verify(token: string, endpoint: OpaqueTokenEndpoint): Promise<Record<string, unknown>> {
    if (Buffer.byteLength(token) > this.platform.maxTokenBytes) throw new OpaqueTokenRejectedError(ErrorCode.TOKEN_INVALID, 'token too large');
    const key = createHash('sha256').update(endpoint).update('\0').update(token).digest('base64url');
    const status: LRUCache.Status<string, CachedAnswer> = {};
    let answer: CachedAnswer | undefined;
    try {
      answer = await this.cache.fetch(key, { context: { token, endpoint }, status });
    } catch (error) {
      this.metrics.recordTokenCache('miss');
      if (!(error instanceof PlatformUnavailableError)) this.logger.error(`opaque token look-up failed: ${error instanceof Error ? error.message : String(error)}`);
      throw new DomainError(ErrorCode.PLATFORM_UNAVAILABLE, {}, {}, { 'retry-after': String(this.platform.unavailableRetryAfterSeconds) });
    }
    if (answer === undefined) throw new DomainError(ErrorCode.PLATFORM_UNAVAILABLE, {}, {}, { 'retry-after': String(this.platform.unavailableRetryAfterSeconds) });
    const hit = status.fetch === 'hit';
    if ('rejected' in answer) {
      this.metrics.recordTokenCache(hit ? 'negative_hit' : 'miss');
      throw answer.rejected;
    }
    // A cached answer never outlives the token's `exp` (its TTL, positiveAnswerTtlMs): no re-check on a hit.
    this.metrics.recordTokenCache(hit ? 'hit' : 'miss');
    return answer.claims;
  }

  /** Ask the platform once; timed and counted. */
  private async ask(endpoint: OpaqueTokenEndpoint, token: string): Promise<Record<string, unknown>> {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    let answer: unknown;
    try {
      const configuration = await this.openidConfiguration();
      answer =
        endpoint === 'introspection'
          ? await oidc.tokenIntrospection(configuration, token, { token_type_hint: 'access_token' })
          : await oidc.fetchUserInfo(configuration, token, oidc.skipSubjectCheck);
    } catch (error) {
      if (isInvalidTokenAnswer(endpoint, error)) {
        this.metrics.recordPlatformRequest(endpoint, 'inactive', seconds());
        throw new OpaqueTokenRejectedError(ErrorCode.TOKEN_INVALID, `the ${endpoint} endpoint refuses the token`);
      }
      this.metrics.recordPlatformRequest(endpoint, 'unavailable', seconds());
      this.logger.warn(`identity platform ${endpoint} failed: ${describeFailure(error)}`);
      throw new PlatformUnavailableError(describeFailure(error), { cause: error });
    }
    try {
      const claims = this.check(endpoint, answer);
      this.metrics.recordPlatformRequest(endpoint, 'active', seconds());
      return claims;
    } catch (error) {
      this.metrics.recordPlatformRequest(endpoint, 'inactive', seconds());
      throw error;
    }
  }

  private check(endpoint: OpaqueTokenEndpoint, answer: unknown): Record<string, unknown> {
    const expected = {
      issuer: this.platform.issuer!,
      audience: this.platform.audience!,
      clockSkewSeconds: this.platform.clockSkewSeconds,
      nowSeconds: Math.floor(Date.now() / 1000),
    };
    return endpoint === 'introspection' ? claimsFromIntrospection(answer, expected) : claimsFromUserInfo(answer, expected);
  }

  /** The openid-client configuration, built once (importing a private key is asynchronous). */
  private openidConfiguration(): Promise<oidc.Configuration> {
    if (!this.configuration) {
      const building = this.buildConfiguration();
      // A failed build (e.g. an unreadable key) is retried by the next look-up.
      building.catch(() => {
        if (this.configuration === building) this.configuration = undefined;
      });
      this.configuration = building;
    }
    return this.configuration;
  }

  private async buildConfiguration(): Promise<oidc.Configuration> {
    const { issuer, introspectionEndpoint, userinfoEndpoint, client, requestTimeoutMs } = this.platform;
    if (!issuer) throw new Error('PLATFORM_ISSUER is not resolved');
    const server: oidc.ServerMetadata = {
      issuer,
      ...(introspectionEndpoint ? { introspection_endpoint: introspectionEndpoint } : {}),
      ...(userinfoEndpoint ? { userinfo_endpoint: userinfoEndpoint } : {}),
    };
    let auth: oidc.ClientAuth = oidc.None();
    if (client?.authMethod === 'client_secret_basic') auth = oidc.ClientSecretBasic(client.secret);
    else if (client?.authMethod === 'client_secret_post') auth = oidc.ClientSecretPost(client.secret);
    else if (client?.authMethod === 'private_key_jwt') {
      const text = client.privateKey.trim();
      const key = text.startsWith('{') ? await importJWK(JSON.parse(text) as JWK, client.assertionAlg) : await importPKCS8(text, client.assertionAlg);
      // Not `instanceof CryptoKey`: the key may come from another realm (e.g. under jest).
      if (key instanceof Uint8Array || key.type !== 'private') throw new Error('PLATFORM_CLIENT_PRIVATE_KEY is not an asymmetric private key');
      auth = oidc.PrivateKeyJwt(client.keyId ? { key, kid: client.keyId } : key);
    }
    const configuration = new oidc.Configuration(server, client?.id ?? 'orgbind', {}, auth);
    configuration.timeout = requestTimeoutMs / 1000;
    // Plain http only reaches here on loopback (the configuration refuses it elsewhere in production).
    if ([introspectionEndpoint, userinfoEndpoint].some((url) => url?.startsWith('http:'))) oidc.allowInsecureRequests(configuration);
    return configuration;
  }
}

/**
 * An answer that judges the token, not a failure of the platform: UserInfo's 401 (RFC 6750 §3.1
 * `invalid_token`); introspection's `unsupported_token_type` (RFC 7009 §2.2.1; oidc-provider's
 * answer for a JWT it will not introspect) or `invalid_token`. Introspection's 401 is about
 * orgbind's own credentials, so it counts as the platform being unavailable.
 */
function isInvalidTokenAnswer(endpoint: OpaqueTokenEndpoint, error: unknown): boolean {
  if (endpoint === 'userinfo') {
    if (error instanceof oidc.WWWAuthenticateChallengeError) return error.status === 401;
    if (error instanceof oidc.ResponseBodyError) return error.status === 401;
    return false;
  }
  return error instanceof oidc.ResponseBodyError && error.status === 400 && ['unsupported_token_type', 'invalid_token'].includes(error.error);
}

/** A failure, without the token (messages of the libraries never carry it). */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const status = (error as { status?: unknown }).status;
  const cause = error.cause instanceof Error ? `: ${error.cause.name} ${error.cause.message}` : '';
  return `${error.name} ${error.message}${typeof status === 'number' ? ` (HTTP ${status})` : ''}${cause}`;
}
