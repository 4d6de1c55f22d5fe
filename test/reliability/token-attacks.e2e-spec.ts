import { createHmac, createPublicKey } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import { generateSigningKey, PrivateJwk } from '../../src/dev-platform/dev-platform-keys';
import { createAuthority, createRegistrar, fakeSubject } from '../support/factories';
import { startTestApp, TEST_AUDIENCE, TestApp } from '../support/test-app';
import { tallied } from './support/tally';

/**
 * Token attacks beyond test/auth/token-attacks.e2e-spec.ts, against a JWKS endpoint this spec
 * serves and counts: every forged, expired, premature, oversized or mistyped token is refused
 * with the right status and code, an unknown `kid` makes the service refetch the JWKS at most at
 * the configured rate (PLATFORM_JWKS_COOLDOWN_SECONDS), and tokens of the wrong kind for an
 * endpoint (user token on a service endpoint, service token on a user endpoint, non-registrar on
 * the registrar API, service token without the scope) are refused.
 */
describe('token attacks (counted JWKS)', () => {
  let t: TestApp;
  let key: PrivateJwk;
  let jwks: Server;
  let jwksHits = 0;

  beforeAll(async () => {
    key = await generateSigningKey();
    const publicJwk = { kty: 'RSA', n: (key as unknown as { n: string }).n, e: (key as unknown as { e: string }).e, kid: key.kid, alg: 'RS256', use: 'sig' };
    jwks = createServer((_request, response) => {
      jwksHits++;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [publicJwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    t = await startTestApp({
      PLATFORM_JWKS_URI: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks`,
      PLATFORM_JWKS_COOLDOWN_SECONDS: '3600',
      PLATFORM_CLOCK_SKEW_SECONDS: '30',
    });
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => jwks.close(resolve));
  });

  const now = () => Math.floor(Date.now() / 1000);
  const claims = (extra: JWTPayload = {}): JWTPayload => ({
    iss: t.platform.issuer,
    aud: TEST_AUDIENCE,
    sub: fakeSubject('attack'),
    iat: now(),
    exp: now() + 300,
    user_type: 'natural_person',
    ...extra,
  });
  async function sign(payload: JWTPayload, signingKey: PrivateJwk = key, header: Record<string, unknown> = {}): Promise<string> {
    return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: signingKey.kid, ...header }).sign(await importJWK(signingKey, 'RS256'));
  }
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  async function refused(token: string, status: number, code: string, path = '/v1/resolutions', method = 'POST') {
    const response = await t.request(path, { method, token });
    expect([response.status, response.body?.code]).toEqual([status, code]);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  }

  const attack = (name: string, body: () => Promise<void>) => it(name, () => tallied('token attacks', name, body));

  attack('control: a correctly signed token is accepted (and the JWKS was fetched)', async () => {
    const response = await t.request('/v1/resolutions', { method: 'POST', token: await sign(claims()) });
    expect(response.status).toBe(200);
    expect(jwksHits).toBeGreaterThanOrEqual(1);
  });

  attack('alg none → 401 TOKEN_INVALID', async () => {
    await refused(`${b64({ alg: 'none', typ: 'JWT', kid: key.kid })}.${b64(claims())}.`, 401, 'TOKEN_INVALID');
  });

  attack('HS256 signed with the RSA public key → 401 TOKEN_INVALID', async () => {
    const pem = createPublicKey({ key: key as JWK & { kty: 'RSA' }, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
    const header = b64({ alg: 'HS256', typ: 'JWT', kid: key.kid });
    const body = b64(claims());
    await refused(`${header}.${body}.${createHmac('sha256', pem).update(`${header}.${body}`).digest('base64url')}`, 401, 'TOKEN_INVALID');
  });

  attack('wrong issuer and wrong audience → 401 TOKEN_INVALID', async () => {
    await refused(await sign(claims({ iss: 'https://evil.example' })), 401, 'TOKEN_INVALID');
    await refused(await sign(claims({ aud: 'another-service' })), 401, 'TOKEN_INVALID');
  });

  attack('expired beyond the clock skew → 401 TOKEN_EXPIRED', async () => {
    await refused(await sign(claims({ iat: now() - 900, exp: now() - 31 - 5 })), 401, 'TOKEN_EXPIRED');
  });

  attack('nbf in the future (beyond the skew) → 401 TOKEN_INVALID', async () => {
    await refused(await sign(claims({ nbf: now() + 600 })), 401, 'TOKEN_INVALID');
  });

  attack('a burst of 25 unknown kids: all 401, and the JWKS is refetched at most once within the cooldown', async () => {
    await t.request('/v1/resolutions', { method: 'POST', token: await sign(claims()) });
    const before = jwksHits;
    const strangers = await Promise.all(Array.from({ length: 5 }, () => generateSigningKey()));
    const tokens = await Promise.all(Array.from({ length: 25 }, (_, i) => sign(claims(), { ...strangers[i % 5], kid: `unknown-${i}` })));
    const responses = await Promise.all(tokens.map((token) => t.request('/v1/resolutions', { method: 'POST', token })));
    expect(responses.map((r) => `${r.status} ${r.body.code}`)).toEqual(Array(25).fill('401 TOKEN_INVALID'));
    expect(jwksHits - before).toBeLessThanOrEqual(1);
    // Known keys still verify from the cache.
    expect((await t.request('/v1/resolutions', { method: 'POST', token: await sign(claims()) })).status).toBe(200);
    expect(jwksHits - before).toBeLessThanOrEqual(1);
  });

  attack('an oversized token → 401 TOKEN_INVALID (beyond PLATFORM_MAX_TOKEN_BYTES), 431 HEADERS_TOO_LARGE (beyond the HTTP header limit)', async () => {
    await refused(await sign(claims({ padding: 'x'.repeat(10_000) })), 401, 'TOKEN_INVALID');
    await refused(await sign(claims({ padding: 'x'.repeat(20_000) })), 431, 'HEADERS_TOO_LARGE');
  });

  attack('user type missing or unknown → 401 TOKEN_CLAIMS_INVALID', async () => {
    await refused(await sign(claims({ user_type: undefined })), 401, 'TOKEN_CLAIMS_INVALID');
    await refused(await sign(claims({ user_type: 'administrator' })), 401, 'TOKEN_CLAIMS_INVALID');
    await refused(await sign(claims({ user_type: ['legal_person'] })), 401, 'TOKEN_CLAIMS_INVALID');
  });

  attack('a registrar-only endpoint called by a non-registrar → 403 FORBIDDEN (list, detail, decisions)', async () => {
    const token = await sign(claims());
    await refused(token, 403, 'FORBIDDEN', '/v1/review/registration-applications', 'GET');
    await refused(token, 403, 'FORBIDDEN', '/v1/review/statistics', 'GET');
    await refused(token, 403, 'FORBIDDEN', '/v1/review/registration-applications/00000000-0000-4000-8000-000000000000/approve');
  });

  attack('a registrar of another authority cannot see or decide outside it → 404 NOT_FOUND, not a leak', async () => {
    const mine = await createAuthority(t.dataSource);
    const registrar = await createRegistrar(t.dataSource, { issuer: t.platform.issuer, authorityCodes: [mine.code] });
    const token = await sign(claims({ sub: registrar.subject }));
    const response = await t.request('/v1/review/registration-applications/00000000-0000-4000-8000-000000000000', { token });
    expect([response.status, response.body.code]).toEqual([404, 'NOT_FOUND']);
  });

  attack('a service endpoint called with a user token → 403 FORBIDDEN', async () => {
    const token = await sign(claims());
    for (const [path, method] of [['/v1/events', 'GET'], ['/v1/audit-events', 'GET'], ['/v1/registrars', 'GET'], ['/v1/lockouts/legacy_login/x', 'GET']]) {
      const response = await t.request(path, { method, token });
      expect([response.status, response.body.code]).toEqual([403, 'FORBIDDEN']);
    }
  });

  attack('a user endpoint called with a service token → refused (401 TOKEN_CLAIMS_INVALID)', async () => {
    const token = await sign(claims({ user_type: 'service', scope: 'orgbind:registry.write orgbind:operator' }));
    await refused(token, 401, 'TOKEN_CLAIMS_INVALID');
    await refused(token, 401, 'TOKEN_CLAIMS_INVALID', '/v1/bindings/legacy-account');
  });

  attack('a service token without the required scope → 403 FORBIDDEN', async () => {
    const token = await sign(claims({ sub: 'management-system', user_type: 'service', scope: 'orgbind:events.read' }));
    await refused(token, 403, 'FORBIDDEN', '/v1/registrars', 'GET');
    await refused(token, 403, 'FORBIDDEN', '/v1/audit-events', 'GET');
  });
});
