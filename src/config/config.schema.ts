import { z } from 'zod';
import { DEFAULT_AUDIT_RETENTION_DAYS, MIN_AUDIT_RETENTION_DAYS } from '../audit/domain/retention';
import { DEFAULT_SESSION_RETENTION_DAYS, personalDataKeyBytes } from '../personal-data/domain/personal-data-keys';

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
  /** Default: 127.0.0.1 in development and test, 0.0.0.0 in production (containers). */
  HOST: z.string().min(1).optional(),
  /**
   * Which proxies may set X-Forwarded-For (the client IP recorded in the audit trail):
   * `false` (default: the socket address), `true` (trust all: only behind a proxy that strips
   * the header), or comma-separated addresses/CIDRs of the ingress.
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/, { error: 'must be true, false, or comma-separated IP addresses/CIDRs' })
    .default('false'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Longest time a client may take to send a whole request (slow-client protection). */
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  /** Longest time from routing to the response; past it the request ends with 503 SERVICE_UNAVAILABLE. */
  HTTP_HANDLER_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(15_000),
  /** Idle keep-alive connections are closed after this; keep it above the load balancer's idle timeout. */
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(72_000),
  /** After SIGTERM: readiness answers 503 for this long, while requests are still served, before the listener closes. */
  SHUTDOWN_DRAIN_DELAY_MS: z.coerce.number().int().min(0).max(120_000).optional(),
  /** After the drain delay: longest wait for in-flight requests before connections are cut. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(20_000),
  /** Serve Prometheus metrics on a separate listener (METRICS_HOST:METRICS_PORT, path /metrics). */
  METRICS_ENABLED: bool.default(true),
  METRICS_HOST: z.string().min(1).optional(),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),

  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  /** Folder for development state: embedded PostgreSQL data and development-platform keys. */
  DEV_DATA_DIR: z.string().min(1).default('.data'),
  /** Development only: load the sample registry on first start. */
  DEV_LOAD_SAMPLE_DATA: bool.default(true),
  /** Development only: run migrations at start (production runs them as a separate job). */
  MIGRATIONS_RUN_AT_START: bool.optional(),

  PLATFORM_ISSUER: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  PLATFORM_AUDIENCE: z.string().min(1).optional(),
  PLATFORM_JWKS_URI: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL (https in production)' }).optional(),
  PLATFORM_ALGORITHMS: csv
    .pipe(
      z
        .array(z.enum(ASYMMETRIC_ALGORITHMS, { error: `must be asymmetric JWS algorithms (${ASYMMETRIC_ALGORITHMS.join(', ')}); none and HMAC (HS*) are never accepted` }))
        .min(1),
    )
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

  /** Registrar review: a pending application older than this many whole days is overdue. */
  REVIEW_OVERDUE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Run the background audit sealer in this process (every replica may; one seals at a time). */
  AUDIT_SEALER_ENABLED: bool.default(true),
  /** Milliseconds between two sealing rounds (each round seals until caught up). */
  AUDIT_SEAL_INTERVAL_MS: z.coerce.number().int().min(50).max(3_600_000).default(1000),
  /** Events sealed per transaction. */
  AUDIT_SEAL_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  /** Minimum milliseconds a missing audit event id is watched before it is sealed as a gap. */
  AUDIT_SEAL_GAP_GRACE_MS: z.coerce.number().int().min(0).max(86_400_000).default(10_000),
  /** Days audit events are kept before `npm run audit:purge` removes them (legal floor: 180). */
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(MIN_AUDIT_RETENTION_DAYS).max(36_500).default(DEFAULT_AUDIT_RETENTION_DAYS),
  /**
   * Secret key of the keyed hash (HMAC-SHA256) under which resident ID numbers are stored for
   * look-up (PIPL). At least 32 characters; required in production. Changing it makes stored
   * hashes unfindable (search by resident ID then finds nothing until bindings are re-made).
   */
  PERSONAL_DATA_HASH_KEY: z.string().min(32, { error: 'must be at least 32 characters' }).optional(),
  /**
   * AES-256-GCM key (32 bytes, base64 or 64 hex digits) encrypting personal data that must be
   * read back in clear (the contact mobile of a registration application). Required in production.
   */
  PERSONAL_DATA_ENCRYPTION_KEY: z.string().refine((v) => personalDataKeyBytes(v) !== null, { error: 'must be 32 bytes, as base64 or 64 hex digits' }).optional(),
  /** Days ended sessions (device description, masked IP) are kept before `npm run audit:purge` deletes them. */
  SESSION_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(DEFAULT_SESSION_RETENTION_DAYS),
  /** What a login does while another session of the same organization account is active (guide 图11). */
  SESSION_POLICY: z.enum(['prompt', 'deny_new', 'terminate_oldest']).default('prompt'),
  /** A session without activity for this long has expired. */
  SESSION_IDLE_TIMEOUT_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** A session expires this long after it started, active or not. */
  SESSION_ABSOLUTE_TIMEOUT_HOURS: z.coerce.number().int().min(1).max(7 * 24).default(12),
  /** Session checks record activity at most once per this many seconds (keeps checks cheap). */
  SESSION_ACTIVITY_WRITE_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  /** Hours natural-person bindings stay usable after establishment (0: superseded at once). */
  ESTABLISHMENT_GRACE_PERIOD_HOURS: z.coerce.number().int().min(0).max(90 * 24).default(0),
  /** Seconds between sweeps for due supersessions and expired sessions on each replica (0: off). */
  LIFECYCLE_SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86400).default(60),
  /** Failed legacy-binding attempts (per legacy login name, and per platform account) before a temporary lockout. */
  LOCKOUT_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  /** Lockout wait added each time the failures reach another multiple of LOCKOUT_MAX_FAILURES (Keycloak's wait increment). */
  LOCKOUT_WAIT_INCREMENT_SECONDS: z.coerce.number().int().min(1).max(86400).default(60),
  /** Longest temporary lockout. */
  LOCKOUT_MAX_WAIT_SECONDS: z.coerce.number().int().min(1).max(604800).default(900),
  /** Failures are forgotten when the last one is older than this (Keycloak's failure reset time). */
  LOCKOUT_FAILURE_RESET_SECONDS: z.coerce.number().int().min(60).max(2592000).default(43200),

  /** Rate limits (per platform account and per client IP, shared by all replicas through PostgreSQL): window length. */
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86400).default(60),
  /** Legacy-account binding attempts (POST /v1/bindings/legacy-account) per platform account per window. */
  RATE_LIMIT_BINDING_PER_ACCOUNT: z.coerce.number().int().min(1).max(1_000_000).default(10),
  /** Legacy-account binding attempts per client IP per window (an office behind one NAT shares it). */
  RATE_LIMIT_BINDING_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(60),
  /** Registration-application submissions and withdrawals per platform account per window. */
  RATE_LIMIT_APPLICATION_PER_ACCOUNT: z.coerce.number().int().min(1).max(1_000_000).default(10),
  /** Registration-application submissions and withdrawals per client IP per window. */
  RATE_LIMIT_APPLICATION_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(60),
  /** Review decisions (approve/reject) per registrar account per window. */
  RATE_LIMIT_REVIEW_PER_ACCOUNT: z.coerce.number().int().min(1).max(1_000_000).default(120),
  /** Review decisions per client IP per window. */
  RATE_LIMIT_REVIEW_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(600),

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
