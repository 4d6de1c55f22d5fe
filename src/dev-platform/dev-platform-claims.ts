import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * The development platform's "mint" protocol: a standard OAuth 2.0 client-credentials token
 * request (`POST {issuer}/token`, RFC 8707 resource indicator) whose form carries the platform
 * user's attributes as extra `dev_*` parameters. Shared by the provider (which validates and
 * copies them into the access token) and by every client (`mintToken`, `npm run token`).
 */

/** A platform user, as the development platform should describe it in the access token. */
export interface PlatformUserClaims {
  /** The platform account id; becomes the token's `sub`. Printable ASCII, no spaces, 1–255 characters. */
  readonly sub: string;
  /** Platform user type: `legal_person`, `natural_person`, `individual_business`, or anything else to test rejection. */
  readonly userType: 'legal_person' | 'natural_person' | 'individual_business' | (string & Record<never, never>);
  /** Organization name (legal person) or person's name (natural person). */
  readonly name?: string;
  /** Unified Social Credit Code (sent as given: malformed values are allowed, for tests). */
  readonly uscc?: string;
  /** Resident identity card number (sent as given). */
  readonly residentId?: string;
  readonly phone?: string;
  /** Real-name verification level, e.g. `enterprise`, `government`, `none`. */
  readonly verificationLevel?: string;
  /**
   * Further claims to put in the token, applied after the named ones (so a test may also
   * override a configured claim, e.g. with a wrong type). Registered JWT/OAuth claims
   * (`iss`, `sub`, `aud`, `exp`, ...) are refused.
   */
  readonly extra?: Readonly<Record<string, unknown>>;
  /**
   * Space-separated OAuth scopes for a service client's token (e.g. the management system's
   * `orgbind:registry.write`); becomes the standard `scope` claim.
   */
  readonly scope?: string;
}

/** Token claim names for the platform attributes (`AppConfig.platform.claims`). */
export interface PlatformClaimNames {
  readonly userType: string;
  readonly name: string;
  readonly uscc: string;
  readonly residentId: string;
  readonly phone: string;
  readonly verificationLevel: string;
}

type AttributeKey = keyof PlatformClaimNames;

const ATTRIBUTE_KEYS: readonly AttributeKey[] = ['userType', 'name', 'uscc', 'residentId', 'phone', 'verificationLevel'];

/** Form parameter carrying each user attribute in the token request. */
export const MINT_PARAMETERS = {
  sub: 'dev_sub',
  userType: 'dev_user_type',
  name: 'dev_name',
  uscc: 'dev_uscc',
  residentId: 'dev_resident_id',
  phone: 'dev_phone',
  verificationLevel: 'dev_verification_level',
  extra: 'dev_extra',
  scope: 'dev_scope',
} as const;

/** Claims the provider itself sets; neither configured claim names nor `extra` may use them. */
export const RESERVED_CLAIMS: ReadonlySet<string> = new Set([
  'iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti', 'client_id', 'azp', 'scope', 'cnf', 'act', 'authorization_details',
]);

/** The confidential client every mint request authenticates as (stands in for the management system). */
export const DEV_PLATFORM_CLIENT_ID = 'orgbind-dev-management-system';

/**
 * Its secret. Fixed and public on purpose: the development platform mints a token for whoever
 * asks; that is its job. It is bound to loopback and never runs in production.
 */
export const DEV_PLATFORM_CLIENT_SECRET = 'development-only-not-a-secret-0123456789';

/**
 * The development platform's extension grant (RFC 6749 §4.5) that issues **opaque** access
 * tokens: the same `dev_*` form as the client-credentials request, answered with a random
 * reference token that only the platform can resolve, through token introspection (RFC 7662,
 * `{issuer}/token/introspection`) or, for user tokens, UserInfo (`{issuer}/me`), as provincial
 * platforms that issue opaque tokens do. Development only.
 */
export const DEV_PLATFORM_OPAQUE_GRANT_TYPE = 'urn:orgbind:dev-platform:grant-type:opaque-token';

/** OIDC scope of the platform attributes (its claims are the configured claim names). */
export const DEV_PLATFORM_ATTRIBUTE_SCOPE = 'orgbind';

