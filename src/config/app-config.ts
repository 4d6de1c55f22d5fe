import { availableParallelism } from 'node:os';
import { Env, envSchema } from './config.schema';

/** Typed, validated configuration. Built once by {@link loadConfig}; nothing else reads `process.env`. */
export interface AppConfig {
  readonly env: Env['NODE_ENV'];
  readonly isProduction: boolean;
  readonly http: { readonly host: string; readonly port: number };
  readonly logLevel: Env['LOG_LEVEL'];
  readonly database: {
    /** `undefined` in development means: start the embedded PostgreSQL. */
    readonly url: string | undefined;
    readonly poolSize: number;
    readonly statementTimeoutMs: number;
    readonly runMigrationsAtStart: boolean;
  };
  readonly dev: {
    readonly dataDir: string;
    readonly loadSampleData: boolean;
    readonly platformPort: number;
  };
  readonly platform: {
    /** `undefined` in development means: start the development platform. */
    readonly issuer: string | undefined;
    readonly audience: string | undefined;
    readonly jwksUri: string | undefined;
    readonly algorithms: readonly string[];
    readonly clockSkewSeconds: number;
    readonly jwksCooldownSeconds: number;
    readonly jwksCacheMaxAgeSeconds: number;
    readonly maxTokenBytes: number;
    readonly claims: {
      readonly userType: string;
      readonly name: string;
      readonly uscc: string;
      readonly residentId: string;
      readonly phone: string;
      readonly verificationLevel: string;
    };
  };
  readonly nameComparisonPolicy: Env['NAME_COMPARISON_POLICY'];
  /** Temporary lockout of legacy-binding attempts (Keycloak's brute-force model). */
  readonly lockout: {
    readonly maxFailures: number;
    readonly waitIncrementSeconds: number;
    readonly maxWaitSeconds: number;
    readonly failureResetSeconds: number;
  };
  readonly legacyAccounts: {
    /** Argon2id parameters of new verifiers (existing verifiers carry their own). */
    readonly argon2: { readonly memoryKib: number; readonly timeCost: number; readonly parallelism: number };
    /** Hashes computed at once by the import. */
    readonly importConcurrency: number;
  };
}

/** Thrown when the environment is invalid; the message names every offending variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const PLATFORM_VARS = ['PLATFORM_ISSUER', 'PLATFORM_AUDIENCE', 'PLATFORM_JWKS_URI', 'PLATFORM_ALGORITHMS'] as const;

/**
 * Validate the environment and build the typed configuration.
 * @throws ConfigError listing every bad or missing variable.
 */
export function loadConfig(source: Record<string, string | undefined>): AppConfig {
  const raw = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(raw);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push(`${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    throw new ConfigError(problems);
  }
  const env = parsed.data;
  const isProduction = env.NODE_ENV === 'production';
  if (isProduction) {
    if (!env.DATABASE_URL) problems.push('DATABASE_URL: required in production (the embedded PostgreSQL is development-only)');
    for (const name of PLATFORM_VARS) {
      if (raw[name] === undefined) problems.push(`${name}: required in production (the development platform is development-only)`);
    }
    if (env.MIGRATIONS_RUN_AT_START) problems.push('MIGRATIONS_RUN_AT_START: refused in production (run migrations as a separate job)');
    if (raw.DEV_LOAD_SAMPLE_DATA !== undefined) problems.push('DEV_LOAD_SAMPLE_DATA: development-only, refused in production');
    if (raw.DEV_PLATFORM_PORT !== undefined) problems.push('DEV_PLATFORM_PORT: development-only, refused in production');
    if (raw.DEV_DATA_DIR !== undefined) problems.push('DEV_DATA_DIR: development-only, refused in production');
  } else {
    const platformSet = PLATFORM_VARS.filter((n) => n !== 'PLATFORM_ALGORITHMS' && raw[n] !== undefined);
    if (platformSet.length > 0 && platformSet.length < 3) {
      problems.push(`PLATFORM_ISSUER, PLATFORM_AUDIENCE, PLATFORM_JWKS_URI: set all three or none (set: ${platformSet.join(', ')})`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    env: env.NODE_ENV,
    isProduction,
    http: { host: env.HOST, port: env.PORT },
    logLevel: env.LOG_LEVEL,
    database: {
      url: env.DATABASE_URL,
      poolSize: env.DATABASE_POOL_SIZE,
      statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
      runMigrationsAtStart: env.MIGRATIONS_RUN_AT_START ?? !isProduction,
    },
    dev: {
      dataDir: env.DEV_DATA_DIR,
      loadSampleData: !isProduction && env.DEV_LOAD_SAMPLE_DATA,
      platformPort: env.DEV_PLATFORM_PORT,
    },
    platform: {
      issuer: env.PLATFORM_ISSUER,
      audience: env.PLATFORM_AUDIENCE,
      jwksUri: env.PLATFORM_JWKS_URI,
      algorithms: env.PLATFORM_ALGORITHMS,
      clockSkewSeconds: env.PLATFORM_CLOCK_SKEW_SECONDS,
      jwksCooldownSeconds: env.PLATFORM_JWKS_COOLDOWN_SECONDS,
      jwksCacheMaxAgeSeconds: env.PLATFORM_JWKS_CACHE_MAX_AGE_SECONDS,
      maxTokenBytes: env.PLATFORM_MAX_TOKEN_BYTES,
      claims: {
        userType: env.CLAIM_USER_TYPE,
        name: env.CLAIM_NAME,
        uscc: env.CLAIM_USCC,
        residentId: env.CLAIM_RESIDENT_ID,
        phone: env.CLAIM_PHONE,
        verificationLevel: env.CLAIM_VERIFICATION_LEVEL,
      },
    },
    nameComparisonPolicy: env.NAME_COMPARISON_POLICY,
    lockout: {
      maxFailures: env.LOCKOUT_MAX_FAILURES,
      waitIncrementSeconds: env.LOCKOUT_WAIT_INCREMENT_SECONDS,
      maxWaitSeconds: env.LOCKOUT_MAX_WAIT_SECONDS,
      failureResetSeconds: env.LOCKOUT_FAILURE_RESET_SECONDS,
    },
    legacyAccounts: {
      argon2: {
        memoryKib: env.LEGACY_ARGON2_MEMORY_KIB,
        timeCost: env.LEGACY_ARGON2_TIME_COST,
        parallelism: env.LEGACY_ARGON2_PARALLELISM,
      },
      importConcurrency: env.LEGACY_IMPORT_CONCURRENCY ?? Math.max(1, availableParallelism()),
    },
  };
}

/** Configuration with the database and platform settings resolved (after the dev bootstrap). */
export interface ResolvedRuntime {
  readonly databaseUrl: string;
  readonly platform: { readonly issuer: string; readonly audience: string; readonly jwksUri: string };
}
