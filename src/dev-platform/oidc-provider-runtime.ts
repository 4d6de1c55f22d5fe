import type { IncomingMessage, ServerResponse } from 'node:http';
import { loadDevelopmentPackage } from '../common/development-package';

/**
 * The small part of `oidc-provider` 9.x the development platform uses, typed locally.
 *
 * `oidc-provider` ships no type declarations and is ESM-only, so it is loaded with a real
 * dynamic `import()` and its shape is checked at runtime ({@link loadOidcProvider}) instead of
 * declaring an ambient module for the whole project.
 */

/** The Koa context oidc-provider passes to configuration callbacks (only what we read). */
export interface OidcContext {
  readonly oidc: {
    /** The parsed request body (token endpoint: every form parameter, unfiltered). */
    readonly body?: Readonly<Record<string, unknown>>;
    /** The recognized parameters of the request (an extension grant: those it registered). */
    readonly params?: Readonly<Record<string, unknown>>;
    readonly client?: OidcClient;
  };
  /** Koa: the response body. */
  body?: unknown;
  /** Koa: the request path. */
  readonly path?: string;
}

/** A token model instance as seen by `extraTokenClaims` and the JWT customizer. */
export interface OidcToken {
  /** Model name, e.g. `ClientCredentials`. */
  readonly kind: string;
  readonly clientId?: string;
  /** Extra claims stored with an opaque token (returned by introspection). */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** An authenticated client (`ctx.oidc.client`). */
export interface OidcClient {
  readonly clientId: string;
  readonly clientAuthMethod?: string;
}

/** The opaque access token model (`provider.AccessToken`). */
export interface OidcAccessTokenModel {
  new (values: {
    readonly client: OidcClient;
    readonly accountId?: string;
    readonly grantId?: string;
    readonly scope: string;
    readonly gty: string;
    readonly extra?: Record<string, unknown>;
  }): { save(): Promise<string>; readonly expiration: number };
}

/** The grant model (`provider.Grant`): what a user granted a client. */
export interface OidcGrantModel {
  new (values: { readonly accountId: string; readonly clientId: string }): {
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  };
}

/** An account as `findAccount` returns it. */
export interface OidcAccount {
  readonly accountId: string;
  claims(): MaybePromise<Record<string, unknown>>;
}

/** The JWT access token before signing, as handed to `formats.customizers.jwt`. */
export interface OidcStructuredJwt {
  header?: Record<string, unknown>;
  payload: Record<string, unknown>;
}

/** What `features.resourceIndicators.getResourceServerInfo` returns. */
export interface OidcResourceServerInfo {
  readonly scope: string;
  readonly audience: string;
  readonly accessTokenTTL: number;
  readonly accessTokenFormat: 'jwt';
  readonly jwt: { readonly sign: { readonly alg: string } };
}

/** A storage adapter instance (oidc-provider's adapter interface). */
export interface OidcAdapter {
  upsert(id: string, payload: Record<string, unknown>, expiresIn?: number): Promise<void>;
  find(id: string): Promise<Record<string, unknown> | undefined>;
  findByUserCode(userCode: string): Promise<Record<string, unknown> | undefined>;
  findByUid(uid: string): Promise<Record<string, unknown> | undefined>;
  consume(id: string): Promise<void>;
  destroy(id: string): Promise<void>;
  revokeByGrantId(grantId: string): Promise<void>;
}

/** Static client metadata (snake_case, as in the OAuth dynamic registration spec). */
export interface OidcClientMetadata {
  readonly client_id: string;
  readonly client_secret?: string;
  readonly grant_types: readonly string[];
  readonly response_types: readonly string[];
  readonly redirect_uris: readonly string[];
  readonly token_endpoint_auth_method: string;
  /** Public keys of a `private_key_jwt` client. */
  readonly jwks?: { readonly keys: readonly Record<string, unknown>[] };
  /** Where a `private_key_jwt` client publishes its public keys. */
  readonly jwks_uri?: string;
  readonly token_endpoint_auth_signing_alg?: string;
}

/** oidc-provider awaits the result of every configuration callback. */
export type MaybePromise<T> = T | Promise<T>;

/** The configuration keys the development platform sets. */
export interface OidcConfiguration {
  readonly adapter: (model: string) => OidcAdapter;
  readonly clients: readonly OidcClientMetadata[];
  readonly jwks: { readonly keys: readonly Record<string, unknown>[] };
  readonly clientBasedCORS: () => boolean;
  readonly ttl: { readonly ClientCredentials: number; readonly AccessToken: number; readonly Grant: number };
  /** Claims released per scope (UserInfo). */
  readonly claims: Readonly<Record<string, readonly string[]>>;
  readonly scopes: readonly string[];
  readonly findAccount: (ctx: OidcContext, sub: string, token?: OidcToken) => MaybePromise<OidcAccount | undefined>;
  readonly features: {
    readonly devInteractions: { readonly enabled: false };
    readonly clientCredentials: { readonly enabled: true };
    readonly introspection: { readonly enabled: true; readonly allowedPolicy: (ctx: OidcContext, client: OidcClient, token: OidcToken) => MaybePromise<boolean> };
    readonly revocation: { readonly enabled: true; readonly allowedPolicy: (ctx: OidcContext, client: OidcClient, token: OidcToken) => MaybePromise<boolean> };
    readonly userinfo: { readonly enabled: true };
    readonly resourceIndicators: {
      readonly enabled: true;
      readonly defaultResource: () => MaybePromise<string>;
      readonly useGrantedResource: () => MaybePromise<boolean>;
      readonly getResourceServerInfo: (
        ctx: OidcContext,
        resourceIndicator: string,
        client: { readonly clientId: string },
      ) => MaybePromise<OidcResourceServerInfo>;
    };
  };
  readonly extraTokenClaims: (ctx: OidcContext, token: OidcToken) => MaybePromise<Record<string, unknown> | undefined>;
  readonly formats: {
    readonly customizers: {
      readonly jwt: (ctx: OidcContext, token: OidcToken, jwt: OidcStructuredJwt) => MaybePromise<void>;
    };
  };
}

/** A constructed provider: a Koa application. */
export interface OidcProvider {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  on(event: 'server_error', listener: (ctx: unknown, error: Error) => void): unknown;
  /** Register an extension grant (RFC 6749 §4.5): `handler` answers the token request; `params` are its form parameters. */
  registerGrantType(name: string, handler: (ctx: OidcContext) => Promise<void>, params: readonly string[]): void;
  readonly AccessToken: OidcAccessTokenModel;
  readonly Grant: OidcGrantModel;
}

/** An OAuth error class exported by oidc-provider (`errors.InvalidRequest`, ...). */
export type OidcErrorClass = new (description?: string) => Error;

/** The loaded module. */
export interface OidcProviderModule {
  readonly Provider: new (issuer: string, configuration: OidcConfiguration) => OidcProvider;
  readonly errors: {
    readonly InvalidRequest: OidcErrorClass;
    readonly InvalidTarget: OidcErrorClass;
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * The module specifier is held in a `string` variable so TypeScript does not look for
 * declarations; with `module: nodenext` the `import()` stays a real dynamic import in the
 * CommonJS output (required: the package is ESM-only).
 */
const OIDC_PROVIDER_SPECIFIER: string = 'oidc-provider';

let loaded: Promise<OidcProviderModule> | undefined;

/**
 * Load `oidc-provider` once and check that it has the shape this module relies on.
 * @throws Error when the installed package does not look like oidc-provider 9.x.
 */
export function loadOidcProvider(): Promise<OidcProviderModule> {
  loaded ??= loadDevelopmentPackage<unknown>('oidc-provider', 'the development platform', () => import(OIDC_PROVIDER_SPECIFIER)).then((mod: unknown): OidcProviderModule => {
    if (!isRecord(mod)) throw new Error('oidc-provider: unexpected module shape');
    const Provider = mod.Provider ?? mod.default;
    const errors = mod.errors;
    if (
      typeof Provider !== 'function' ||
      !isRecord(errors) ||
      typeof errors.InvalidRequest !== 'function' ||
      typeof errors.InvalidTarget !== 'function'
    ) {
      throw new Error('oidc-provider: unexpected module shape (is oidc-provider 9.x installed?)');
    }
    return {
      Provider: Provider as OidcProviderModule['Provider'],
      errors: {
        InvalidRequest: errors.InvalidRequest as OidcErrorClass,
        InvalidTarget: errors.InvalidTarget as OidcErrorClass,
      },
    };
  });
  loaded.catch(() => {
    loaded = undefined;
  });
  return loaded;
}

interface StoredEntry {
  readonly payload: Record<string, unknown>;
  readonly expiresAt: number;
}

/**
 * Upper bound on stored entries. JWT access tokens are stateless; opaque tokens and their grants
 * are stored until they expire (two entries per opaque user token: the benchmark mints 10,000).
 */
const MAX_ENTRIES = 100_000;

/**
 * A small in-memory adapter, one store per provider instance. JWT access tokens are not stored
 * (oidc-provider only stores opaque artifacts: opaque access tokens and their grants); it exists
 * so the provider does not fall back to its shared global quick-start adapter (and its warning).
 */
export function createMemoryAdapterFactory(): (model: string) => OidcAdapter {
  const store = new Map<string, StoredEntry>();

  const get = (key: string): Record<string, unknown> | undefined => {
    const entry = store.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= Date.now()) {
      store.delete(key);
      return undefined;
    }
    return entry.payload;
  };

  const prune = (): void => {
    const now = Date.now();
    for (const [key, entry] of store) if (entry.expiresAt <= now) store.delete(key);
    // Still too big: drop the oldest insertions (Map keeps insertion order).
    for (const key of store.keys()) {
      if (store.size < MAX_ENTRIES) break;
      store.delete(key);
    }
  };

  return (model: string): OidcAdapter => {
    const prefix = `${model}:`;
    const findBy = (match: (payload: Record<string, unknown>) => boolean): Record<string, unknown> | undefined => {
      for (const key of store.keys()) {
        if (!key.startsWith(prefix)) continue;
        const payload = get(key);
        if (payload !== undefined && match(payload)) return payload;
      }
      return undefined;
    };
    const keyFor = (id: string): string => `${prefix}${id}`;
    const adapter: OidcAdapter = {
      upsert(id, payload, expiresIn) {
        if (store.size >= MAX_ENTRIES) prune();
        const ttlMs = typeof expiresIn === 'number' ? expiresIn * 1000 : Number.POSITIVE_INFINITY;
        store.set(keyFor(id), { payload, expiresAt: Date.now() + ttlMs });
        return Promise.resolve();
      },
      find(id) {
        return Promise.resolve(get(keyFor(id)));
      },
      findByUid(uid) {
        return Promise.resolve(findBy((payload) => payload.uid === uid));
      },
      findByUserCode(userCode) {
        return Promise.resolve(findBy((payload) => payload.userCode === userCode));
      },
      consume(id) {
        const payload = get(keyFor(id));
        if (payload !== undefined) payload.consumed = Math.floor(Date.now() / 1000);
        return Promise.resolve();
      },
      destroy(id) {
        store.delete(keyFor(id));
        return Promise.resolve();
      },
      revokeByGrantId(grantId) {
        for (const [key, entry] of store) if (entry.payload.grantId === grantId) store.delete(key);
        return Promise.resolve();
      },
    };
    return adapter;
  };
}