/** Scope of an opaque user token: `openid` (UserInfo) and the attributes' scope. */
export const DEV_PLATFORM_USER_TOKEN_SCOPE = `openid ${DEV_PLATFORM_ATTRIBUTE_SCOPE}`;

/**
 * The client orgbind authenticates as when it introspects tokens (a resource server's
 * credentials at the platform, `client_secret_basic`). Fixed and public, like the others.
 */
export const DEV_PLATFORM_RESOURCE_SERVER = {
  id: 'orgbind-dev-resource-server',
  secret: 'development-only-not-a-secret-resource-server-0123',
} as const;

/** How the development platform formats an access token: a signed JWT, or an opaque reference. */
export type DevTokenFormat = 'jwt' | 'opaque';

/** A second registered client, standing in for an operator console (its own actor in the audit trail). */
export const DEV_PLATFORM_OPERATOR_CLIENT_ID = 'orgbind-dev-operator-console';

/** A confidential client registered at the development platform (its id becomes the token's `client_id`). */
export interface DevPlatformClient {
  readonly id: string;
  /** Fixed and public, like {@link DEV_PLATFORM_CLIENT_SECRET}. */
  readonly secret: string;
  /** Who it stands in for. */
  readonly description: string;
}

/**
 * The clients the development platform registers. The first, {@link DEV_PLATFORM_CLIENT_ID},
 * is the default of every mint request; orgbind records a service token's `client_id` as the
 * actor of what the service client does (audit trail).
 */
export const DEV_PLATFORM_CLIENTS: readonly [DevPlatformClient, ...DevPlatformClient[]] = [
  { id: DEV_PLATFORM_CLIENT_ID, secret: DEV_PLATFORM_CLIENT_SECRET, description: 'the management system (default)' },
  { id: DEV_PLATFORM_OPERATOR_CLIENT_ID, secret: 'development-only-not-a-secret-operator-0123', description: 'an operator console' },
];

/**
 * The mint request for a service client's token: `sub` is the client id (as in any
 * client-credentials token), `userType` `service` (no platform user), `scope` the scopes.
 */
export function serviceClientClaims(client: DevPlatformClient, scopes: readonly string[]): PlatformUserClaims {
  return { sub: client.id, userType: 'service', scope: scopes.join(' ') };
}

/** The registered client with this id, if any. */
export function findDevPlatformClient(id: string): DevPlatformClient | undefined {
  return DEV_PLATFORM_CLIENTS.find((client) => client.id === id);
}

/** Subject values accepted: printable ASCII without spaces. */
export const SUBJECT_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** Longest attribute value accepted (characters). */
const MAX_VALUE_LENGTH = 1024;

/**
 * Check configured claim names: distinct, non-empty, and not a claim the provider sets.
 * @throws Error naming the offending claim.
 */
export function assertClaimNames(names: PlatformClaimNames): void {
  const seen = new Map<string, AttributeKey>();
  for (const key of ATTRIBUTE_KEYS) {
    const claim = names[key];
    if (claim.length === 0) throw new Error(`development platform: claim name for ${key} is empty`);
    if (RESERVED_CLAIMS.has(claim)) throw new Error(`development platform: claim name "${claim}" (${key}) is a reserved JWT claim`);
    const other = seen.get(claim);
    if (other !== undefined) throw new Error(`development platform: ${other} and ${key} both use claim name "${claim}"`);
    seen.set(claim, key);
  }
}

/**
 * The RFC 8707 resource indicator requested for `audience`. oidc-provider requires an absolute
 * URI; a plain audience such as `orgbind` is mapped to a URN (the token's `aud` is the audience
 * itself either way).
 */
export function resourceIndicatorFor(audience: string): string {
  const parsed = URL.parse(audience);
  if (parsed !== null && !parsed.href.includes('#')) return audience;
  return `urn:orgbind:dev-platform:audience:${encodeURIComponent(audience)}`;
}

function shortHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 24);
}

