import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { KeyObject } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, JWK } from 'jose';
import { AppConfig } from '../config/app-config';
import { JwksKeyStore, LOOKED_UP_MAX } from './jwks-key-store';

/** A JWKS endpoint whose key set the test changes; counts its fetches. */
async function jwksServer(): Promise<{ url: string; keys: JWK[]; fetches: () => number; close: () => Promise<void> }> {
  const state = { keys: [] as JWK[], fetches: 0 };
  const server: Server = createServer((_req, res) => {
    state.fetches++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: state.keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`,
    keys: state.keys,
    fetches: () => state.fetches,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function signingKey(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const token = await new SignJWT({ sub: 'someone' }).setProtectedHeader({ alg: 'RS256', kid }).setIssuedAt().setExpirationTime('5m').sign(privateKey);
  return { jwk, token };
}

function store(jwksUri: string, cacheMaxAgeSeconds: number): JwksKeyStore {
  const platform = { jwksUri, jwksCooldownSeconds: 30, jwksCacheMaxAgeSeconds: cacheMaxAgeSeconds, algorithms: ['RS256'], tokenMode: 'jwt', serviceTokenMode: 'jwt' };
  return new JwksKeyStore({ platform } as unknown as AppConfig);
}

describe('JwksKeyStore', () => {
  let jwks: Awaited<ReturnType<typeof jwksServer>>;
  beforeEach(async () => {
    jwks = await jwksServer();
  });
  afterEach(() => jwks.close());

  it('looks a key up once, then answers from the fresh key set without a promise', async () => {
    const first = await signingKey('k1');
    jwks.keys.push(first.jwk);
    const keys = store(jwks.url, 600);
    const looked = keys.keyFor(first.token);
    expect(looked).toBeInstanceOf(Promise);
    const key = await looked;
    expect(key).toBeInstanceOf(KeyObject);
    expect(keys.keyFor(first.token)).toBe(key);
    expect(jwks.fetches()).toBe(1);
  });

  it('refuses an unknown kid, and a disallowed algorithm before any look-up', async () => {
    const known = await signingKey('k1');
    const unknown = await signingKey('k2');
    jwks.keys.push(known.jwk);
    const keys = store(jwks.url, 600);
    await expect(keys.keyFor(unknown.token)).rejects.toThrow();
    const [, payload, signature] = known.token.split('.');
    const ps256 = `${Buffer.from(JSON.stringify({ alg: 'PS256', kid: 'k1' })).toString('base64url')}.${payload}.${signature}`;
    expect(() => keys.keyFor(ps256)).toThrow('algorithm PS256 not allowed');
  });

  it('remembers keys by the encoded header: another header of the same kid is checked and looked up on its own; at most LOOKED_UP_MAX headers', async () => {
    const signer = await generateKeyPair('RS256', { extractable: true });
    jwks.keys.push({ ...(await exportJWK(signer.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' });
    const keys = store(jwks.url, 600);
    const token = (header: Record<string, unknown>) => new SignJWT({ sub: 'someone' }).setProtectedHeader({ alg: 'RS256', kid: 'k1', ...header }).setExpirationTime('5m').sign(signer.privateKey);
    const plain = await token({});
    const key = await keys.keyFor(plain);
    const typed = await token({ typ: 'JWT' });
    expect(keys.keyFor(typed)).toBeInstanceOf(Promise);
    expect(await keys.keyFor(typed)).toBe(key);
    expect(keys.keyFor(typed)).toBe(key);
    // A header that differs only in its algorithm is refused, though its kid's key is remembered.
    const [, payload, signature] = plain.split('.');
    expect(() => keys.keyFor(`${Buffer.from(JSON.stringify({ alg: 'HS256', kid: 'k1' })).toString('base64url')}.${payload}.${signature}`)).toThrow('algorithm HS256 not allowed');
    for (let i = 0; i < LOOKED_UP_MAX + 10; i++) await keys.keyFor(await token({ n: i }));
    expect((keys as unknown as { lookedUp: Map<string, unknown> }).lookedUp.size).toBeLessThanOrEqual(LOOKED_UP_MAX);
    expect(jwks.fetches()).toBe(1);
  });

  it('asks the platform again once the key set is stale: a withdrawn key is refused, a rotated one accepted', async () => {
    const old = await signingKey('k-old');
    const rotated = await signingKey('k-new');
    jwks.keys.push(old.jwk);
    const keys = store(jwks.url, 1);
    await keys.keyFor(old.token);
    expect(keys.keyFor(old.token)).toBeInstanceOf(KeyObject);
    jwks.keys.splice(0, 1, rotated.jwk);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const stale = keys.keyFor(old.token);
    expect(stale).toBeInstanceOf(Promise);
    await expect(stale).rejects.toThrow();
    await expect(keys.keyFor(rotated.token)).resolves.toBeInstanceOf(KeyObject);
    expect(jwks.fetches()).toBe(2);
  });
});
