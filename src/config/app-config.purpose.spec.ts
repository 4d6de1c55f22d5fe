import { ConfigError, loadConfig } from './app-config';

const PRODUCTION_DB_ONLY = { NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db:5432/orgbind' };

describe('loadConfig purposes, listen address and proxy trust', () => {
  it('database CLIs in production need the database but no platform settings', () => {
    expect(loadConfig(PRODUCTION_DB_ONLY, { purpose: 'database-cli' }).database.url).toBe(PRODUCTION_DB_ONLY.DATABASE_URL);
    expect(() => loadConfig(PRODUCTION_DB_ONLY, { purpose: 'service' })).toThrow(ConfigError);
  });

  it('production requires an https JWKS URI', () => {
    const env = { ...PRODUCTION_DB_ONLY, PLATFORM_ISSUER: 'https://idp', PLATFORM_AUDIENCE: 'orgbind', PLATFORM_JWKS_URI: 'http://idp/jwks', PLATFORM_ALGORITHMS: 'RS256' };
    expect(() => loadConfig(env)).toThrow(/PLATFORM_JWKS_URI: must be https in production/);
    expect(loadConfig({ ...env, PLATFORM_JWKS_URI: 'http://127.0.0.1:4010/jwks' }).platform.jwksUri).toBe('http://127.0.0.1:4010/jwks');
    expect(loadConfig({ ...env, PLATFORM_JWKS_URI: 'https://idp/jwks' }).http.host).toBe('0.0.0.0');
  });

  it('listens on loopback by default outside production', () => {
    expect(loadConfig({}).http.host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).http.host).toBe('0.0.0.0');
  });

  it('explains why HMAC algorithms are refused', () => {
    expect(() => loadConfig({ PLATFORM_ALGORITHMS: 'HS256' })).toThrow(/none and HMAC \(HS\*\) are never accepted/);
  });

  it('parses TRUST_PROXY and rejects nonsense', () => {
    expect(loadConfig({}).http.trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).http.trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.1' }).http.trustProxy).toEqual(['10.0.0.0/8', '192.168.1.1']);
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
  });
});