/**
 * A stable development platform subject for a user's attributes, so the same user keeps the
 * same platform account across mints: `dev-{USCC}` when the USCC is plain alphanumerics,
 * otherwise `dev-` + a hash of the USCC, else of the resident id, else of the name (the
 * identifying number wins, so correcting a name keeps the account).
 * @returns `undefined` when none of the three is given.
 */
export function defaultDevSubject(claims: Omit<PlatformUserClaims, 'sub'>): string | undefined {
  if (claims.uscc !== undefined && claims.uscc !== '') {
    return /^[0-9A-Za-z]{1,64}$/.test(claims.uscc) ? `dev-${claims.uscc}` : `dev-${shortHash(`uscc:${claims.uscc}`)}`;
  }
  if (claims.residentId !== undefined && claims.residentId !== '') return `dev-${shortHash(`resident-id:${claims.residentId}`)}`;
  if (claims.name !== undefined && claims.name !== '') return `dev-${shortHash(`name:${claims.name}`)}`;
  return undefined;
}

/** Build the `dev_*` form parameters for a user (client side). */
export function toMintParameters(claims: PlatformUserClaims): Record<string, string> {
  const form: Record<string, string> = { [MINT_PARAMETERS.sub]: claims.sub };
  for (const key of ATTRIBUTE_KEYS) {
    const value = claims[key];
    if (value !== undefined) form[MINT_PARAMETERS[key]] = value;
  }
  if (claims.extra !== undefined) form[MINT_PARAMETERS.extra] = JSON.stringify(claims.extra);
  if (claims.scope !== undefined) form[MINT_PARAMETERS.scope] = claims.scope;
  return form;
}

const optionalValue = z
  .string()
  .max(MAX_VALUE_LENGTH, { error: `claim values are limited to ${MAX_VALUE_LENGTH} characters` })
  .optional();
const mintFormSchema = z.object({
  [MINT_PARAMETERS.sub]: z.string({ error: `${MINT_PARAMETERS.sub} is required` }).regex(SUBJECT_PATTERN, {
    error: `${MINT_PARAMETERS.sub} must be 1-255 printable ASCII characters without spaces`,
  }),
  [MINT_PARAMETERS.userType]: z
    .string({ error: `${MINT_PARAMETERS.userType} is required` })
    .min(1, { error: `${MINT_PARAMETERS.userType} must not be empty` })
    .max(64, { error: `${MINT_PARAMETERS.userType} is longer than 64 characters` }),
  [MINT_PARAMETERS.name]: optionalValue,
  [MINT_PARAMETERS.uscc]: optionalValue,
  [MINT_PARAMETERS.residentId]: optionalValue,
  [MINT_PARAMETERS.phone]: optionalValue,
  [MINT_PARAMETERS.verificationLevel]: optionalValue,
  [MINT_PARAMETERS.extra]: z.string().max(16 * 1024).optional(),
  [MINT_PARAMETERS.scope]: z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, { error: `${MINT_PARAMETERS.scope} must be space-separated scope tokens` }).optional(),
});

