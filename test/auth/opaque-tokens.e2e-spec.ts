import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createOrganization, fakeSubject } from '../support/factories';
import { resolve } from '../support/applications';
import { serviceToken } from '../support/accounts';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Opaque platform tokens against the real oidc-provider of the development platform: revocation,
 * a slow platform, a platform that is down, a burst on one uncached token, the cache bound by the
 * token's `exp`, service tokens, and private_key_jwt client authentication. (The resolution
 * table itself runs in every mode in test/identity-claims/resolution-table.e2e-spec.ts.)
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function metric(t: TestApp, line: RegExp): Promise<number> {
  const text = await (await fetch(t.metricsUrl!)).text();
  const found = text.split('\n').find((l) => line.test(l));
  return found ? Number(found.split(' ').pop()) : 0;
}

describe('PLATFORM_TOKEN_MODE=introspection', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ PLATFORM_TOKEN_MODE: 'introspection', PLATFORM_TOKEN_CACHE_MAX_TTL_SECONDS: '2', PLATFORM_TOKEN_NEGATIVE_CACHE_SECONDS: '30', PLATFORM_REQUEST_TIMEOUT_MS: '500', PLATFORM_UNAVAILABLE_RETRY_AFTER_SECONDS: '7' });
  });
  afterAll(async () => {
    await t.close();
  });

  const legalToken = async () => {
    const organization = await createOrganization(t.dataSource);
    return t.mint({ sub: fakeSubject('opaque'), userType: 'legal_person', uscc: organization.uscc!, name: organization.name });
  };

  it('a burst of 100 concurrent requests with one uncached token makes one platform call', async () => {
    const token = await legalToken();
    const before = t.platform.requestCounts().introspection;
    const hitsBefore = await metric(t, /^orgbind_platform_token_cache_total\{result="hit"\}/);
    const responses = await Promise.all(Array.from({ length: 100 }, () => resolve(t, token)));
    expect(responses.map((r) => r.status)).toEqual(Array(100).fill(200));
    expect(new Set(responses.map((r) => r.body.status))).toEqual(new Set(['BOUND']));
    expect(t.platform.requestCounts().introspection - before).toBe(1);
    // Later requests within the TTL are answered from the cache.
    await resolve(t, token);
    expect(t.platform.requestCounts().introspection - before).toBe(1);
    expect(await metric(t, /^orgbind_platform_token_cache_total\{result="hit"\}/)).toBeGreaterThan(hitsBefore);
    expect(await metric(t, /^orgbind_platform_requests_total\{endpoint="introspection",outcome="active"\}/)).toBeGreaterThanOrEqual(1);
  });

  it('a revoked token is refused once its cached answer is older than PLATFORM_TOKEN_CACHE_MAX_TTL_SECONDS (the revocation latency)', async () => {
    const token = await legalToken();
    expect((await resolve(t, token)).status).toBe(200);
    await t.platform.revokeToken(token);
    // Within the cache TTL the answer is reused: the documented trade-off.
    expect((await resolve(t, token)).status).toBe(200);
    await sleep(2100);
    const refused = await resolve(t, token);
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ code: 'TOKEN_INVALID' });
  });

  it('an unknown token is TOKEN_INVALID, and the negative answer is cached', async () => {
    const before = t.platform.requestCounts().introspection;
    const first = await resolve(t, 'not-a-token-the-platform-issued');
    expect(first.status).toBe(401);
    expect(first.body.code).toBe('TOKEN_INVALID');
    expect((await resolve(t, 'not-a-token-the-platform-issued')).body.code).toBe('TOKEN_INVALID');
    expect(t.platform.requestCounts().introspection - before).toBe(1);
  });

  it('a JWT (which the platform will not introspect) is TOKEN_INVALID, not a platform failure', async () => {
    const jwt = await t.platform.mintToken({ sub: fakeSubject('jwt'), userType: 'natural_person', name: '张测试' });
    const response = await resolve(t, jwt);
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('TOKEN_INVALID');
  });

  it('service clients are introspected too: their scopes come from the answer', async () => {
    const token = await serviceToken(t, 'orgbind:events.read');
    expect(token.split('.')).toHaveLength(1);
    expect((await t.request('/v1/events?after=0&limit=1', { token })).status).toBe(200);
    const forbidden = await t.request('/v1/registrars', { token });
    expect(forbidden.status).toBe(403);
  });

  it('a slow platform: 503 PLATFORM_UNAVAILABLE with Retry-After after PLATFORM_REQUEST_TIMEOUT_MS, never a hang; not cached', async () => {
    const token = await legalToken();
    t.platform.simulate({ delayMs: 1500 });
    try {
      const started = Date.now();
      const response = await resolve(t, token);
      expect(Date.now() - started).toBeLessThan(1400);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('7');
      expect(response.body).toMatchObject({ code: 'PLATFORM_UNAVAILABLE', status: 503 });
      expect(await metric(t, /^orgbind_platform_requests_total\{endpoint="introspection",outcome="unavailable"\}/)).toBeGreaterThanOrEqual(1);
    } finally {
      t.platform.simulate({});
    }
    expect((await resolve(t, token)).status).toBe(200);
  });

  it('a platform that is down: 503 PLATFORM_UNAVAILABLE, in English on Accept-Language: en', async () => {
    const token = await legalToken();
    await t.platform.close();
    const response = await resolve(t, token, { 'accept-language': 'en' });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(response.body).toMatchObject({ code: 'PLATFORM_UNAVAILABLE', title: 'Identity platform unavailable' });
  });
});

