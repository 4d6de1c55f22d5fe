import { createPrivateKey } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Env, envSchema } from './config.schema';
import { DEVELOPMENT_ENCRYPTION_KEY, DEVELOPMENT_HASH_KEY, personalDataKeyBytes } from '../personal-data/domain/personal-data-keys';

/** Typed, validated configuration. Built once by {@link loadConfig}; nothing else reads `process.env`. */
export interface AppConfig {
  readonly env: Env['NODE_ENV'];
  readonly isProduction: boolean;
  readonly http: {
    readonly host: string;
    readonly port: number;
    /** Fastify `trustProxy`: false, true, or addresses/CIDRs of trusted proxies. */
    readonly trustProxy: boolean | string[];
    /** Longest time to receive a whole request. */
    readonly requestTimeoutMs: number;
    /** Longest time from routing to the response (503 after it). */
    readonly handlerTimeoutMs: number;
    readonly keepAliveTimeoutMs: number;
  };
  /** Graceful shutdown on SIGTERM/SIGINT (`src/lifecycle/`). */
  readonly shutdown: {
    /** Readiness is 503 and requests are still served for this long before the listener closes. */
    readonly drainDelayMs: number;
    /** Bound on waiting for in-flight requests after the listener closed. */
    readonly timeoutMs: number;
  };
  /** Prometheus metrics on their own listener (`src/metrics/`). */
  readonly metrics: {
    readonly enabled: boolean;
    readonly host: string;
    /** `0`: any free port (tests). */
    readonly port: number;
  };
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
    /** How a user's token is checked: a JWT against the JWKS, or an opaque token at the platform. */
    readonly tokenMode: PlatformTokenMode;
    /** How a service client's token is checked. */
    readonly serviceTokenMode: 'jwt' | 'introspection';
    /** RFC 7662 endpoint; `undefined` in development means: the development platform's. */
    readonly introspectionEndpoint: string | undefined;
    /** OIDC UserInfo endpoint; `undefined` in development means: the development platform's. */
    readonly userinfoEndpoint: string | undefined;
    /** orgbind's credentials at the platform (introspection requests). */
    readonly client: PlatformClientCredentials | undefined;
    /** Longest wait for an introspection or UserInfo answer. */
    readonly requestTimeoutMs: number;
    /** `Retry-After` of PLATFORM_UNAVAILABLE. */
    readonly unavailableRetryAfterSeconds: number;
    /** The cache of introspection/UserInfo answers. */
    readonly tokenCache: { readonly maxEntries: number; readonly maxTtlSeconds: number; readonly negativeTtlSeconds: number };
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
  /**
   * Base of problem `type` URIs (always ending in `/`), or null: the service's own
   * `/problems/` against the request's public origin (`src/problems/`).
   */
  readonly problemTypeBaseUri: string | null;
  readonly review: {
    /** Whole days after which a pending registration application is overdue (`ageDays > overdueDays`). */
    readonly overdueDays: number;
  };
  readonly audit: {
    readonly sealer: {
      readonly enabled: boolean;
      readonly intervalMs: number;
      readonly batchSize: number;
      readonly gapGraceMs: number;
    };
    readonly retentionDays: number;
  };
  /** Protection of personal data at rest (see docs/data-protection.md). */
  readonly personalData: {
    /** HMAC-SHA256 key of resident-ID look-up hashes. */
    readonly hashKey: string;
    /** AES-256-GCM key (32 bytes) of encrypted personal fields. */
    readonly encryptionKey: Buffer;
    /** True when the development defaults are in use (never in production). */
    readonly usingDevelopmentKeys: boolean;
  };
  readonly sessions: {
    readonly retentionDays: number;
    readonly policy: Env['SESSION_POLICY'];
    readonly idleTimeoutSeconds: number;
    readonly absoluteTimeoutSeconds: number;
    readonly activityWriteIntervalSeconds: number;
  };
  readonly lifecycle: {
    /** 0: natural-person bindings are superseded at establishment. */
    readonly establishmentGracePeriodHours: number;
    /** 0: no periodic sweep (due supersessions and expired sessions are still applied when met). */
    readonly sweepIntervalSeconds: number;
  };
  /** Temporary lockout of legacy-binding attempts (Keycloak's brute-force model). */
  readonly lockout: {
    readonly maxFailures: number;
    readonly waitIncrementSeconds: number;
    readonly maxWaitSeconds: number;
    readonly failureResetSeconds: number;
  };
  /** Rate limits per platform account and per client IP, per endpoint group, over one window. */
  readonly rateLimits: {
    readonly windowSeconds: number;
    readonly binding: RateLimitPair;
    readonly application: RateLimitPair;
    readonly review: RateLimitPair;
  };
  readonly legacyAccounts: {
    /** Argon2id parameters of new verifiers (existing verifiers carry their own). */
    readonly argon2: { readonly memoryKib: number; readonly timeCost: number; readonly parallelism: number };
    /** Hashes computed at once by the import. */
    readonly importConcurrency: number;
  };
}