/** A validated mint request (server side). */
export interface MintRequest {
  readonly sub: string;
  /** The token claims to add, already under their configured names. */
  readonly claims: Readonly<Record<string, unknown>>;
  /** The `scope` claim to set, when requested. */
  readonly scope?: string;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validate the `dev_*` parameters of a token request body and map them to token claims.
 * @returns the request, or an error description for an `invalid_request` answer.
 */
export function parseMintParameters(
  body: Readonly<Record<string, unknown>> | undefined,
  names: PlatformClaimNames,
): MintRequest | { readonly error: string } {
  const parsed = mintFormSchema.safeParse(body ?? {});
  if (!parsed.success) {
    return { error: parsed.error.issues.map((i) => i.message).join('; ') };
  }
  const form = parsed.data;
  const claims: Record<string, unknown> = {};
  for (const key of ATTRIBUTE_KEYS) {
    const value = form[MINT_PARAMETERS[key]];
    if (value !== undefined) claims[names[key]] = value;
  }
  const extraText = form[MINT_PARAMETERS.extra];
  if (extraText !== undefined) {
    let extra: unknown;
    try {
      extra = JSON.parse(extraText);
    } catch {
      return { error: `${MINT_PARAMETERS.extra} must be a JSON object` };
    }
    if (!isPlainObject(extra)) return { error: `${MINT_PARAMETERS.extra} must be a JSON object` };
    const reserved = Object.keys(extra).filter((k) => RESERVED_CLAIMS.has(k));
    if (reserved.length > 0) return { error: `${MINT_PARAMETERS.extra} may not set reserved claims: ${reserved.join(', ')}` };
    Object.assign(claims, extra);
  }
  const scope = form[MINT_PARAMETERS.scope];
  return { sub: form[MINT_PARAMETERS.sub], claims, ...(scope !== undefined ? { scope } : {}) };
}

/** A failed token request: the platform answered with an OAuth error, or did not answer. */
export class DevPlatformTokenError extends Error {
  constructor(
    message: string,
    /** HTTP status, when the platform answered. */
    readonly status?: number,
    /** OAuth `error` code, when the platform answered with one. */
    readonly oauthError?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'DevPlatformTokenError';
  }
}

const tokenResponseSchema = z.object({ access_token: z.string().min(1), token_type: z.string() });
const errorResponseSchema = z.object({ error: z.string(), error_description: z.string().optional() });

/** Where to send a mint request. */
export interface DevPlatformTarget {
  readonly issuer: string;
  readonly audience: string;
}

/**
 * Mint an access token for `claims` with a real token request to a running development
 * platform (`POST {issuer}/token`, client credentials, resource indicator for the audience).
 * A service client's token is the same request with `claims.scope` set (and, by convention,
 * `userType` `service`, `sub` the client id).
 * With `options.format` `opaque` the request uses {@link DEV_PLATFORM_OPAQUE_GRANT_TYPE} instead.
 * @returns the access token (a signed JWT, or an opaque reference).
 * @throws DevPlatformTokenError when the platform is unreachable or refuses the request.
 */
export async function requestDevPlatformToken(
  target: DevPlatformTarget,
  claims: PlatformUserClaims,
  options: {
    readonly timeoutMs?: number;
    /** The client to authenticate as; default the first of {@link DEV_PLATFORM_CLIENTS}. */
    readonly client?: DevPlatformClient;
    /** `jwt` (default): a signed JWT (client credentials); `opaque`: a reference token ({@link DEV_PLATFORM_OPAQUE_GRANT_TYPE}). */
    readonly format?: DevTokenFormat;
  } = {},
): Promise<string> {
  const client = options.client ?? DEV_PLATFORM_CLIENTS[0];
  const tokenEndpoint = `${target.issuer.replace(/\/+$/, '')}/token`;
  const body = new URLSearchParams(
    options.format === 'opaque'
      ? { grant_type: DEV_PLATFORM_OPAQUE_GRANT_TYPE, ...toMintParameters(claims) }
      : { grant_type: 'client_credentials', resource: resourceIndicatorFor(target.audience), ...toMintParameters(claims) },
  );
  // RFC 6749 §2.3.1: id and secret are form-urlencoded before Basic encoding.
  const basic = Buffer.from(
    `${encodeURIComponent(client.id)}:${encodeURIComponent(client.secret)}`,
  ).toString('base64');

  let response: Response;
  try {
    response = await fetch(tokenEndpoint, {
      method: 'POST',
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
  } catch (error) {
    throw new DevPlatformTokenError(`development platform at ${target.issuer} did not answer`, undefined, undefined, {
      cause: error,
    });
  }

  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const oauth = errorResponseSchema.safeParse(payload);
    const detail = oauth.success
      ? `${oauth.data.error}${oauth.data.error_description ? `: ${oauth.data.error_description}` : ''}`
      : `HTTP ${response.status}`;
    throw new DevPlatformTokenError(
      `development platform refused the token request (${detail})`,
      response.status,
      oauth.success ? oauth.data.error : undefined,
    );
  }
  const token = tokenResponseSchema.safeParse(payload);
  if (!token.success) {
    throw new DevPlatformTokenError('development platform answered without an access token', response.status);
  }
  return token.data.access_token;
}
