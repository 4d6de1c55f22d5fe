import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWK } from 'jose';
import {
  assertClaimNames,
  DEV_PLATFORM_ATTRIBUTE_SCOPE,
  DEV_PLATFORM_CLIENTS,
  DEV_PLATFORM_OPAQUE_GRANT_TYPE,
  DEV_PLATFORM_RESOURCE_SERVER,
  DEV_PLATFORM_USER_TOKEN_SCOPE,
  type DevTokenFormat,
  MINT_PARAMETERS,
  parseMintParameters,
  type PlatformClaimNames,
  type PlatformUserClaims,
  requestDevPlatformToken,
  resourceIndicatorFor,
} from './dev-platform-claims';
import { DEV_PLATFORM_SIGNING_ALG, generateSigningKey, loadOrCreateKeysFile, normalizePrivateJwks, type PrivateJwks } from './dev-platform-keys';
import { createMemoryAdapterFactory, loadOidcProvider, type OidcClientMetadata, type OidcConfiguration, type OidcContext } from './oidc-provider-runtime';

export {
  defaultDevSubject,
  DEV_PLATFORM_CLIENT_ID,
  DEV_PLATFORM_CLIENTS,
  DEV_PLATFORM_OPAQUE_GRANT_TYPE,
  DEV_PLATFORM_RESOURCE_SERVER,
  type DevTokenFormat,
  DEV_PLATFORM_OPERATOR_CLIENT_ID,
  findDevPlatformClient,
  DevPlatformTokenError,
  requestDevPlatformToken,
  serviceClientClaims,
  type DevPlatformClient,
  type DevPlatformTarget,
  type PlatformClaimNames,
  type PlatformUserClaims,
} from './dev-platform-claims';
export {
  clearDevPlatformState,
  devPlatformKeysFile,
  devPlatformStateFile,
  isProcessAlive,
  readDevPlatformState,
  writeDevPlatformState,
  type DevPlatformState,
} from './dev-platform-state';

/** Where the development platform reports (a Nest `Logger` or `console` fits). */
export interface DevPlatformLogger {
  warn(message: string): void;
  log(message: string): void;
}

/** Options of {@link startDevPlatform}. */
export interface DevPlatformOptions {
  /** TCP port; `0` picks any free port (tests). */
  readonly port: number;
  /** Interface to listen on; default `127.0.0.1`. Anything but loopback is warned about. */
  readonly host?: string;
  /**
   * JSON file holding the private JWKS. Created (mode 0600, parent folders made) when missing,
   * reused when present, so tokens stay verifiable across restarts.
   */
  readonly keysFile?: string;
  /** Explicit private keys instead of `keysFile` (tests). Without either, a fresh key is generated in memory. */
  readonly jwks?: { readonly keys: readonly JWK[] };
  /** `aud` of every access token. */
  readonly audience: string;
  /** Token claim names for the user attributes (`AppConfig.platform.claims`). */
  readonly claimNames: PlatformClaimNames;
  /** Access token lifetime; default 3600. */
  readonly accessTokenTtlSeconds?: number;
  /** Default: `console`. */
  readonly logger?: DevPlatformLogger;
  /**
   * Further clients to register, e.g. a resource server that authenticates with
   * `private_key_jwt` (tests). Raw oidc-provider client metadata.
   */
  readonly extraClients?: readonly OidcClientMetadata[];
}

/** Requests the platform served, per endpoint (tests count platform calls with it). */
export interface DevPlatformRequestCounts {
  readonly token: number;
  readonly introspection: number;
  readonly userinfo: number;
  readonly revocation: number;
}

/** Faults to simulate (tests): every introspection and UserInfo answer waits `delayMs` first. */
export interface DevPlatformFaults {
  readonly delayMs?: number;
}

/** A running development platform. */
export interface DevPlatform {
  /** `http://127.0.0.1:PORT`. */
  readonly issuer: string;
  /** `{issuer}/jwks`: the public signing keys. */
  readonly jwksUri: string;
  readonly audience: string;
  /** `{issuer}/token/introspection` (RFC 7662). */
  readonly introspectionEndpoint: string;
  /** `{issuer}/me` (OIDC Core §5.3). */
  readonly userinfoEndpoint: string;
  /** `{issuer}/token/revocation` (RFC 7009). */
  readonly revocationEndpoint: string;
  /**
   * Mint an access token for this user through a real token request to the platform: a signed
   * JWT (default) or, with `{ format: 'opaque' }`, an opaque reference token.
   */
  mintToken(claims: PlatformUserClaims, options?: { readonly format?: DevTokenFormat }): Promise<string>;
  /** Revoke a token at the revocation endpoint, as the client that minted it (default client). */
  revokeToken(token: string): Promise<void>;
  /** Requests served so far, per endpoint. */
  requestCounts(): DevPlatformRequestCounts;
  /** Replace the simulated faults (tests). */
  simulate(faults: DevPlatformFaults): void;
  /** Stop listening and drop open connections. Safe to call twice. */
  close(): Promise<void>;
}

