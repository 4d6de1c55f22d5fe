import { floorEnvironment } from '../../bench/lib/floor-env';

/** The FLOOR_* settings both bench floors read (bench/lib/floor-env.ts). */
describe('bench floor environment', () => {
  const base = { FLOOR_ISSUER: 'http://issuer', FLOOR_AUDIENCE: 'orgbind', FLOOR_ALGORITHMS: 'RS256,ES256', FLOOR_JWKS_URI: 'http://issuer/jwks', FLOOR_DATABASE_URL: 'postgres://db' };

  it('reads the required settings and applies the defaults', () => {
    expect(floorEnvironment(base)).toEqual({
      issuer: 'http://issuer', audience: 'orgbind', algorithms: ['RS256', 'ES256'], clockToleranceSeconds: 30,
      jwksUri: 'http://issuer/jwks', jwksCooldownMs: 30_000, maxTokenBytes: 8192,
      databaseUrl: 'postgres://db', poolSize: 10, statementTimeoutMs: 5000, verifier: undefined,
    });
    expect(floorEnvironment({ ...base, FLOOR_POOL_SIZE: '4', FLOOR_JWKS_COOLDOWN_SECONDS: '2', FLOOR_VERIFIER: 'jose' })).toMatchObject({ poolSize: 4, jwksCooldownMs: 2000, verifier: 'jose' });
  });

  it('refuses a missing or empty required setting, by name', () => {
    expect(() => floorEnvironment({ ...base, FLOOR_AUDIENCE: '' })).toThrow('FLOOR_AUDIENCE is required');
    const { FLOOR_DATABASE_URL: _url, ...noDatabase } = base;
    expect(() => floorEnvironment(noDatabase)).toThrow('FLOOR_DATABASE_URL is required');
  });
});