describe('the cache never outlives the token: expiry at its exp', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ PLATFORM_TOKEN_MODE: 'introspection', PLATFORM_CLOCK_SKEW_SECONDS: '0', PLATFORM_TOKEN_CACHE_MAX_TTL_SECONDS: '600' }, { platform: { accessTokenTtlSeconds: 2 } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('asks again once exp has passed, and the platform then answers inactive', async () => {
    const organization = await createOrganization(t.dataSource);
    const token = await t.mint({ sub: fakeSubject('short'), userType: 'legal_person', uscc: organization.uscc!, name: organization.name });
    const before = t.platform.requestCounts().introspection;
    expect((await resolve(t, token)).status).toBe(200);
    expect((await resolve(t, token)).status).toBe(200);
    expect(t.platform.requestCounts().introspection - before).toBe(1);
    await sleep(2600);
    const expired = await resolve(t, token);
    expect(expired.status).toBe(401);
    expect(['TOKEN_INVALID', 'TOKEN_EXPIRED']).toContain(expired.body.code);
    expect(t.platform.requestCounts().introspection - before).toBe(2);
  });
});

describe('PLATFORM_TOKEN_MODE=userinfo', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ PLATFORM_TOKEN_MODE: 'userinfo' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('reads the claims from UserInfo; a revoked token is refused there; service clients stay JWTs', async () => {
    const organization = await createOrganization(t.dataSource);
    const token = await t.mint({ sub: fakeSubject('userinfo'), userType: 'legal_person', uscc: organization.uscc!, name: organization.name });
    const before = t.platform.requestCounts().userinfo;
    expect((await resolve(t, token)).body).toMatchObject({ status: 'BOUND', organization: { id: organization.id } });
    expect(t.platform.requestCounts().userinfo - before).toBe(1);
    const other = await t.mint({ sub: fakeSubject('userinfo-revoked'), userType: 'natural_person', name: '张测试' });
    await t.platform.revokeToken(other);
    const refused = await resolve(t, other);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('TOKEN_INVALID');
    const service = await serviceToken(t, 'orgbind:events.read');
    expect(service.split('.')).toHaveLength(3);
    expect((await t.request('/v1/events?after=0&limit=1', { token: service })).status).toBe(200);
  });
});

describe('introspection with private_key_jwt client authentication (RFC 7523)', () => {
  let t: TestApp;
  let keys: Server;
  beforeAll(async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const clientId = 'orgbind-pkjwt-resource-server';
    // The client's public keys at a jwks_uri, as a platform would register them (oidc-provider then
    // parses them itself: objects built in this test's realm would not pass its plain-object check).
    const jwks = JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'orgbind-1', alg: 'ES256', use: 'sig' }] });
    keys = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(jwks));
    await new Promise<void>((done) => keys.listen(0, '127.0.0.1', done));
    const address = keys.address();
    const jwksUri = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/jwks`;
    t = await startTestApp(
      {
        PLATFORM_TOKEN_MODE: 'introspection',
        PLATFORM_CLIENT_ID: clientId,
        PLATFORM_CLIENT_AUTH_METHOD: 'private_key_jwt',
        PLATFORM_CLIENT_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        PLATFORM_CLIENT_ASSERTION_ALG: 'ES256',
        PLATFORM_CLIENT_KEY_ID: 'orgbind-1',
      },
      {
        platform: {
          extraClients: [
            {
              client_id: clientId,
              grant_types: [],
              response_types: [],
              redirect_uris: [],
              token_endpoint_auth_method: 'private_key_jwt',
              token_endpoint_auth_signing_alg: 'ES256',
              jwks_uri: jwksUri,
            },
          ],
        },
      },
    );
  });
  afterAll(async () => {
    await t.close();
    await new Promise((done) => keys.close(done));
  });

  it('authenticates with a signed client assertion and resolves the user', async () => {
    const token = await t.mint({ sub: fakeSubject('pkjwt'), userType: 'natural_person', name: '张测试' });
    const before = t.platform.requestCounts().introspection;
    expect((await resolve(t, token)).body).toMatchObject({ status: 'BINDING_REQUIRED' });
    expect(t.platform.requestCounts().introspection - before).toBe(1);
  });
});
