import { createHmac, createPublicKey } from 'node:crypto';
import { importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import { generateSigningKey, PrivateJwk } from '../../src/dev-platform/dev-platform-keys';
import { fakeSubject } from '../support/factories';
import { startTestApp, TEST_AUDIENCE, TestApp } from '../support/test-app';

/** Forged, expired and malformed platform tokens are all 401 problem+json with a stable code. */
describe('platform token verification', () => {
  let t: TestApp;
  let key: PrivateJwk;

  beforeAll(async () => {
    key = await generateSigningKey();
    t = await startTestApp({ PLATFORM_CLOCK_SKEW_SECONDS: '30' }, { jwks: { keys: [key as JWK] } });
  });
  afterAll(async () => {
    await t.close();
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
    const privateKey = await importJWK(signingKey, 'RS256');
    return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: signingKey.kid, ...header }).sign(privateKey);
  }

  async function expect401(token: string, code: string) {
    const response = await t.request('/v1/resolutions', { method: 'POST', token });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 401, code });
    expect(Object.keys(response.body).sort()).toEqual(['code', 'detail', 'instance', 'requestId', 'status', 'title', 'type']);
  }

  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it('accepts a correctly signed token (control)', async () => {
    const response = await t.request('/v1/resolutions', { method: 'POST', token: await sign(claims()) });
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('BINDING_REQUIRED');
  });

  it('rejects a missing token', async () => {
    const response = await t.request('/v1/resolutions', { method: 'POST' });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('TOKEN_MISSING');
  });

  it('rejects alg none', async () => {
    await expect401(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`, 'TOKEN_INVALID');
  });

  it('rejects HS256 signed with the RSA public key', async () => {
    const publicPem = createPublicKey({ key: key as JWK & { kty: 'RSA' }, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
    const header = b64({ alg: 'HS256', typ: 'JWT', kid: key.kid });
    const body = b64(claims());
    const signature = createHmac('sha256', publicPem).update(`${header}.${body}`).digest('base64url');
    await expect401(`${header}.${body}.${signature}`, 'TOKEN_INVALID');
  });

  it('rejects a wrong issuer', async () => {
    await expect401(await sign(claims({ iss: 'https://evil.example' })), 'TOKEN_INVALID');
  });

  it('rejects a wrong audience', async () => {
    await expect401(await sign(claims({ aud: 'another-service' })), 'TOKEN_INVALID');
  });

  it('rejects a token expired beyond the clock skew, accepts one within it', async () => {
    await expect401(await sign(claims({ iat: now() - 600, exp: now() - 31 - 5 })), 'TOKEN_EXPIRED');
    const within = await t.request('/v1/resolutions', { method: 'POST', token: await sign(claims({ iat: now() - 600, exp: now() - 10 })) });
    expect(within.status).toBe(200);
  });

  it('rejects a token not valid before a future time', async () => {
    await expect401(await sign(claims({ nbf: now() + 600 })), 'TOKEN_INVALID');
  });

  it('rejects a token signed by an unknown key (unknown kid)', async () => {
    const stranger = await generateSigningKey();
    await expect401(await sign(claims(), stranger), 'TOKEN_INVALID');
  });

  it('rejects a token signed by an unknown key that reuses a known kid', async () => {
    const stranger = await generateSigningKey();
    await expect401(await sign(claims(), { ...stranger, kid: key.kid }), 'TOKEN_INVALID');
  });

  it('rejects an oversized token', async () => {
    await expect401(await sign(claims({ padding: 'x'.repeat(10_000) })), 'TOKEN_INVALID');
  });

  it('rejects a token whose user type is missing or unknown', async () => {
    await expect401(await sign(claims({ user_type: undefined })), 'TOKEN_CLAIMS_INVALID');
    await expect401(await sign(claims({ user_type: 'administrator' })), 'TOKEN_CLAIMS_INVALID');
  });

  it('rejects a token with a non-string claim', async () => {
    await expect401(await sign(claims({ user_type: 'legal_person', uscc: 42 })), 'TOKEN_CLAIMS_INVALID');
  });

  it('rejects garbage and a non-Bearer scheme', async () => {
    await expect401('not-a-jwt', 'TOKEN_INVALID');
    const basic = await t.request('/v1/resolutions', { method: 'POST', headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(basic.body.code).toBe('TOKEN_MISSING');
  });

  it('rejects a token without exp (it would never expire)', async () => {
    await expect401(await sign(claims({ exp: undefined })), 'TOKEN_INVALID');
  });

  it('rejects claims that are not valid text: NUL, lone surrogates', async () => {
    await expect401(await sign(claims({ sub: 'nul\u0000sub' })), 'TOKEN_CLAIMS_INVALID');
    await expect401(await sign(claims({ user_type: 'legal_person', name: '协会', uscc: '53210000076270488\u0000' })), 'TOKEN_CLAIMS_INVALID');
    await expect401(await sign(claims({ sub: 'lone-\ud800' })), 'TOKEN_CLAIMS_INVALID');
  });

  it('rejects a legal-person token without organization name or USCC', async () => {
    await expect401(await sign(claims({ user_type: 'legal_person', uscc: '53210000076270488R' })), 'TOKEN_CLAIMS_INVALID');
    await expect401(await sign(claims({ user_type: 'legal_person', name: '鞍山市见义勇为基金会', uscc: ' ' })), 'TOKEN_CLAIMS_INVALID');
  });
});