/** `PLATFORM_TOKEN_MODE`. */
export type PlatformTokenMode = 'jwt' | 'introspection' | 'userinfo';

/** How orgbind authenticates to the platform's introspection endpoint. */
export type PlatformClientCredentials =
  | { readonly id: string; readonly authMethod: 'client_secret_basic' | 'client_secret_post'; readonly secret: string }
  | { readonly id: string; readonly authMethod: 'private_key_jwt'; readonly privateKey: string; readonly keyId: string | undefined; readonly assertionAlg: string };

/** Thrown when the environment is invalid; the message names every offending variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Drain delay in production when `SHUTDOWN_DRAIN_DELAY_MS` is unset: long enough for Kubernetes
 * to take the pod out of the Service's endpoints after readiness fails. Zero elsewhere, so
 * that Ctrl-C stops `npm start` at once.
 */
export const DEFAULT_PRODUCTION_DRAIN_DELAY_MS = 5000;

type PlatformVar =
  | 'PLATFORM_ISSUER'
  | 'PLATFORM_AUDIENCE'
  | 'PLATFORM_JWKS_URI'
  | 'PLATFORM_ALGORITHMS'
  | 'PLATFORM_INTROSPECTION_ENDPOINT'
  | 'PLATFORM_USERINFO_ENDPOINT'
  | 'PLATFORM_CLIENT_ID';

/** `PLATFORM_SERVICE_TOKEN_MODE`, defaulted from `PLATFORM_TOKEN_MODE`. */
function serviceTokenMode(env: Env): 'jwt' | 'introspection' {
  return env.PLATFORM_SERVICE_TOKEN_MODE ?? (env.PLATFORM_TOKEN_MODE === 'introspection' ? 'introspection' : 'jwt');
}

/**
 * The platform settings the token modes need (all required in production; outside it, all or
 * none, none meaning the development platform): issuer and audience always; the JWKS and the
 * algorithm allow-list when any token is a JWT; the introspection endpoint and orgbind's client id
 * when any token is introspected; the UserInfo endpoint in `userinfo` mode.
 */
function productionPlatformVars(env: Env): PlatformVar[] {
  const modes = new Set<string>([env.PLATFORM_TOKEN_MODE, serviceTokenMode(env)]);
  return [
    'PLATFORM_ISSUER',
    'PLATFORM_AUDIENCE',
    ...(modes.has('jwt') ? (['PLATFORM_JWKS_URI', 'PLATFORM_ALGORITHMS'] as const) : []),
    ...(modes.has('introspection') ? (['PLATFORM_INTROSPECTION_ENDPOINT', 'PLATFORM_CLIENT_ID'] as const) : []),
    ...(modes.has('userinfo') ? (['PLATFORM_USERINFO_ENDPOINT'] as const) : []),
  ];
}

