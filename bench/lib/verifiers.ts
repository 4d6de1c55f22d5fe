/**
 * The candidate token verifiers of the floor (issue 14): each does the same checks the service
 * does (algorithm allow-list, `kid` lookup in the platform's JWKS with a refetch on an unknown
 * `kid` at most once per cooldown, signature, `iss`, `aud`, `exp`/`nbf` with the clock skew) on
 * the same stack (Node 24, the libraries of package.json). `npm run bench` measures them all in
 * the same run, checks that they accept and refuse the same tokens ({@link conformanceCases}),
 * and the floor server runs the fastest.
 */
import { createPublicKey, KeyObject, verify as cryptoVerify } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import jwt from 'jsonwebtoken';

/** The names of the candidates (FLOOR_VERIFIER of the floor server). */
export const VERIFIER_NAMES = ['jose', 'jsonwebtoken', 'node:crypto'] as const;
export type VerifierName = (typeof VERIFIER_NAMES)[number];

/** What each candidate is, for the report. */
export const VERIFIER_DESCRIPTIONS: Record<VerifierName, string> = {
  jose: 'jose jwtVerify + createRemoteJWKSet (WebCrypto)',
  jsonwebtoken: 'jsonwebtoken.verify with a cached KeyObject per kid (what the service runs through passport-jwt)',
  'node:crypto': 'node:crypto verify on a pre-parsed KeyObject per kid, claims checked in a few lines',
};

/** The checks every candidate applies. */
export interface VerifierOptions {
  readonly jwksUri: string;
  readonly issuer: string;
  readonly audience: string;
  /** Algorithm allow-list (the service's PLATFORM_ALGORITHMS). */
  readonly algorithms: readonly string[];
  readonly clockToleranceSeconds: number;
  /** Minimum time between two JWKS fetches caused by an unknown `kid`. */
  readonly cooldownMs?: number;
}

/** Verify a compact JWS token; resolves to its claims, rejects when any check fails. */
export type TokenVerifier = (token: string) => Promise<Record<string, unknown>>;

/** Signature parameters of the asymmetric JWS algorithms (RFC 7518 §3). */
const JWS_ALGORITHMS: Record<string, { hash: string; padding?: 'pss'; dsaEncoding?: 'ieee-p1363' }> = {
  RS256: { hash: 'sha256' }, RS384: { hash: 'sha384' }, RS512: { hash: 'sha512' },
  PS256: { hash: 'sha256', padding: 'pss' }, PS384: { hash: 'sha384', padding: 'pss' }, PS512: { hash: 'sha512', padding: 'pss' },
  ES256: { hash: 'sha256', dsaEncoding: 'ieee-p1363' }, ES384: { hash: 'sha384', dsaEncoding: 'ieee-p1363' }, ES512: { hash: 'sha512', dsaEncoding: 'ieee-p1363' },
  EdDSA: { hash: '' },
};

/**
 * The platform's public keys by `kid`, each parsed once into a `KeyObject`; an unknown `kid`
 * refetches the JWKS, at most once per cooldown (as jose's remote key set does).
 */
export class KidKeyStore {
  private keys = new Map<string, KeyObject>();
  private lastFetch = 0;
  private fetching: Promise<void> | null = null;

  constructor(private readonly jwksUri: string, private readonly cooldownMs = 30_000) {}

  /** The key of `kid` (the only key when the token names none). */
  async keyFor(kid: string | undefined): Promise<KeyObject> {
    const found = this.lookup(kid);
    if (found) return found;
    if (Date.now() - this.lastFetch >= this.cooldownMs || this.keys.size === 0) await this.refresh();
    const again = this.lookup(kid);
    if (!again) throw new Error(`no key for kid ${String(kid)}`);
    return again;
  }

  private lookup(kid: string | undefined): KeyObject | undefined {
    if (kid !== undefined) return this.keys.get(kid);
    return this.keys.size === 1 ? this.keys.values().next().value : undefined;
  }

  private refresh(): Promise<void> {
    this.fetching ??= (async () => {
      try {
        this.lastFetch = Date.now();
        const response = await fetch(this.jwksUri, { signal: AbortSignal.timeout(5000) });
        if (!response.ok) throw new Error(`JWKS: HTTP ${response.status}`);
        const { keys } = (await response.json()) as { keys: ({ kid?: string; use?: string } & Record<string, unknown>)[] };
        const next = new Map<string, KeyObject>();
        for (const jwk of keys) {
          if (jwk.use !== undefined && jwk.use !== 'sig') continue;
          next.set(jwk.kid ?? '', createPublicKey({ key: jwk as never, format: 'jwk' }));
        }
        this.keys = next;
      } finally {
        this.fetching = null;
      }
    })();
    return this.fetching;
  }
}

