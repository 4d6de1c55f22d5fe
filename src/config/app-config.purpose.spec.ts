import { ConfigError, loadConfig } from './app-config';

const PERSONAL_DATA_KEYS = { PERSONAL_DATA_HASH_KEY: 'x'.repeat(32), PERSONAL_DATA_ENCRYPTION_KEY: 'ab'.repeat(32) };
const PRODUCTION_DB_ONLY = { NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db:5432/orgbind' };

describe('loadConfig purposes, listen address and proxy trust', () => {
  it('database CLIs in production need the database but no platform settings', () => {
    expect(loadConfig(PRODUCTION_DB_ONLY, { purpose: 'database-cli' }).database.url).toBe(PRODUCTION_DB_ONLY.DATABASE_URL);
    expect(() => loadConfig(PRODUCTION_DB_ONLY, { purpose: 'service' })).toThrow(ConfigError);
  });

  it('production requires an https JWKS URI', () => {
    const env = { ...PRODUCTION_DB_ONLY, PLATFORM_ISSUER: 'https://idp', PLATFORM_AUDIENCE: 'orgbind', PLATFORM_JWKS_URI: 'http://idp/jwks', PLATFORM_ALGORITHMS: 'RS256', ...PERSONAL_DATA_KEYS };
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

  it('PROBLEM_TYPE_BASE_URI: unset by default, a slash added, no query or fragment, https in production', () => {
    expect(loadConfig({}).problemTypeBaseUri).toBeNull();
    expect(loadConfig({ PROBLEM_TYPE_BASE_URI: 'https://docs.example.org/problems' }).problemTypeBaseUri).toBe('https://docs.example.org/problems/');
    expect(loadConfig({ PROBLEM_TYPE_BASE_URI: 'http://127.0.0.1:8080/p/' }).problemTypeBaseUri).toBe('http://127.0.0.1:8080/p/');
    expect(() => loadConfig({ PROBLEM_TYPE_BASE_URI: '/problems/' })).toThrow(/PROBLEM_TYPE_BASE_URI: must be an absolute http\(s\) URL/);
    expect(() => loadConfig({ PROBLEM_TYPE_BASE_URI: 'ftp://docs.example.org/' })).toThrow(/PROBLEM_TYPE_BASE_URI/);
    expect(() => loadConfig({ PROBLEM_TYPE_BASE_URI: 'https://docs.example.org/p?type=' })).toThrow(/PROBLEM_TYPE_BASE_URI: must not carry a query or fragment/);
    const production = { ...PRODUCTION_DB_ONLY, PLATFORM_ISSUER: 'https://idp', PLATFORM_AUDIENCE: 'orgbind', PLATFORM_JWKS_URI: 'https://idp/jwks', PLATFORM_ALGORITHMS: 'RS256', ...PERSONAL_DATA_KEYS };
    expect(() => loadConfig({ ...production, PROBLEM_TYPE_BASE_URI: 'http://docs.example.org/problems/' })).toThrow(/PROBLEM_TYPE_BASE_URI: must be an absolute https URL in production/);
    expect(loadConfig({ ...production, PROBLEM_TYPE_BASE_URI: 'https://docs.example.org/problems/' }).problemTypeBaseUri).toBe('https://docs.example.org/problems/');
    expect(loadConfig(production).problemTypeBaseUri).toBeNull();
  });

  it('parses TRUST_PROXY and rejects nonsense', () => {
    expect(loadConfig({}).http.trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).http.trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.1' }).http.trustProxy).toEqual(['10.0.0.0/8', '192.168.1.1']);
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
  });

  it('production requires both personal-data keys (not the database CLIs); keys are validated', () => {
    const service = { ...PRODUCTION_DB_ONLY, PLATFORM_ISSUER: 'https://idp', PLATFORM_AUDIENCE: 'orgbind', PLATFORM_JWKS_URI: 'https://idp/jwks', PLATFORM_ALGORITHMS: 'RS256' };
    expect(() => loadConfig(service)).toThrow(/PERSONAL_DATA_HASH_KEY: required in production[\s\S]*PERSONAL_DATA_ENCRYPTION_KEY: required in production/);
    const config = loadConfig({ ...service, ...PERSONAL_DATA_KEYS });
    expect(config.personalData).toEqual({ hashKey: 'x'.repeat(32), encryptionKey: Buffer.from('ab'.repeat(32), 'hex'), usingDevelopmentKeys: false });
    expect(() => loadConfig({ ...service, ...PERSONAL_DATA_KEYS, PERSONAL_DATA_ENCRYPTION_KEY: 'too-short' })).toThrow(/PERSONAL_DATA_ENCRYPTION_KEY: must be 32 bytes/);
    expect(() => loadConfig({ ...service, ...PERSONAL_DATA_KEYS, PERSONAL_DATA_HASH_KEY: 'short' })).toThrow(/PERSONAL_DATA_HASH_KEY: must be at least 32 characters/);
    expect(loadConfig({}).personalData.usingDevelopmentKeys).toBe(true);
    expect(loadConfig({}).sessions.retentionDays).toBe(180);
  });
});