/** Which counter of {@link DevPlatformRequestCounts} a request path belongs to. */
function endpointOf(path: string | undefined): keyof DevPlatformRequestCounts | undefined {
  switch (path) {
    case '/token':
      return 'token';
    case '/token/introspection':
      return 'introspection';
    case '/me':
      return 'userinfo';
    case '/token/revocation':
      return 'revocation';
    default:
      return undefined;
  }
}

const DEFAULT_TTL_SECONDS = 3600;

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** Host part of the issuer URL for a listening address (wildcards are reached through loopback). */
function issuerHost(host: string): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return reachable.includes(':') ? `[${reachable}]` : reachable;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error & { code?: string }): void => {
      if (error.code === 'EADDRINUSE') {
        reject(new Error(`development platform: ${host}:${port} is already in use (another \`npm start\`? set DEV_PLATFORM_PORT)`, { cause: error }));
      } else {
        reject(error);
      }
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('development platform: server has no TCP address'));
      } else {
        resolve(address);
      }
    });
  });
}

async function resolveKeys(opts: DevPlatformOptions, logger: DevPlatformLogger): Promise<PrivateJwks> {
  if (opts.jwks !== undefined && opts.keysFile !== undefined) {
    throw new Error('development platform: give either keysFile or jwks, not both');
  }
  if (opts.jwks !== undefined) return normalizePrivateJwks(opts.jwks, 'options.jwks');
  if (opts.keysFile !== undefined) {
    const result = await loadOrCreateKeysFile(opts.keysFile);
    if (result.warning !== undefined) logger.warn(result.warning);
    logger.log(`development platform: ${result.created ? 'generated signing key into' : 'signing keys from'} ${opts.keysFile}`);
    return result.jwks;
  }
  return { keys: [await generateSigningKey()] };
}

/**
 * Start the DEVELOPMENT-ONLY stand-in for the provincial unified identity platform: a real
 * OpenID provider (`oidc-provider`) on loopback that issues RS256 JWT access tokens carrying
 * the platform's claim set, with its public keys at `{issuer}/jwks`.
 *
 * Tokens are minted with the client-credentials grant and an RFC 8707 resource indicator; the
 * user's attributes travel as `dev_*` form parameters (see {@link PlatformUserClaims}). The
 * token's `sub` is the requested platform subject, `client_id` the registered development client
 * that asked ({@link DEV_PLATFORM_CLIENTS}).
 *
 * It mints a token for whoever asks: never expose it, never use it in production.
 */