function decodeSegment(segment: string): Record<string, unknown> {
  const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object');
  return value as Record<string, unknown>;
}

/** The header's `alg` and `kid`, `alg` checked against the allow-list. */
export function allowedHeader(token: string, allowed: ReadonlySet<string>): { alg: string; kid: string | undefined } {
  const dot = token.indexOf('.');
  if (dot < 0) throw new Error('malformed token');
  const header = decodeSegment(token.slice(0, dot));
  if (typeof header.alg !== 'string' || !allowed.has(header.alg)) throw new Error(`algorithm ${String(header.alg)} not allowed`);
  if (header.kid !== undefined && typeof header.kid !== 'string') throw new Error('kid is not a string');
  return { alg: header.alg, kid: header.kid };
}

/** `iss`, `aud`, `exp`, `nbf` (and `iat`'s type), as jsonwebtoken and jose check them. */
function checkClaims(claims: Record<string, unknown>, o: VerifierOptions): void {
  const now = Math.floor(Date.now() / 1000);
  if (claims.iss !== o.issuer) throw new Error('unexpected iss');
  const aud = claims.aud;
  if (!(aud === o.audience || (Array.isArray(aud) && aud.includes(o.audience)))) throw new Error('unexpected aud');
  if (claims.exp !== undefined && (typeof claims.exp !== 'number' || claims.exp <= now - o.clockToleranceSeconds)) throw new Error('expired');
  if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf > now + o.clockToleranceSeconds)) throw new Error('not yet valid');
  if (claims.iat !== undefined && typeof claims.iat !== 'number') throw new Error('iat is not a number');
}

/** One candidate, configured. */
export function createVerifier(name: VerifierName, o: VerifierOptions): TokenVerifier {
  const allowed = new Set(o.algorithms);
  const cooldownMs = o.cooldownMs ?? 30_000;
  if (name === 'jose') {
    const keySet = createRemoteJWKSet(new URL(o.jwksUri), { cooldownDuration: cooldownMs, cacheMaxAge: 600_000, timeoutDuration: 5000 });
    const options = { issuer: o.issuer, audience: o.audience, algorithms: [...o.algorithms], clockTolerance: o.clockToleranceSeconds };
    return async (token) => (await jwtVerify(token, keySet, options)).payload;
  }
  const keys = new KidKeyStore(o.jwksUri, cooldownMs);
  if (name === 'jsonwebtoken') {
    const options = { issuer: o.issuer, audience: o.audience, algorithms: [...o.algorithms] as jwt.Algorithm[], clockTolerance: o.clockToleranceSeconds };
    return async (token) => {
      const { kid } = allowedHeader(token, allowed);
      const key = await keys.keyFor(kid);
      return jwt.verify(token, key, options) as Record<string, unknown>;
    };
  }
  return async (token) => {
    const { alg, kid } = allowedHeader(token, allowed);
    const parameters = JWS_ALGORITHMS[alg];
    if (!parameters) throw new Error(`algorithm ${alg} not supported`);
    const key = await keys.keyFor(kid);
    const lastDot = token.lastIndexOf('.');
    const firstDot = token.indexOf('.');
    if (lastDot === firstDot) throw new Error('malformed token');
    const signature = Buffer.from(token.slice(lastDot + 1), 'base64url');
    const signed = Buffer.from(token.slice(0, lastDot), 'latin1');
    const ok = cryptoVerify(parameters.hash || null, signed, {
      key,
      ...(parameters.padding === 'pss' ? { padding: 6 /* RSA_PKCS1_PSS_PADDING */, saltLength: -1 /* digest length */ } : {}),
      ...(parameters.dsaEncoding ? { dsaEncoding: parameters.dsaEncoding } : {}),
    }, signature);
    if (!ok) throw new Error('invalid signature');
    const claims = decodeSegment(token.slice(firstDot + 1, lastDot));
    checkClaims(claims, o);
    return claims;
  };
}

/** A token each candidate must accept (`valid`) or refuse. */
export interface ConformanceCase {
  readonly name: string;
  readonly token: string;
  readonly valid: boolean;
}

/**
 * Check that every candidate accepts and refuses the same tokens.
 * @throws naming the candidate and the case that differ.
 */
export async function checkConformance(verifiers: Record<string, TokenVerifier>, cases: readonly ConformanceCase[]): Promise<void> {
  for (const [name, verify] of Object.entries(verifiers)) {
    for (const c of cases) {
      const accepted = await verify(c.token).then(() => true, () => false);
      if (accepted !== c.valid) throw new Error(`verifier ${name} ${accepted ? 'accepted' : 'refused'} the ${c.name} token`);
    }
  }
}