/** What is wrong with the client credentials of introspection: incomplete, or given without a client id. */
function platformClientProblems(env: Env): string[] {
  if (env.PLATFORM_CLIENT_ID === undefined) {
    const orphans = (['PLATFORM_CLIENT_SECRET', 'PLATFORM_CLIENT_PRIVATE_KEY', 'PLATFORM_CLIENT_KEY_ID'] as const).filter((name) => env[name] !== undefined);
    return orphans.length > 0 ? [`PLATFORM_CLIENT_ID: required with ${orphans.join(', ')} (client credentials belong to a client id; without one they would be ignored)`] : [];
  }
  if (env.PLATFORM_CLIENT_AUTH_METHOD === 'private_key_jwt') {
    if (env.PLATFORM_CLIENT_PRIVATE_KEY === undefined) return ['PLATFORM_CLIENT_PRIVATE_KEY: required with PLATFORM_CLIENT_AUTH_METHOD=private_key_jwt'];
    if (parsePrivateKey(env.PLATFORM_CLIENT_PRIVATE_KEY) === null) return ['PLATFORM_CLIENT_PRIVATE_KEY: not a private key (PKCS#8 PEM, or a private JWK as JSON)'];
    return [];
  }
  if (env.PLATFORM_CLIENT_SECRET === undefined) return [`PLATFORM_CLIENT_SECRET: required with PLATFORM_CLIENT_AUTH_METHOD=${env.PLATFORM_CLIENT_AUTH_METHOD}`];
  return [];
}

/** A PKCS#8 PEM or a private JWK (JSON) as a key, or null when it is neither. */
export function parsePrivateKey(text: string): ReturnType<typeof createPrivateKey> | null {
  try {
    const trimmed = text.trim();
    return trimmed.startsWith('{') ? createPrivateKey({ key: JSON.parse(trimmed) as import('node:crypto').JsonWebKey, format: 'jwk' }) : createPrivateKey(trimmed);
  } catch {
    return null;
  }
}

function platformClient(env: Env): PlatformClientCredentials | undefined {
  if (env.PLATFORM_CLIENT_ID === undefined) return undefined;
  if (env.PLATFORM_CLIENT_AUTH_METHOD === 'private_key_jwt') {
    return { id: env.PLATFORM_CLIENT_ID, authMethod: 'private_key_jwt', privateKey: env.PLATFORM_CLIENT_PRIVATE_KEY!, keyId: env.PLATFORM_CLIENT_KEY_ID, assertionAlg: env.PLATFORM_CLIENT_ASSERTION_ALG };
  }
  return { id: env.PLATFORM_CLIENT_ID, authMethod: env.PLATFORM_CLIENT_AUTH_METHOD, secret: env.PLATFORM_CLIENT_SECRET! };
}

/** What the configuration is loaded for. */
export interface LoadConfigOptions {
  /**
   * `service` (default): everything the service needs. `database-cli`: the migration job and
   * the database CLIs (imports, audit tools), which need only the database, so production does
   * not require the platform settings there.
   */
  readonly purpose?: 'service' | 'database-cli';
}

/**
 * Validate the environment and build the typed configuration.
 * @throws ConfigError listing every bad or missing variable.
 */
