/**
 * The FLOOR_* settings both floors read (bench/floor-server.ts, bench/stack-floor-server.ts), set
 * by `npm run bench` from the run's platform and database: the token checks (issuer, audience,
 * algorithm allow-list, clock skew in seconds, JWKS URI and refetch cooldown in ms), the database
 * (URL, pool size, statement timeout in ms) and the largest token accepted (bytes).
 * @throws when a required variable is missing or empty.
 */
export function floorEnvironment(env: NodeJS.ProcessEnv = process.env) {
  const required = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`${name} is required`);
    return value;
  };
  return {
    issuer: required('FLOOR_ISSUER'),
    audience: required('FLOOR_AUDIENCE'),
    algorithms: required('FLOOR_ALGORITHMS').split(','),
    clockToleranceSeconds: Number(env.FLOOR_CLOCK_SKEW_SECONDS ?? 30),
    jwksUri: required('FLOOR_JWKS_URI'),
    jwksCooldownMs: Number(env.FLOOR_JWKS_COOLDOWN_SECONDS ?? 30) * 1000,
    maxTokenBytes: Number(env.FLOOR_MAX_TOKEN_BYTES ?? 8192),
    databaseUrl: required('FLOOR_DATABASE_URL'),
    poolSize: Number(env.FLOOR_POOL_SIZE ?? 10),
    statementTimeoutMs: Number(env.FLOOR_STATEMENT_TIMEOUT_MS ?? 5000),
    /** Only the bare floor's: which candidate verifier it runs. */
    verifier: env.FLOOR_VERIFIER,
  };
}
