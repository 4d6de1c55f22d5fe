import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWK } from 'jose';
import { generateSigningKey } from './dev-platform-keys';
import {
  clearDevPlatformState,
  DEV_PLATFORM_CLIENTS,
  DEV_PLATFORM_OPERATOR_CLIENT_ID,
  type DevPlatform,
  type DevPlatformLogger,
  DevPlatformTokenError,
  type PlatformClaimNames,
  readDevPlatformState,
  requestDevPlatformToken,
  serviceClientClaims,
  startDevPlatform,
  writeDevPlatformState,
} from './dev-platform';

/** The defaults of AppConfig.platform.claims. */
const CLAIMS: PlatformClaimNames = {
  userType: 'user_type',
  name: 'name',
  uscc: 'uscc',
  residentId: 'id_number',
  phone: 'phone_number',
  verificationLevel: 'verification_level',
};

const quiet: DevPlatformLogger = { warn: () => undefined, log: () => undefined };

async function verify(platform: DevPlatform, token: string) {
  const jwks = createRemoteJWKSet(new URL(platform.jwksUri));
  return jwtVerify(token, jwks, { issuer: platform.issuer, audience: platform.audience, algorithms: ['RS256'] });
}

describe('development platform', () => {
  let dir: string;
  const started: DevPlatform[] = [];
  const start = async (...args: Parameters<typeof startDevPlatform>): Promise<DevPlatform> => {
    const platform = await startDevPlatform(...args);
    started.push(platform);
    return platform;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'orgbind-dev-platform-'));
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((p) => p.close()));
    await rm(dir, { recursive: true, force: true });
  });

  describe('with generated keys', () => {
    let platform: DevPlatform;
    beforeEach(async () => {
      platform = await start({ port: 0, audience: 'orgbind', claimNames: CLAIMS, accessTokenTtlSeconds: 600, logger: quiet });
    });

    it('listens on loopback and publishes only public keys', async () => {
      expect(platform.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(platform.jwksUri).toBe(`${platform.issuer}/jwks`);
      const body = (await (await fetch(platform.jwksUri)).json()) as { keys: JWK[] };
      expect(body.keys).toHaveLength(1);
      expect(body.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
      for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(body.keys[0]).not.toHaveProperty(member);
    });

    it('mints an RS256 JWT access token with the requested subject and the platform claims', async () => {
      const token = await platform.mintToken({
        sub: 'dev-51210300MJ0000000X',
        userType: 'legal_person',
        name: '鞍山市千山区书法家协会',
        uscc: '51210300MJ0000000X',
        verificationLevel: 'government',
        phone: '13800000000',
        extra: { org_kind: 'social_group' },
      });

      const { payload, protectedHeader } = await verify(platform, token);
      expect(protectedHeader).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
      expect(typeof protectedHeader.kid).toBe('string');
      const keys = (await (await fetch(platform.jwksUri)).json()) as { keys: JWK[] };
      expect(keys.keys.map((k) => k.kid)).toContain(protectedHeader.kid);

      expect(payload).toMatchObject({
        iss: platform.issuer,
        aud: 'orgbind',
        sub: 'dev-51210300MJ0000000X',
        user_type: 'legal_person',
        name: '鞍山市千山区书法家协会',
        uscc: '51210300MJ0000000X',
        verification_level: 'government',
        phone_number: '13800000000',
        org_kind: 'social_group',
      });
      expect(payload).not.toHaveProperty('id_number'); // not requested, not invented
      expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(600);
    });

    it('mints natural-person tokens, passing odd values through unchanged', async () => {
      const token = await platform.mintToken({
        sub: 'person-1',
        userType: 'natural_person',
        name: '张　三', // full-width space: the platform does not clean names up
        residentId: '21030019900101001X',
      });
      const { payload } = await verify(platform, token);
      expect(payload).toMatchObject({ sub: 'person-1', user_type: 'natural_person', name: '张　三', id_number: '21030019900101001X' });
      expect(payload).not.toHaveProperty('uscc');
    });

    it('refuses bad requests with an OAuth error', async () => {
      await expect(platform.mintToken({ sub: 'has space', userType: 'legal_person' })).rejects.toMatchObject({
        name: 'DevPlatformTokenError',
        status: 400,
        oauthError: 'invalid_request',
      });
      await expect(platform.mintToken({ sub: 'x', userType: '' })).rejects.toThrow(/dev_user_type must not be empty/);
      await expect(platform.mintToken({ sub: 'x', userType: 'legal_person', extra: { sub: 'other' } })).rejects.toThrow(
        /reserved claims: sub/,
      );
      await expect(
        requestDevPlatformToken({ issuer: platform.issuer, audience: 'someone-else' }, { sub: 'x', userType: 'legal_person' }),
      ).rejects.toMatchObject({ oauthError: 'invalid_target' });
    });

    it('mints service-client tokens for each registered client: client_id and sub the client, the asked scopes', async () => {
      for (const client of DEV_PLATFORM_CLIENTS) {
        const token = await requestDevPlatformToken(platform, serviceClientClaims(client, ['orgbind:operator', 'orgbind:events.read']), { client });
        const { payload } = await verify(platform, token);
        expect(payload).toMatchObject({ client_id: client.id, sub: client.id, user_type: 'service', scope: 'orgbind:operator orgbind:events.read' });
      }
      expect(DEV_PLATFORM_CLIENTS.map((c) => c.id)).toContain(DEV_PLATFORM_OPERATOR_CLIENT_ID);
      const impostor = { id: DEV_PLATFORM_OPERATOR_CLIENT_ID, secret: 'guessed', description: 'wrong secret' };
      await expect(requestDevPlatformToken(platform, serviceClientClaims(impostor, ['orgbind:operator']), { client: impostor })).rejects.toMatchObject({
        status: 401,
        oauthError: 'invalid_client',
      });
    });

    it('reports an unreachable platform', async () => {
      await platform.close();
      await expect(platform.mintToken({ sub: 'x', userType: 'legal_person' })).rejects.toBeInstanceOf(DevPlatformTokenError);
    });
  });

  it('puts the claims under the configured names and accepts a URL audience', async () => {
    const platform = await start({
      port: 0,
      audience: 'https://orgbind.example.test/api',
      claimNames: { ...CLAIMS, userType: 'yhlx', uscc: 'tyshxydm', name: 'mc' },
      logger: quiet,
    });
    const token = await platform.mintToken({ sub: 'a', userType: 'legal_person', uscc: 'U', name: 'N' });
    const { payload } = await verify(platform, token);
    expect(payload).toMatchObject({ aud: 'https://orgbind.example.test/api', yhlx: 'legal_person', tyshxydm: 'U', mc: 'N' });
    expect(payload).not.toHaveProperty('user_type');
  });

  it('refuses unusable options', async () => {
    await expect(startDevPlatform({ port: 0, audience: 'a', claimNames: { ...CLAIMS, name: 'iss' }, logger: quiet })).rejects.toThrow(
      /reserved/,
    );
    await expect(startDevPlatform({ port: 0, audience: 'a', claimNames: { ...CLAIMS, phone: 'uscc' }, logger: quiet })).rejects.toThrow(
      /both use claim name "uscc"/,
    );
    const key = await generateSigningKey();
    await expect(
      startDevPlatform({ port: 0, audience: 'a', claimNames: CLAIMS, jwks: { keys: [key] }, keysFile: join(dir, 'k.json'), logger: quiet }),
    ).rejects.toThrow(/either keysFile or jwks/);
    const publicOnly: JWK = { ...key, d: undefined };
    await expect(startDevPlatform({ port: 0, audience: 'a', claimNames: CLAIMS, jwks: { keys: [publicOnly] }, logger: quiet })).rejects.toThrow(
      /not a private key/,
    );
  });

  it('signs with explicit keys, adding a missing kid', async () => {
    const { kid, ...withoutKid } = await generateSigningKey();
    const platform = await start({ port: 0, audience: 'orgbind', claimNames: CLAIMS, jwks: { keys: [withoutKid] }, logger: quiet });
    const token = await platform.mintToken({ sub: 'a', userType: 'legal_person' });
    expect(decodeProtectedHeader(token).kid).toBe(kid);
    await expect(verify(platform, token)).resolves.toBeDefined();
  });

  it('creates the keys file once (mode 0600) and reuses its key across restarts', async () => {
    const keysFile = join(dir, 'nested', 'dev-platform', 'jwks.json');
    const logs: string[] = [];
    const logger: DevPlatformLogger = { warn: (m) => logs.push(m), log: (m) => logs.push(m) };

    const first = await start({ port: 0, audience: 'orgbind', claimNames: CLAIMS, keysFile, logger });
    const firstToken = await first.mintToken({ sub: 'a', userType: 'legal_person' });
    const stored = await readFile(keysFile, 'utf8');
    if (process.platform !== 'win32') expect((await stat(keysFile)).mode & 0o777).toBe(0o600);
    expect(logs.some((m) => m.includes('DEVELOPMENT-ONLY'))).toBe(true);
    await first.close();

    const second = await start({ port: 0, audience: 'orgbind', claimNames: CLAIMS, keysFile, logger });
    const secondToken = await second.mintToken({ sub: 'a', userType: 'legal_person' });
    expect(await readFile(keysFile, 'utf8')).toBe(stored);
    expect(decodeProtectedHeader(secondToken).kid).toBe(decodeProtectedHeader(firstToken).kid);
    // A token from before the restart still verifies against the restarted platform's JWKS
    // (only the port, hence the issuer, differs).
    const jwks = createRemoteJWKSet(new URL(second.jwksUri));
    await expect(jwtVerify(firstToken, jwks, { issuer: first.issuer, audience: 'orgbind' })).resolves.toBeDefined();
  });

  it('agrees on one key when several platforms create the keys file at once (parallel test workers)', async () => {
    const keysFile = join(dir, 'race', 'jwks.json');
    const platforms = await Promise.all(
      [1, 2, 3].map(() => start({ port: 0, audience: 'orgbind', claimNames: CLAIMS, keysFile, logger: quiet })),
    );
    const kids = await Promise.all(
      platforms.map(async (p) => decodeProtectedHeader(await p.mintToken({ sub: 'a', userType: 'legal_person' })).kid),
    );
    expect(new Set(kids).size).toBe(1);
  });

  it('refuses a corrupt keys file instead of replacing it', async () => {
    const keysFile = join(dir, 'jwks.json');
    await writeFile(keysFile, '{"keys": [', { mode: 0o600 });
    await expect(startDevPlatform({ port: 0, audience: 'a', claimNames: CLAIMS, keysFile, logger: quiet })).rejects.toThrow(
      /not valid JSON/,
    );
  });

  it('records its state for other processes', async () => {
    expect(await readDevPlatformState(dir)).toBeUndefined();
    await writeDevPlatformState(dir, { issuer: 'http://127.0.0.1:4010', audience: 'orgbind', pid: process.pid });
    expect(await readDevPlatformState(dir)).toEqual({ issuer: 'http://127.0.0.1:4010', audience: 'orgbind', pid: process.pid });
    await clearDevPlatformState(dir, process.pid + 1); // someone else's: kept
    expect(await readDevPlatformState(dir)).toBeDefined();
    await clearDevPlatformState(dir);
    expect(await readDevPlatformState(dir)).toBeUndefined();
  });
});