export async function startDevPlatform(opts: DevPlatformOptions): Promise<DevPlatform> {
  const logger = opts.logger ?? console;
  const host = opts.host ?? '127.0.0.1';
  const ttl = opts.accessTokenTtlSeconds ?? DEFAULT_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl <= 0) throw new Error('development platform: accessTokenTtlSeconds must be a positive integer');
  if (opts.audience.length === 0) throw new Error('development platform: audience is empty');
  assertClaimNames(opts.claimNames);
  const claimNames = { ...opts.claimNames };
  const audience = opts.audience;
  const resourceIndicator = resourceIndicatorFor(audience);

  const [{ Provider, errors }, jwks] = await Promise.all([loadOidcProvider(), resolveKeys(opts, logger)]);

  let handler: RequestListener | undefined;
  const counts = { token: 0, introspection: 0, userinfo: 0, revocation: 0 };
  let faults: DevPlatformFaults = {};
  const server = createServer((req, res) => {
    if (handler === undefined) {
      res.statusCode = 503; // a request racing startup
      res.end();
      return;
    }
    const endpoint = endpointOf(req.url?.split('?')[0]);
    if (endpoint !== undefined) counts[endpoint] += 1;
    const delayMs = endpoint === 'introspection' || endpoint === 'userinfo' ? (faults.delayMs ?? 0) : 0;
    const serve = handler;
    if (delayMs > 0) setTimeout(() => serve(req, res), delayMs).unref();
    else serve(req, res);
  });
  const address = await listen(server, opts.port, host);
  const issuer = `http://${issuerHost(host)}:${address.port}`;

  const configuration: OidcConfiguration = {
    adapter: createMemoryAdapterFactory(),
    clients: [
      ...DEV_PLATFORM_CLIENTS.map((client) => ({
        client_id: client.id,
        client_secret: client.secret,
        grant_types: ['client_credentials', DEV_PLATFORM_OPAQUE_GRANT_TYPE],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic',
      })),
      {
        client_id: DEV_PLATFORM_RESOURCE_SERVER.id,
        client_secret: DEV_PLATFORM_RESOURCE_SERVER.secret,
        grant_types: [],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic',
      },
      ...(opts.extraClients ?? []),
    ],
    jwks: { keys: jwks.keys },
    clientBasedCORS: () => false,
    ttl: { ClientCredentials: ttl, AccessToken: ttl, Grant: ttl },
    // UserInfo releases the platform attributes under their configured names for the `orgbind` scope.
    scopes: ['openid', DEV_PLATFORM_ATTRIBUTE_SCOPE],
    claims: { openid: ['sub'], [DEV_PLATFORM_ATTRIBUTE_SCOPE]: Object.values(claimNames) },
    // An opaque user token keeps the attributes it was minted with (its `extra`): UserInfo answers them.
    findAccount: (_ctx, sub, token) => ({ accountId: sub, claims: () => ({ ...(token?.extra ?? {}), sub }) }),
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      // Any confidential client may introspect (the resource server above; a token's own client).
      introspection: { enabled: true, allowedPolicy: (_ctx, client) => client.clientAuthMethod !== 'none' },
      revocation: { enabled: true, allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId },
      userinfo: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resourceIndicator,
        useGrantedResource: () => false,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== resourceIndicator) {
            throw new errors.InvalidTarget(`unknown resource; this platform issues tokens for ${resourceIndicator}`);
          }
          return {
            scope: '',
            audience,
            accessTokenTTL: ttl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: DEV_PLATFORM_SIGNING_ALG } },
          };
        },
      },
    },
    // oidc-provider 9 drops unknown token-endpoint parameters from ctx.oidc.params (its
    // `extraParams` apply to the authorization endpoint only), so the dev_* parameters are
    // read from the parsed body.
    extraTokenClaims: (ctx, token) => {
      // An opaque token of the extension grant below brings its claims along (set at its creation).
      if (token.kind !== 'ClientCredentials') return token.extra === undefined ? undefined : { ...token.extra };
      const request = parseMintParameters(ctx.oidc.body, claimNames);
      if ('error' in request) throw new errors.InvalidRequest(request.error);
      return { ...request.claims };
    },
    // For client credentials oidc-provider sets `sub` to the client id, after the extra claims;
    // the JWT customizer runs last and puts the requested platform subject there instead.
    formats: {
      customizers: {
        jwt: (ctx, token, jwt) => {
          if (token.kind !== 'ClientCredentials') return;
          const request = parseMintParameters(ctx.oidc.body, claimNames);
          if ('error' in request) throw new errors.InvalidRequest(request.error);
          jwt.payload.sub = request.sub;
          if (request.scope !== undefined) jwt.payload.scope = request.scope;
        },
      },
    },
  };

  try {
    const provider = new Provider(issuer, configuration);
    provider.on('server_error', (_ctx, error) => {
      logger.warn(`development platform: server error: ${error.stack ?? error.message}`);
    });
    provider.registerGrantType(
      DEV_PLATFORM_OPAQUE_GRANT_TYPE,
      async (ctx: OidcContext) => {
        const request = parseMintParameters(ctx.oidc.params, claimNames);
        if ('error' in request) throw new errors.InvalidRequest(request.error);
        const client = ctx.oidc.client!;
        // A user token belongs to the platform account `sub` and may call UserInfo; a service
        // client's token (scope requested, `sub` the client id) carries only its scopes.
        const isService = request.scope !== undefined;
        const grantId = isService
          ? undefined
          : await (() => {
              const grant = new provider.Grant({ accountId: request.sub, clientId: client.clientId });
              grant.addOIDCScope(DEV_PLATFORM_USER_TOKEN_SCOPE);
              return grant.save();
            })();
        const token = new provider.AccessToken({
          client,
          ...(isService ? {} : { accountId: request.sub, grantId }),
          scope: isService ? request.scope! : DEV_PLATFORM_USER_TOKEN_SCOPE,
          gty: DEV_PLATFORM_OPAQUE_GRANT_TYPE,
          extra: isService ? { sub: request.sub } : { ...request.claims },
        });
        const value = await token.save();
        ctx.body = { access_token: value, token_type: 'Bearer', expires_in: token.expiration, scope: isService ? request.scope : DEV_PLATFORM_USER_TOKEN_SCOPE };
      },
      Object.values(MINT_PARAMETERS),
    );
    handler = provider.callback();
  } catch (error) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw error;
  }

  logger.warn(
    `DEVELOPMENT-ONLY identity platform listening at ${issuer} (audience "${audience}"): ` +
      'it issues a signed token to anyone who asks. Never use it in production.',
  );
  if (!isLoopback(host)) {
    logger.warn(`development platform: listening on ${host}, which is not loopback: other machines can mint tokens`);
  }

  let closing: Promise<void> | undefined;
  return {
    issuer,
    jwksUri: `${issuer}/jwks`,
    audience,
    introspectionEndpoint: `${issuer}/token/introspection`,
    userinfoEndpoint: `${issuer}/me`,
    revocationEndpoint: `${issuer}/token/revocation`,
    mintToken: (claims, options = {}) => requestDevPlatformToken({ issuer, audience }, claims, options),
    revokeToken: async (token) => {
      const client = DEV_PLATFORM_CLIENTS[0];
      const response = await fetch(`${issuer}/token/revocation`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.id)}:${encodeURIComponent(client.secret)}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ token }),
      });
      if (!response.ok) throw new Error(`development platform: revocation answered ${response.status}`);
    },
    requestCounts: () => ({ ...counts }),
    simulate: (next) => {
      faults = { ...next };
    },
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
