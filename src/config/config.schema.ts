import { z } from 'zod';

/**
 * The service's environment variables, validated once at boot (zod).
 *
 * Every variable is documented in README.md ("Configuration"). Development defaults
 * (embedded PostgreSQL, the development platform) apply only outside production;
 * `NODE_ENV=production` requires the database and platform settings and refuses the
 * development switches.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const csv = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter((s) => s.length > 0));

/** JWS algorithms we accept from the platform: asymmetric only (never `none`, never HMAC). */
export const ASYMMETRIC_ALGORITHMS = [
  'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA',
] as const;

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  /** Folder for development state: embedded PostgreSQL data and development-platform keys. */
  DEV_DATA_DIR: z.string().min(1).default('.data'),
  /** Development only: load the sample registry on first start. */
  DEV_LOAD_SAMPLE_DATA: bool.default(true),
  /** Development only: run migrations at start (production runs them as a separate job). */
  MIGRATIONS_RUN_AT_START: bool.optional(),

  PLATFORM_ISSUER: z.url().optional(),
  PLATFORM_AUDIENCE: z.string().min(1).optional(),
  PLATFORM_JWKS_URI: z.url().optional(),
  PLATFORM_ALGORITHMS: csv
    .pipe(z.array(z.enum(ASYMMETRIC_ALGORITHMS)).min(1))
    .default(['RS256']),
  PLATFORM_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  /** Minimum seconds between two JWKS refetches triggered by an unknown `kid`. */
  PLATFORM_JWKS_COOLDOWN_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  /** Seconds a fetched JWKS is trusted before it is refreshed. */
  PLATFORM_JWKS_CACHE_MAX_AGE_SECONDS: z.coerce.number().int().min(1).max(86400).default(600),
  PLATFORM_MAX_TOKEN_BYTES: z.coerce.number().int().min(256).max(65536).default(8192),
  /** Development only: start the local development platform (OIDC provider) on loopback. */
  DEV_PLATFORM_PORT: z.coerce.number().int().min(0).max(65535).default(4010),

  CLAIM_USER_TYPE: z.string().min(1).default('user_type'),
  CLAIM_NAME: z.string().min(1).default('name'),
  CLAIM_USCC: z.string().min(1).default('uscc'),
  CLAIM_RESIDENT_ID: z.string().min(1).default('id_number'),
  CLAIM_PHONE: z.string().min(1).default('phone_number'),
  CLAIM_VERIFICATION_LEVEL: z.string().min(1).default('verification_level'),

  NAME_COMPARISON_POLICY: z.enum(['exact', 'equivalent']).default('exact'),

  /** Failed legacy-binding attempts (per legacy login name, and per platform account) before a temporary lockout. */
  LOCKOUT_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  /** Lockout wait added each time the failures reach another multiple of LOCKOUT_MAX_FAILURES (Keycloak's wait increment). */
  LOCKOUT_WAIT_INCREMENT_SECONDS: z.coerce.number().int().min(1).max(86400).default(60),
  /** Longest temporary lockout. */
  LOCKOUT_MAX_WAIT_SECONDS: z.coerce.number().int().min(1).max(604800).default(900),
  /** Failures are forgotten when the last one is older than this (Keycloak's failure reset time). */
  LOCKOUT_FAILURE_RESET_SECONDS: z.coerce.number().int().min(60).max(2592000).default(43200),

  /** Argon2id memory cost (KiB) of new legacy-password verifiers (OWASP minimum: 19456 = 19 MiB). */
  LEGACY_ARGON2_MEMORY_KIB: z.coerce.number().int().min(8192).max(1048576).default(19456),
  /** Argon2id passes (time cost) of new legacy-password verifiers. */
  LEGACY_ARGON2_TIME_COST: z.coerce.number().int().min(1).max(20).default(2),
  /** Argon2id lanes (parallelism) of new legacy-password verifiers. */
  LEGACY_ARGON2_PARALLELISM: z.coerce.number().int().min(1).max(16).default(1),
  /** Legacy-account import: hashes computed at once (default: the machine's available parallelism). */
  LEGACY_IMPORT_CONCURRENCY: z.coerce.number().int().min(1).max(256).optional(),
});

export type Env = z.infer<typeof envSchema>;
