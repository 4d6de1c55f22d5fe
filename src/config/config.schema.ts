import { z } from 'zod';
import { DEFAULT_AUDIT_RETENTION_DAYS, MIN_AUDIT_RETENTION_DAYS } from '../audit/domain/retention';
import { DEFAULT_SESSION_RETENTION_DAYS, personalDataKeyBytes } from '../personal-data/domain/personal-data-keys';

/**
 * The service's environment variables, validated once at boot (zod).
 *
 * Each variable's `.meta()` carries its `description` (Markdown) and, when the default is not a plain
 * `.default()` (it depends on `NODE_ENV`, or is computed at start), a `docDefault`: `npm run docs`
 * writes the configuration table of docs/operations.md from them, and a test fails when that table
 * drifts from this schema. Development defaults
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
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development').meta({ description: '`development`, `test` or `production`' }),
  HOST: z.string().min(1).optional().meta({ description: 'listen address of the API', docDefault: '`127.0.0.1` (`0.0.0.0` in production)' }),
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/, { error: 'must be true, false, or comma-separated IP addresses/CIDRs' })
    .default('false').meta({ description: 'who may set `X-Forwarded-For`, `X-Forwarded-Proto` and `X-Forwarded-Host`: the client IP (per-IP rate limits, the audit trail) and the public origin of problem `type` URIs. `false` (the socket address and the `Host` header), `true` (only behind a proxy that overwrites the headers), or comma-separated addresses/CIDRs of your ingress; behind an ingress set its pod CIDR (Helm `config.trustProxy`)' }),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).meta({ description: 'listen port of the API' }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').meta({ description: 'pino level (`silent` … `trace`); JSON lines with request ids' }),
  PROBLEM_TYPE_BASE_URI: z
    .url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL (https in production)' })
    .refine((v) => !/[?#]/.test(v), { error: 'must not carry a query or fragment: each type URI is this base followed by the problem type' })
    .optional()
    .meta({ description: 'base of the `type` URI of every problem+json answer (RFC 9457 §3.1.1), e.g. `https://orgbind.example.gov.cn/problems/`; a `/` is added when missing; absolute `https` in production. Unset: `type` is `/problems/{type}` on the service itself, absolute against the request\'s public origin (`X-Forwarded-Proto`/`X-Forwarded-Host` when `TRUST_PROXY` trusts the sender), where `GET /problems/{type}` documents it', docDefault: 'the service itself (`/problems/`)' }),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000).meta({ description: 'longest time a client may take to send a whole request (slow clients)' }),
  HTTP_HANDLER_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(15_000).meta({ description: 'longest time from routing to the response; then 503 `SERVICE_UNAVAILABLE`' }),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(72_000).meta({ description: 'idle keep-alive connections close after this; keep it above the idle timeout of the ingress/gateway in front' }),
  SHUTDOWN_DRAIN_DELAY_MS: z.coerce.number().int().min(0).max(120_000).optional().meta({ description: 'after SIGTERM, readiness answers 503 this long while requests are still served, before the listener closes', docDefault: '`5000` in production, else `0`' }),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(20_000).meta({ description: 'after the drain delay, longest wait for in-flight requests; then their connections are cut (exit code 1)' }),
  METRICS_ENABLED: bool.default(true).meta({ description: 'serve Prometheus metrics on their own listener' }),
  METRICS_HOST: z.string().min(1).optional().meta({ description: 'listen address of `GET /metrics`', docDefault: '`HOST`' }),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464).meta({ description: 'listen port of `GET /metrics` (must differ from `PORT`; `0`: any free port); outside production a taken port falls back to a free one' }),

  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional().meta({ description: '`postgres://user:pass@host:5432/db`; required in production', docDefault: 'embedded PostgreSQL (dev only)' }),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10).meta({ description: 'connections per replica' }),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000).meta({ description: 'server-side statement timeout; a request whose statement outlasts it (or that finds no free connection within 5 s) gets 503 with `Retry-After`. The driver itself gives up on a query that gets no answer at all (a network partition) 1 s after this (`query_timeout`), so such requests also fail fast as 503; a connection lost mid-transaction (or given up on) is discarded and reported as 503, never reused (`src/database/lost-connections.ts`)' }),
  DEV_DATA_DIR: z.string().min(1).default('.data').meta({ description: 'development only: embedded database and dev-platform keys' }),
  DEV_LOAD_SAMPLE_DATA: bool.default(true).meta({ description: 'development only: load `sample-data/` (authorities, then organizations) when either table is empty' }),
  MIGRATIONS_RUN_AT_START: bool.optional().meta({ description: 'production refuses it: migrations run as a job (`node dist/cli/migrate.js`)', docDefault: '`true` outside production' }),

  PLATFORM_ISSUER: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional().meta({ description: 'expected `iss` of platform tokens; required in production', docDefault: 'dev platform (dev only)' }),
  PLATFORM_AUDIENCE: z.string().min(1).optional().meta({ description: 'expected `aud`; required in production', docDefault: '`orgbind` (dev)' }),
  PLATFORM_JWKS_URI: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL (https in production)' }).optional().meta({ description: 'where the platform publishes its keys; required in production, `https` there', docDefault: 'dev platform (dev only)' }),
  PLATFORM_ALGORITHMS: csv
    .pipe(
      z
        .array(z.enum(ASYMMETRIC_ALGORITHMS, { error: `must be asymmetric JWS algorithms (${ASYMMETRIC_ALGORITHMS.join(', ')}); none and HMAC (HS*) are never accepted` }))
        .min(1),
    )
    .default(['RS256']).meta({ description: 'comma-separated allow-list; asymmetric only (`none` and HMAC are never accepted)', docDefault: '`RS256` outside production; required in production' }),
  PLATFORM_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(300).default(30).meta({ description: 'tolerated clock skew for `exp`/`nbf`' }),
  PLATFORM_JWKS_COOLDOWN_SECONDS: z.coerce.number().int().min(0).max(3600).default(30).meta({ description: 'minimum interval between refetches triggered by an unknown `kid`' }),
  PLATFORM_JWKS_CACHE_MAX_AGE_SECONDS: z.coerce.number().int().min(1).max(86400).default(600).meta({ description: 'how long fetched keys are trusted' }),
  PLATFORM_MAX_TOKEN_BYTES: z.coerce.number().int().min(256).max(65536).default(8192).meta({ description: 'larger bearer tokens are rejected unread' }),
  PLATFORM_TOKEN_MODE: z.enum(['jwt', 'introspection', 'userinfo']).default('jwt').meta({ description: 'how a user\'s bearer token is checked (see [Token modes](#token-modes)): `jwt` (a signed JWT, verified against `PLATFORM_JWKS_URI`), `introspection` (an opaque token, asked about at `PLATFORM_INTROSPECTION_ENDPOINT`, RFC 7662) or `userinfo` (an opaque token, its claims from `PLATFORM_USERINFO_ENDPOINT`, OIDC Core §5.3)' }),
  PLATFORM_SERVICE_TOKEN_MODE: z.enum(['jwt', 'introspection']).optional().meta({ description: 'how a service client\'s token (the management system, operators) is checked: `jwt` or `introspection` (UserInfo knows no clients)', docDefault: '`introspection` when `PLATFORM_TOKEN_MODE=introspection`, else `jwt`' }),
  PLATFORM_INTROSPECTION_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL (https in production)' }).optional().meta({ description: 'the platform\'s token introspection endpoint (RFC 7662); required when a token mode is `introspection`; `https` in production', docDefault: 'dev platform (dev only)' }),
  PLATFORM_USERINFO_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL (https in production)' }).optional().meta({ description: 'the platform\'s UserInfo endpoint; required when `PLATFORM_TOKEN_MODE=userinfo`; `https` in production', docDefault: 'dev platform (dev only)' }),
  PLATFORM_CLIENT_ID: z.string().min(1).max(255).optional().meta({ description: 'orgbind\'s client id at the platform, for introspection requests; required with introspection', docDefault: 'dev platform\'s resource-server client (dev only)' }),
  PLATFORM_CLIENT_AUTH_METHOD: z.enum(['client_secret_basic', 'client_secret_post', 'private_key_jwt']).default('client_secret_basic').meta({ description: 'how introspection requests authenticate (RFC 7662 §2.1, OIDC Core §9): `client_secret_basic`, `client_secret_post` or `private_key_jwt` (RFC 7523)' }),
  PLATFORM_CLIENT_SECRET: z.string().min(1).optional().meta({ description: 'the client secret (`client_secret_basic`/`client_secret_post`); keep it in a Secret', docDefault: 'dev platform\'s (dev only)' }),
  PLATFORM_CLIENT_PRIVATE_KEY: z.string().min(1).optional().meta({ description: '`private_key_jwt`: the client\'s private key, PKCS#8 PEM or a private JWK as JSON; its public key is registered at the platform; keep it in a Secret', docDefault: 'none' }),
  PLATFORM_CLIENT_KEY_ID: z.string().min(1).max(255).optional().meta({ description: '`private_key_jwt`: the `kid` of the client assertion, when the platform wants one', docDefault: 'none' }),
  PLATFORM_CLIENT_ASSERTION_ALG: z.enum(ASYMMETRIC_ALGORITHMS).default('RS256').meta({ description: '`private_key_jwt`: the signing algorithm of the client assertion (must fit the key)' }),
  PLATFORM_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000).meta({ description: 'longest wait for an introspection or UserInfo answer; then 503 `PLATFORM_UNAVAILABLE` with `Retry-After`' }),
  PLATFORM_UNAVAILABLE_RETRY_AFTER_SECONDS: z.coerce.number().int().min(1).max(3600).default(5).meta({ description: '`Retry-After` of a 503 `PLATFORM_UNAVAILABLE`' }),
  PLATFORM_TOKEN_CACHE_MAX_ENTRIES: z.coerce.number().int().min(1).max(10_000_000).default(10_000).meta({ description: 'introspection/UserInfo answers kept in memory per replica (least recently used first out), keyed by the SHA-256 of the token' }),
  PLATFORM_TOKEN_CACHE_MAX_TTL_SECONDS: z.coerce.number().int().min(0).max(3600).default(60).meta({ description: 'longest time a positive answer is reused (never beyond the token\'s `exp`); also the revocation latency: a token revoked at the platform is accepted this much longer at most (`0`: ask every time)' }),
  PLATFORM_TOKEN_NEGATIVE_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(5).meta({ description: 'how long an inactive/invalid answer is reused (bounds repeated calls for a bad token; `0`: off)' }),
  DEV_PLATFORM_PORT: z.coerce.number().int().min(0).max(65535).default(4010).meta({ description: 'development only: port of the development platform (any free port when taken)' }),

  CLAIM_USER_TYPE: z.string().min(1).default('user_type').meta({ description: 'claim holding `legal_person`, `natural_person` or `individual_business`' }),
  CLAIM_NAME: z.string().min(1).default('name').meta({ description: 'organization name (legal person) or person name' }),
  CLAIM_USCC: z.string().min(1).default('uscc').meta({ description: 'USCC of a legal-person user' }),
  CLAIM_RESIDENT_ID: z.string().min(1).default('id_number').meta({ description: 'resident ID number of a natural person' }),
  CLAIM_PHONE: z.string().min(1).default('phone_number').meta({ description: 'mobile number' }),
  CLAIM_VERIFICATION_LEVEL: z.string().min(1).default('verification_level').meta({ description: 'real-name verification: `enterprise`, `government`, `none`' }),

  NAME_COMPARISON_POLICY: z.enum(['exact', 'equivalent']).default('exact').meta({ description: '`exact` (the province\'s rule: code-point equality) or `equivalent` (NFKC; whitespace and zero-width characters ignored; punctuation never stripped; traditional characters never mapped)' }),

  REVIEW_OVERDUE_DAYS: z.coerce.number().int().min(1).max(365).default(30).meta({ description: 'a pending registration application is `overdue` once it has waited more than this many whole days (`ageDays > 30`; 1-365)' }),
  AUDIT_SEALER_ENABLED: bool.default(true).meta({ description: 'run the background audit sealer in this process (safe on every replica: one seals at a time)' }),
  AUDIT_SEAL_INTERVAL_MS: z.coerce.number().int().min(50).max(3_600_000).default(1000).meta({ description: 'pause between sealing rounds; each round seals until caught up (50 – 3 600 000)' }),
  AUDIT_SEAL_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500).meta({ description: 'audit events sealed per transaction (1 – 10 000)' }),
  AUDIT_SEAL_GAP_GRACE_MS: z.coerce.number().int().min(0).max(86_400_000).default(10_000).meta({ description: 'minimum time a missing audit event id is watched before it is sealed as a rolled-back gap (see [Audit trail](#audit-trail))' }),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(MIN_AUDIT_RETENTION_DAYS).max(36_500).default(DEFAULT_AUDIT_RETENTION_DAYS).meta({ description: 'audit events older than this are removed by `npm run audit:purge` (the default is 5 years); at least 180 (see [Retention and purge](#retention-and-purge-npm-run-auditpurge))' }),
  PERSONAL_DATA_HASH_KEY: z.string().min(32, { error: 'must be at least 32 characters' }).optional().meta({ description: 'secret HMAC-SHA256 key under which resident ID numbers are stored for look-up (at least 32 characters); **required in production**; changing it makes stored hashes unfindable (a search by resident ID then finds nothing until bindings are re-made; see [data-protection.md](data-protection.md))', docDefault: 'a public development key (dev/test only)' }),
  PERSONAL_DATA_ENCRYPTION_KEY: z.string().refine((v) => personalDataKeyBytes(v) !== null, { error: 'must be 32 bytes, as base64 or 64 hex digits' }).optional().meta({ description: 'AES-256-GCM key (32 bytes as base64 or 64 hex digits, e.g. `openssl rand -base64 32`) encrypting the contact name and mobile of registration applications; **required in production**; keep it as long as any application row exists', docDefault: 'a public development key (dev/test only)' }),
  SESSION_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(DEFAULT_SESSION_RETENTION_DAYS).meta({ description: 'ended sessions (device description, masked IP) older than this are deleted by `npm run audit:purge` (task `sessions`; 1–36 500)' }),
  SESSION_POLICY: z.enum(['prompt', 'deny_new', 'terminate_oldest']).default('prompt').meta({ description: 'a login while another session of the organization account is active: `prompt` (the guide\'s 图11: 409 with the other session, `takeover: true` to continue), `deny_new` (refuse until it ends), `terminate_oldest` (end it without asking)' }),
  SESSION_IDLE_TIMEOUT_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30).meta({ description: 'a session without activity for this long has expired (1–1440)' }),
  SESSION_ABSOLUTE_TIMEOUT_HOURS: z.coerce.number().int().min(1).max(7 * 24).default(12).meta({ description: 'a session expires this long after it started, however active (1–168)' }),
  SESSION_ACTIVITY_WRITE_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(300).default(30).meta({ description: 'a session check records activity at most this often (0–300; must be below the idle timeout); the idle timeout may strike up to this much early' }),
  ESTABLISHMENT_GRACE_PERIOD_HOURS: z.coerce.number().int().min(0).max(90 * 24).default(0).meta({ description: 'after establishment, natural-person bindings stay usable this long (they answer BOUND with `supersedeAt` and the legal-person account to register); `0`: superseded at once' }),
  LIFECYCLE_SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86400).default(60).meta({ description: 'each replica sweeps for bindings whose grace period is over and sessions that expired (`0`: off; both are also applied whenever met)' }),
  LOCKOUT_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5).meta({ description: 'failed legacy-binding attempts (per login name, and per platform account) before a temporary lockout' }),
  LOCKOUT_WAIT_INCREMENT_SECONDS: z.coerce.number().int().min(1).max(86400).default(60).meta({ description: 'lockout wait per multiple of `LOCKOUT_MAX_FAILURES` failures (see [Lockout](integration.md#lockout))' }),
  LOCKOUT_MAX_WAIT_SECONDS: z.coerce.number().int().min(1).max(604800).default(900).meta({ description: 'longest temporary lockout' }),
  LOCKOUT_FAILURE_RESET_SECONDS: z.coerce.number().int().min(60).max(2592000).default(43200).meta({ description: 'failures are forgotten when the last one is older than this (12 h)' }),

  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86400).default(60).meta({ description: 'rate limits: length of the fixed window (see [Rate limits](integration.md#rate-limits))' }),
  RATE_LIMIT_BINDING_PER_ACCOUNT: z.coerce.number().int().min(1).max(1_000_000).default(10).meta({ description: '`POST /v1/bindings/legacy-account` requests per platform account per window (any outcome counts)' }),
  RATE_LIMIT_BINDING_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(60).meta({ description: 'the same per client IP (an office behind one NAT shares it)' }),
  RATE_LIMIT_APPLICATION_PER_ACCOUNT: z.coerce.number().int().min(1).max(1_000_000).default(10).meta({ description: '`POST /v1/registration-applications` and `…/{id}/withdraw` requests per platform account per window' }),
  RATE_LIMIT_APPLICATION_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(60).meta({ description: 'the same per client IP' }),
  RATE_LIMIT_REVIEW_PER_ACCOUNT: z.coerce.number().int().min(1).max(1_000_000).default(120).meta({ description: 'review decisions (`…/approve`, `…/reject`) per registrar account per window' }),
  RATE_LIMIT_REVIEW_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(600).meta({ description: 'the same per client IP' }),

  LEGACY_ARGON2_MEMORY_KIB: z.coerce.number().int().min(8192).max(1048576).default(19456).meta({ description: 'Argon2id memory (KiB) of new legacy-password verifiers (OWASP minimum, 19 MiB)' }),
  LEGACY_ARGON2_TIME_COST: z.coerce.number().int().min(1).max(20).default(2).meta({ description: 'Argon2id passes of new verifiers' }),
  LEGACY_ARGON2_PARALLELISM: z.coerce.number().int().min(1).max(16).default(1).meta({ description: 'Argon2id lanes of new verifiers (existing verifiers keep the parameters they were made with)' }),
  LEGACY_IMPORT_CONCURRENCY: z.coerce.number().int().min(1).max(256).optional().meta({ description: 'legacy-account import: hashes computed at once (the libuv pool, `UV_THREADPOOL_SIZE`, default 4, also bounds it)', docDefault: 'CPUs available' }),
});

export type Env = z.infer<typeof envSchema>;
