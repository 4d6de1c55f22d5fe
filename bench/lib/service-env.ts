import type { PlatformClaimNames } from '../../src/dev-platform/dev-platform-claims';

/**
 * V8 heap sizing the service runs with in production (Dockerfile/Helm NODE_OPTIONS). Without
 * it, V8 sizes the young generation from the host's memory (2 x 64 MB semi-spaces on a 24 GB
 * host): the peak RSS about doubles, and long scavenges show in the p99. Smaller semi-spaces
 * cost CPU at saturation (each scavenge copies the ~2 MB of 32 requests in flight: 4 MB ones
 * cost ~15 % more server CPU than the default, 8 MB ones ~5 %) and save little more RSS than
 * 8 MB (the old space then grows with what gets promoted). The live heap is ~50 MB, so 128 MB
 * of old space leaves room (raise it if a future feature holds more in memory).
 */
export const SERVICE_NODE_OPTIONS = '--max-semi-space-size=8 --max-old-space-size=128';

/**
 * The rest of the image's runtime environment that shapes memory (Dockerfile `ENV`): glibc's
 * malloc keeps at most two arenas instead of one per thread that ever allocated (V8's compiler
 * and GC threads, libuv's pool), which otherwise hold freed memory as resident (issue 14).
 */
export const SERVICE_ENVIRONMENT = { MALLOC_ARENA_MAX: '2' } as const;

/** The audience of the bench's development platform and service. */
export const BENCH_AUDIENCE = 'orgbind';

/** Claim names of the bench's development platform (as configured in production). */
export const BENCH_CLAIM_NAMES: PlatformClaimNames = { userType: 'user_type', name: 'name', uscc: 'uscc', residentId: 'id_number', phone: 'phone_number', verificationLevel: 'verification_level' };

/** Database pool of the service and of every floor (DATABASE_POOL_SIZE). */
export const BENCH_POOL_SIZE = 10;

/**
 * The environment of the service as deployed (`node dist/main.js`, NODE_ENV=production) on the
 * bench's database and development platform: port 0, its own free metrics port, no shutdown
 * drain delay, bench-only personal-data keys. `nodeOptions` '' runs with V8's default heap sizing.
 */
export function serviceEnvironment(options: { databaseUrl: string; issuer: string; jwksUri: string; logLevel: string; nodeOptions: string }): Record<string, string> {
  return {
    ...(options.nodeOptions ? { NODE_OPTIONS: options.nodeOptions } : {}),
    NODE_ENV: 'production',
    ...SERVICE_ENVIRONMENT,
    HOST: '127.0.0.1',
    PORT: '0',
    // Several service processes listen at once: each gets its own free metrics port.
    METRICS_PORT: '0',
    LOG_LEVEL: options.logLevel,
    // No load balancer to drain from: stop at once (and let --cpu-prof write its profile).
    SHUTDOWN_DRAIN_DELAY_MS: '0',
    DATABASE_URL: options.databaseUrl,
    DATABASE_POOL_SIZE: String(BENCH_POOL_SIZE),
    PLATFORM_ISSUER: options.issuer,
    PLATFORM_AUDIENCE: BENCH_AUDIENCE,
    PLATFORM_JWKS_URI: options.jwksUri,
    PLATFORM_ALGORITHMS: 'RS256',
    // Production requires real keys for personal data; the bench's throw-away database gets bench-only ones.
    PERSONAL_DATA_HASH_KEY: 'orgbind-bench-only-resident-id-hash-key-0001',
    PERSONAL_DATA_ENCRYPTION_KEY: Buffer.alloc(32, 0x42).toString('base64'),
  };
}
