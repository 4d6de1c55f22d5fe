import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, DEFAULT_PRODUCTION_DRAIN_DELAY_MS, loadConfig } from './app-config';

/** A complete, valid production environment (what the Helm chart provides). */
const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://orgbind:secret@db.internal:5432/orgbind',
  PLATFORM_ISSUER: 'https://auth.example.gov.cn',
  PLATFORM_AUDIENCE: 'orgbind',
  PLATFORM_JWKS_URI: 'https://auth.example.gov.cn/jwks',
  PLATFORM_ALGORITHMS: 'RS256',
  PERSONAL_DATA_HASH_KEY: 'production-test-hash-key-0123456789abcdef',
  PERSONAL_DATA_ENCRYPTION_KEY: 'ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100',
} as const;

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

function messageOf(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  describe('production', () => {
    it('accepts a complete production environment and never resolves to development runtimes', () => {
      const config = loadConfig(PRODUCTION);
      expect(config.isProduction).toBe(true);
      expect(config.database.url).toBe(PRODUCTION.DATABASE_URL);
      expect(config.database.runMigrationsAtStart).toBe(false);
      expect(config.dev.loadSampleData).toBe(false);
      expect(config.platform).toMatchObject({
        issuer: PRODUCTION.PLATFORM_ISSUER,
        audience: PRODUCTION.PLATFORM_AUDIENCE,
        jwksUri: PRODUCTION.PLATFORM_JWKS_URI,
        algorithms: ['RS256'],
      });
      expect(config.shutdown.drainDelayMs).toBe(DEFAULT_PRODUCTION_DRAIN_DELAY_MS);
    });

    it.each([
      ['DATABASE_URL', /embedded PostgreSQL is development-only/],
      ['PLATFORM_ISSUER', /development platform is development-only/],
      ['PLATFORM_AUDIENCE', /development platform is development-only/],
      ['PLATFORM_JWKS_URI', /development platform is development-only/],
      ['PLATFORM_ALGORITHMS', /development platform is development-only/],
    ])('requires %s', (name, reason) => {
      const problems = problemsOf({ ...PRODUCTION, [name]: undefined });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(new RegExp(`^${name}: required in production`));
      expect(problems[0]).toMatch(reason);
    });

    it('treats an empty value as missing', () => {
      expect(problemsOf({ ...PRODUCTION, DATABASE_URL: '' })).toEqual([expect.stringMatching(/^DATABASE_URL: required/)]);
    });

    it.each([
      ['MIGRATIONS_RUN_AT_START', 'true', /run migrations as a separate job/],
      ['DEV_LOAD_SAMPLE_DATA', 'true', /development-only/],
      ['DEV_LOAD_SAMPLE_DATA', 'false', /development-only/],
      ['DEV_PLATFORM_PORT', '4010', /development-only/],
      ['DEV_DATA_DIR', '.data', /development-only/],
    ])('refuses %s=%s', (name, value, reason) => {
      const problems = problemsOf({ ...PRODUCTION, [name]: value });
      expect(problems).toEqual([expect.stringMatching(new RegExp(`^${name}: `))]);
      expect(problems[0]).toMatch(reason);
    });

    it('the migration job needs only DATABASE_URL, and still refuses the development switches', () => {
      const migrations = { purpose: 'database-cli' } as const;
      expect(loadConfig({ NODE_ENV: 'production', DATABASE_URL: PRODUCTION.DATABASE_URL }, migrations).database.url).toBe(PRODUCTION.DATABASE_URL);
      let problems: string[] = [];
      try {
        loadConfig({ NODE_ENV: 'production', DEV_DATA_DIR: '.data' }, migrations);
      } catch (error) {
        problems = (error as ConfigError).problems.slice();
      }
      expect(problems).toEqual([expect.stringMatching(/^DATABASE_URL: required/), expect.stringMatching(/^DEV_DATA_DIR: development-only/)]);
    });

    it('allows MIGRATIONS_RUN_AT_START=false', () => {
      expect(loadConfig({ ...PRODUCTION, MIGRATIONS_RUN_AT_START: 'false' }).database.runMigrationsAtStart).toBe(false);
    });

    it('names every offending variable in one message', () => {
      const message = messageOf({
        NODE_ENV: 'production',
        MIGRATIONS_RUN_AT_START: 'yes',
        DEV_LOAD_SAMPLE_DATA: 'true',
        DEV_PLATFORM_PORT: '4010',
        DEV_DATA_DIR: '/tmp/x',
      });
      for (const name of [
        'DATABASE_URL', 'PLATFORM_ISSUER', 'PLATFORM_AUDIENCE', 'PLATFORM_JWKS_URI', 'PLATFORM_ALGORITHMS',
        'MIGRATIONS_RUN_AT_START', 'DEV_LOAD_SAMPLE_DATA', 'DEV_PLATFORM_PORT', 'DEV_DATA_DIR',
        'PERSONAL_DATA_HASH_KEY', 'PERSONAL_DATA_ENCRYPTION_KEY',
      ]) {
        expect(message).toMatch(new RegExp(`^  - ${name}: `, 'm'));
      }
      expect(message.split('\n')).toHaveLength(12);
    });
  });

  describe('validation', () => {
    it('names every malformed variable at once (schema errors)', () => {
      const problems = problemsOf({
        NODE_ENV: 'staging',
        PORT: '70000',
        DATABASE_URL: 'mysql://x@y/z',
        PLATFORM_ALGORITHMS: 'HS256',
        SHUTDOWN_TIMEOUT_MS: 'soon',
        METRICS_ENABLED: 'maybe',
      });
      for (const name of ['NODE_ENV', 'PORT', 'DATABASE_URL', 'PLATFORM_ALGORITHMS', 'SHUTDOWN_TIMEOUT_MS', 'METRICS_ENABLED']) {
        expect(problems.some((p) => p.startsWith(`${name}`))).toBe(true);
      }
    });

    it('never accepts `none` or HMAC algorithms', () => {
      expect(problemsOf({ PLATFORM_ALGORITHMS: 'none' })[0]).toMatch(/^PLATFORM_ALGORITHMS/);
      expect(problemsOf({ PLATFORM_ALGORITHMS: 'RS256,HS256' })[0]).toMatch(/^PLATFORM_ALGORITHMS/);
    });

    it('outside production wants all the platform settings of the token mode or none', () => {
      expect(problemsOf({ PLATFORM_ISSUER: 'https://idp.example' })).toEqual([
        expect.stringMatching(/PLATFORM_ISSUER, PLATFORM_AUDIENCE, PLATFORM_JWKS_URI: set all of them or none, for PLATFORM_TOKEN_MODE=jwt \(set: PLATFORM_ISSUER\)/),
      ]);
      expect(problemsOf({ PLATFORM_TOKEN_MODE: 'introspection', PLATFORM_ISSUER: 'https://idp.example', PLATFORM_AUDIENCE: 'orgbind' })).toEqual([
        expect.stringMatching(/PLATFORM_ISSUER, PLATFORM_AUDIENCE, PLATFORM_INTROSPECTION_ENDPOINT, PLATFORM_CLIENT_ID: set all of them or none, for PLATFORM_TOKEN_MODE=introspection/),
      ]);
    });

    describe('token modes', () => {
      const production = {
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://db/orgbind',
        PLATFORM_ISSUER: 'https://idp.example',
        PLATFORM_AUDIENCE: 'orgbind',
        PERSONAL_DATA_HASH_KEY: 'k'.repeat(32),
        PERSONAL_DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      };

      it('defaults to jwt for users and service clients', () => {
        const config = loadConfig({});
        expect(config.platform.tokenMode).toBe('jwt');
        expect(config.platform.serviceTokenMode).toBe('jwt');
      });

      it('introspection needs the endpoint and orgbind\'s client credentials, not the JWKS; service tokens follow', () => {
        const config = loadConfig({
          ...production,
          PLATFORM_TOKEN_MODE: 'introspection',
          PLATFORM_INTROSPECTION_ENDPOINT: 'https://idp.example/introspect',
          PLATFORM_CLIENT_ID: 'orgbind',
          PLATFORM_CLIENT_SECRET: 's3cret',
        });
        expect(config.platform).toMatchObject({
          tokenMode: 'introspection',
          serviceTokenMode: 'introspection',
          introspectionEndpoint: 'https://idp.example/introspect',
          client: { id: 'orgbind', authMethod: 'client_secret_basic', secret: 's3cret' },
          tokenCache: { maxEntries: 10_000, maxTtlSeconds: 60, negativeTtlSeconds: 5 },
          requestTimeoutMs: 3000,
        });
        expect(problemsOf({ ...production, PLATFORM_TOKEN_MODE: 'introspection' })).toEqual([
          'PLATFORM_INTROSPECTION_ENDPOINT: required in production (the development platform is development-only)',
          'PLATFORM_CLIENT_ID: required in production (the development platform is development-only)',
        ]);
        expect(problemsOf({ ...production, PLATFORM_TOKEN_MODE: 'introspection', PLATFORM_INTROSPECTION_ENDPOINT: 'https://idp.example/i', PLATFORM_CLIENT_ID: 'orgbind' })).toEqual([
          'PLATFORM_CLIENT_SECRET: required with PLATFORM_CLIENT_AUTH_METHOD=client_secret_basic',
        ]);
      });

      it('production requires https endpoints (plain http only on loopback)', () => {
        expect(
          problemsOf({ ...production, PLATFORM_TOKEN_MODE: 'userinfo', PLATFORM_USERINFO_ENDPOINT: 'http://idp.example/me', PLATFORM_JWKS_URI: 'https://idp.example/jwks', PLATFORM_ALGORITHMS: 'RS256' }),
        ).toEqual(['PLATFORM_USERINFO_ENDPOINT: must be https in production (plain http only on loopback)']);
      });

      it('userinfo checks service clients as JWTs by default, so it still wants the JWKS', () => {
        expect(problemsOf({ ...production, PLATFORM_TOKEN_MODE: 'userinfo', PLATFORM_USERINFO_ENDPOINT: 'https://idp.example/me' })).toEqual([
          'PLATFORM_JWKS_URI: required in production (the development platform is development-only)',
          'PLATFORM_ALGORITHMS: required in production (the development platform is development-only)',
        ]);
      });

      it('private_key_jwt wants a private key it can read', () => {
        const base = { PLATFORM_TOKEN_MODE: 'introspection', PLATFORM_ISSUER: 'https://idp.example', PLATFORM_AUDIENCE: 'orgbind', PLATFORM_INTROSPECTION_ENDPOINT: 'https://idp.example/i', PLATFORM_CLIENT_ID: 'orgbind', PLATFORM_CLIENT_AUTH_METHOD: 'private_key_jwt' };
        expect(problemsOf(base)).toEqual(['PLATFORM_CLIENT_PRIVATE_KEY: required with PLATFORM_CLIENT_AUTH_METHOD=private_key_jwt']);
        expect(problemsOf({ ...base, PLATFORM_CLIENT_PRIVATE_KEY: 'not a key' })).toEqual(['PLATFORM_CLIENT_PRIVATE_KEY: not a private key (PKCS#8 PEM, or a private JWK as JSON)']);
        const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
        const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
        expect(loadConfig({ ...base, PLATFORM_CLIENT_PRIVATE_KEY: pem, PLATFORM_CLIENT_ASSERTION_ALG: 'ES256' }).platform.client).toMatchObject({ authMethod: 'private_key_jwt', assertionAlg: 'ES256' });
      });

      it('refuses client credentials without a client id (in development too: they would be ignored)', () => {
        const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
        const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
        expect(problemsOf({ PLATFORM_TOKEN_MODE: 'introspection', PLATFORM_CLIENT_AUTH_METHOD: 'private_key_jwt', PLATFORM_CLIENT_PRIVATE_KEY: pem })).toEqual([
          'PLATFORM_CLIENT_ID: required with PLATFORM_CLIENT_PRIVATE_KEY (client credentials belong to a client id; without one they would be ignored)',
        ]);
        expect(problemsOf({ PLATFORM_CLIENT_SECRET: 's3cret', PLATFORM_CLIENT_KEY_ID: 'k1' })).toEqual([
          'PLATFORM_CLIENT_ID: required with PLATFORM_CLIENT_SECRET, PLATFORM_CLIENT_KEY_ID (client credentials belong to a client id; without one they would be ignored)',
        ]);
      });

      it('refuses an unknown mode and a cache TTL out of range, naming the variable', () => {
        expect(problemsOf({ PLATFORM_TOKEN_MODE: 'opaque' })[0]).toMatch(/^PLATFORM_TOKEN_MODE: /);
        expect(problemsOf({ PLATFORM_TOKEN_CACHE_MAX_TTL_SECONDS: '7200' })[0]).toMatch(/^PLATFORM_TOKEN_CACHE_MAX_TTL_SECONDS: /);
      });
    });

    it('keeps the metrics listener off the API port', () => {
      expect(problemsOf({ PORT: '8080', METRICS_PORT: '8080' })).toEqual([expect.stringMatching(/^METRICS_PORT: must differ from PORT/)]);
      expect(loadConfig({ PORT: '8080', METRICS_PORT: '8080', METRICS_ENABLED: 'false' }).metrics.enabled).toBe(false);
      expect(loadConfig({ PORT: '0', METRICS_PORT: '0' }).metrics.port).toBe(0);
    });
  });

  describe('defaults', () => {
    it('development: embedded database, dev platform, migrations at start, no drain delay', () => {
      const config = loadConfig({});
      expect(config.env).toBe('development');
      expect(config.database.url).toBeUndefined();
      expect(config.platform.issuer).toBeUndefined();
      expect(config.database.runMigrationsAtStart).toBe(true);
      expect(config.shutdown).toEqual({ drainDelayMs: 0, timeoutMs: 20_000 });
      expect(config.http).toEqual({ host: '127.0.0.1', port: 3000, trustProxy: false, requestTimeoutMs: 30_000, handlerTimeoutMs: 15_000, keepAliveTimeoutMs: 72_000 });
      expect(config.metrics).toEqual({ enabled: true, host: '127.0.0.1', port: 9464 });
    });

    it('shutdown and metrics settings are read as given', () => {
      const config = loadConfig({ ...PRODUCTION, SHUTDOWN_DRAIN_DELAY_MS: '0', SHUTDOWN_TIMEOUT_MS: '1500', METRICS_HOST: '127.0.0.1', METRICS_PORT: '9100' });
      expect(config.shutdown).toEqual({ drainDelayMs: 0, timeoutMs: 1500 });
      expect(config.metrics).toEqual({ enabled: true, host: '127.0.0.1', port: 9100 });
    });
  });
});