export function loadConfig(source: Record<string, string | undefined>, options: LoadConfigOptions = {}): AppConfig {
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
    if (options.purpose !== 'database-cli') {
      for (const name of productionPlatformVars(env)) {
        if (raw[name] === undefined) problems.push(`${name}: required in production (the development platform is development-only)`);
      }
      for (const name of ['PLATFORM_JWKS_URI', 'PLATFORM_INTROSPECTION_ENDPOINT', 'PLATFORM_USERINFO_ENDPOINT'] as const) {
        const url = env[name];
        if (url && !isHttpsOrLoopback(url)) problems.push(`${name}: must be https in production (plain http only on loopback)`);
      }
    }
    if (env.PROBLEM_TYPE_BASE_URI && new URL(env.PROBLEM_TYPE_BASE_URI).protocol !== 'https:') problems.push('PROBLEM_TYPE_BASE_URI: must be an absolute https URL in production (or unset: the service documents its problem types itself)');
    if (env.MIGRATIONS_RUN_AT_START) problems.push('MIGRATIONS_RUN_AT_START: refused in production (run migrations as a separate job)');
    if (raw.DEV_LOAD_SAMPLE_DATA !== undefined) problems.push('DEV_LOAD_SAMPLE_DATA: development-only, refused in production');
    if (raw.DEV_PLATFORM_PORT !== undefined) problems.push('DEV_PLATFORM_PORT: development-only, refused in production');
    if (options.purpose !== 'database-cli') {
      for (const name of ['PERSONAL_DATA_HASH_KEY', 'PERSONAL_DATA_ENCRYPTION_KEY'] as const) {
        if (env[name] === undefined) problems.push(`${name}: required in production (the development default is public)`);
      }
    }
    if (raw.DEV_DATA_DIR !== undefined) problems.push('DEV_DATA_DIR: development-only, refused in production');
  } else {
    // Outside production, no platform settings at all means: the development platform.
    const wanted = productionPlatformVars(env).filter((n) => n !== 'PLATFORM_ALGORITHMS');
    const platformSet = wanted.filter((n) => raw[n] !== undefined);
    if (platformSet.length > 0 && platformSet.length < wanted.length) {
      problems.push(`${wanted.join(', ')}: set all of them or none, for PLATFORM_TOKEN_MODE=${env.PLATFORM_TOKEN_MODE} (set: ${platformSet.join(', ')})`);
    }
  }
  problems.push(...platformClientProblems(env));
  if (env.METRICS_ENABLED && env.METRICS_PORT !== 0 && env.METRICS_PORT === env.PORT) {
    problems.push(`METRICS_PORT: must differ from PORT (${env.PORT}): metrics have their own listener, kept off the public API`);
  }
  if (env.SESSION_ACTIVITY_WRITE_INTERVAL_SECONDS >= env.SESSION_IDLE_TIMEOUT_MINUTES * 60) {
    problems.push('SESSION_ACTIVITY_WRITE_INTERVAL_SECONDS: must be shorter than SESSION_IDLE_TIMEOUT_MINUTES');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const host = env.HOST ?? (isProduction ? '0.0.0.0' : '127.0.0.1');
  return {
    env: env.NODE_ENV,
    isProduction,
    http: {
      host,
      trustProxy: parseTrustProxy(env.TRUST_PROXY),
      port: env.PORT,
      requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS,
      handlerTimeoutMs: env.HTTP_HANDLER_TIMEOUT_MS,
      keepAliveTimeoutMs: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    },
    shutdown: {
      drainDelayMs: env.SHUTDOWN_DRAIN_DELAY_MS ?? (isProduction ? DEFAULT_PRODUCTION_DRAIN_DELAY_MS : 0),
      timeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    },
    metrics: { enabled: env.METRICS_ENABLED, host: env.METRICS_HOST ?? host, port: env.METRICS_PORT },
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
      tokenMode: env.PLATFORM_TOKEN_MODE,
      serviceTokenMode: serviceTokenMode(env),
      introspectionEndpoint: env.PLATFORM_INTROSPECTION_ENDPOINT,
      userinfoEndpoint: env.PLATFORM_USERINFO_ENDPOINT,
      client: platformClient(env),
      requestTimeoutMs: env.PLATFORM_REQUEST_TIMEOUT_MS,
      unavailableRetryAfterSeconds: env.PLATFORM_UNAVAILABLE_RETRY_AFTER_SECONDS,
      tokenCache: {
        maxEntries: env.PLATFORM_TOKEN_CACHE_MAX_ENTRIES,
        maxTtlSeconds: env.PLATFORM_TOKEN_CACHE_MAX_TTL_SECONDS,
        negativeTtlSeconds: env.PLATFORM_TOKEN_NEGATIVE_CACHE_SECONDS,
      },
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
    problemTypeBaseUri: env.PROBLEM_TYPE_BASE_URI ? withTrailingSlash(env.PROBLEM_TYPE_BASE_URI) : null,
    review: { overdueDays: env.REVIEW_OVERDUE_DAYS },
    audit: {
      sealer: {
        enabled: env.AUDIT_SEALER_ENABLED,
        intervalMs: env.AUDIT_SEAL_INTERVAL_MS,
        batchSize: env.AUDIT_SEAL_BATCH_SIZE,
        gapGraceMs: env.AUDIT_SEAL_GAP_GRACE_MS,
      },
      retentionDays: env.AUDIT_RETENTION_DAYS,
    },
    personalData: {
      hashKey: env.PERSONAL_DATA_HASH_KEY ?? DEVELOPMENT_HASH_KEY,
      encryptionKey: personalDataKeyBytes(env.PERSONAL_DATA_ENCRYPTION_KEY ?? DEVELOPMENT_ENCRYPTION_KEY)!,
      usingDevelopmentKeys: env.PERSONAL_DATA_HASH_KEY === undefined || env.PERSONAL_DATA_ENCRYPTION_KEY === undefined,
    },
    sessions: {
      retentionDays: env.SESSION_RETENTION_DAYS,
      policy: env.SESSION_POLICY,
      idleTimeoutSeconds: env.SESSION_IDLE_TIMEOUT_MINUTES * 60,
      absoluteTimeoutSeconds: env.SESSION_ABSOLUTE_TIMEOUT_HOURS * 3600,
      activityWriteIntervalSeconds: env.SESSION_ACTIVITY_WRITE_INTERVAL_SECONDS,
    },
    lifecycle: {
      establishmentGracePeriodHours: env.ESTABLISHMENT_GRACE_PERIOD_HOURS,
      sweepIntervalSeconds: env.LIFECYCLE_SWEEP_INTERVAL_SECONDS,
    },
    lockout: {
      maxFailures: env.LOCKOUT_MAX_FAILURES,
      waitIncrementSeconds: env.LOCKOUT_WAIT_INCREMENT_SECONDS,
      maxWaitSeconds: env.LOCKOUT_MAX_WAIT_SECONDS,
      failureResetSeconds: env.LOCKOUT_FAILURE_RESET_SECONDS,
    },
    rateLimits: {
      windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS,
      binding: { perAccount: env.RATE_LIMIT_BINDING_PER_ACCOUNT, perIp: env.RATE_LIMIT_BINDING_PER_IP },
      application: { perAccount: env.RATE_LIMIT_APPLICATION_PER_ACCOUNT, perIp: env.RATE_LIMIT_APPLICATION_PER_IP },
      review: { perAccount: env.RATE_LIMIT_REVIEW_PER_ACCOUNT, perIp: env.RATE_LIMIT_REVIEW_PER_IP },
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

/** `TRUST_PROXY` → Fastify's `trustProxy`. */
function parseTrustProxy(value: string): boolean | string[] {
  if (value === 'false') return false;
  if (value === 'true') return true;
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

/** Keys fetched over plain http could be swapped in transit: only https, or a loopback address. */
function isHttpsOrLoopback(url: string): boolean {
  const parsed = new URL(url);
  return parsed.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
}

/** Requests allowed per window for one platform account and for one client IP. */
export interface RateLimitPair {
  readonly perAccount: number;
  readonly perIp: number;
}

/** `https://host/problems` → `https://host/problems/`: type URIs are the base followed by the type. */
function withTrailingSlash(uri: string): string {
  return uri.endsWith('/') ? uri : `${uri}/`;
}
