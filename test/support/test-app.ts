import { ERROR_CATALOG, ErrorDefinition } from '../../src/common/errors/error-catalog';
import { RAW_PROBLEM_CODES } from '../../src/common/errors/raw-problem';
import type { JWK } from 'jose';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { Clock } from '../../src/common/clock';
import { loadConfig } from '../../src/config/app-config';
import { DEV_PLATFORM_RESOURCE_SERVER, DevPlatform, type DevPlatformOptions, startDevPlatform } from '../../src/dev-platform/dev-platform';
import { PlatformUserClaims } from '../../src/dev-platform/dev-platform-claims';
import { MetricsServer } from '../../src/metrics/metrics-server';

/** The audience the test platform signs for and the service expects. */
export const TEST_AUDIENCE = 'orgbind-e2e';

/** Claim names the test platform uses (the service defaults). */
export const TEST_CLAIM_NAMES = {
  userType: 'user_type',
  name: 'name',
  uscc: 'uscc',
  residentId: 'id_number',
  phone: 'phone_number',
  verificationLevel: 'verification_level',
};


/** Rate limits high enough never to refuse a spec's requests (see the reliability suite for real ones). */
export const RELAXED_RATE_LIMITS: Readonly<Record<string, string>> = {
  RATE_LIMIT_BINDING_PER_ACCOUNT: '1000000',
  RATE_LIMIT_BINDING_PER_IP: '1000000',
  RATE_LIMIT_APPLICATION_PER_ACCOUNT: '1000000',
  RATE_LIMIT_APPLICATION_PER_IP: '1000000',
  RATE_LIMIT_REVIEW_PER_ACCOUNT: '1000000',
  RATE_LIMIT_REVIEW_PER_IP: '1000000',
};

/** A running service on a free loopback port, its platform, and its database. */
export interface TestApp {
  readonly app: NestFastifyApplication;
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** `http://127.0.0.1:PORT/metrics` (the separate metrics listener), `null` when disabled. */
  readonly metricsUrl: string | null;
  readonly platform: DevPlatform;
  readonly dataSource: DataSource;
  /**
   * A real token from the platform (a token request to the in-process OIDC provider): a signed
   * JWT, or an opaque token when the service runs with `PLATFORM_TOKEN_MODE` introspection or
   * userinfo (service tokens: opaque when `PLATFORM_SERVICE_TOKEN_MODE` is introspection).
   */
  mint(claims: PlatformUserClaims): Promise<string>;
  /** `fetch` against the service. */
  request(path: string, init?: RequestInit & { token?: string; json?: unknown }): Promise<TestResponse>;
  close(): Promise<void>;
}

/** A response with its body parsed. */
export interface TestResponse {
  readonly status: number;
  readonly headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
  readonly text: string;
}

/**
 * Start the service against the e2e database. One app per spec file: passport keeps its
 * strategies in a process-wide registry, so a second app in the same module registry would
 * replace the first one's token verifier (jest gives each spec file its own registry).
 *
 * Start the service against the e2e database with a real OIDC provider in-process (the
 * development platform on a free port). `env` overrides configuration variables; `options.clock`
 * replaces the system clock (see `test/support/clock.ts`).
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { jwks?: { keys: JWK[] }; clock?: Clock; platform?: Pick<DevPlatformOptions, 'accessTokenTtlSeconds' | 'extraClients'> } = {},
): Promise<TestApp> {
  const databaseUrl = process.env.ORGBIND_E2E_DATABASE_URL;
  if (!databaseUrl) throw new Error('ORGBIND_E2E_DATABASE_URL is not set: run through jest (global setup)');
  const platform = await startDevPlatform({
    port: 0,
    audience: TEST_AUDIENCE,
    ...(options.jwks ? { jwks: options.jwks } : {}),
    ...options.platform,
    claimNames: TEST_CLAIM_NAMES,
    logger: { warn: () => undefined, log: () => undefined },
  });
  const userMode = env.PLATFORM_TOKEN_MODE ?? 'jwt';
  const serviceMode = env.PLATFORM_SERVICE_TOKEN_MODE ?? (userMode === 'introspection' ? 'introspection' : 'jwt');
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '20',
    PLATFORM_ISSUER: platform.issuer,
    PLATFORM_AUDIENCE: TEST_AUDIENCE,
    PLATFORM_JWKS_URI: platform.jwksUri,
    PLATFORM_INTROSPECTION_ENDPOINT: platform.introspectionEndpoint,
    PLATFORM_USERINFO_ENDPOINT: platform.userinfoEndpoint,
    PLATFORM_CLIENT_ID: DEV_PLATFORM_RESOURCE_SERVER.id,
    PLATFORM_CLIENT_SECRET: DEV_PLATFORM_RESOURCE_SERVER.secret,
    LOG_LEVEL: 'silent',
    METRICS_HOST: '127.0.0.1',
    METRICS_PORT: '0',
    // Every spec calls from 127.0.0.1 and shares one database: the rate limits would mix specs.
    // test/reliability/rate-limits.e2e-spec.ts sets real limits on a private database.
    ...RELAXED_RATE_LIMITS,
    ...env,
  });
  const app = await createApp(config, { logger: false, overrides: { clock: options.clock } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    app,
    url,
    metricsUrl: app.get(MetricsServer).url,
    platform,
    dataSource: app.get(DataSource),
    mint: (claims) => platform.mintToken(claims, { format: (claims.scope !== undefined ? serviceMode : userMode) === 'jwt' ? 'jwt' : 'opaque' }),
    request: (path, init = {}) => sendRequest(url, path, init),
    close: async () => {
      await app.close();
      await platform.close();
    },
  };
}

/** `fetch` `path` on `base` (bearer token and JSON body helpers), body parsed when JSON. */
export async function sendRequest(base: string, path: string, init: RequestInit & { token?: string; json?: unknown }): Promise<TestResponse> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  const response = await fetch(`${base}${path}`, { ...init, headers, body });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: the test reads `text`
  }
  if ((response.headers.get('content-type') ?? '').startsWith('application/problem+json')) assertDocumentedProblem(parsed);
  return { status: response.status, headers: response.headers, body: parsed, text };
}

/** The members every problem document has (RFC 9457 §3.1 and ours); any other must be documented. */
const STANDARD_PROBLEM_MEMBERS = new Set(['type', 'title', 'status', 'detail', 'instance', 'code', 'requestId']);

/**
 * Why a problem document disagrees with its problem-type page (`GET /problems/{type}`, from the
 * error catalog), or '' when it agrees: its code is catalogued, its `type` names that page (equals
 * `{typeBase}{type}` when `typeBase` is given, else ends with `/{type}`), and every extension member
 * it carries is one the catalog documents for the code.
 */
export function problemDocumentationIssue(body: unknown, typeBase?: string): string {
  const problem = (body ?? {}) as Record<string, unknown>;
  const code = String(problem.code);
  const entry = (ERROR_CATALOG as Record<string, ErrorDefinition | undefined>)[code];
  if (!entry) return `code ${code} is not in the error catalog: ${JSON.stringify(body)?.slice(0, 200)}`;
  const name = code.toLowerCase().replace(/_/g, '-');
  // Relative only when the HTTP parser refused the request (no Host was read: src/common/errors/raw-problem.ts).
  const relative = (RAW_PROBLEM_CODES as readonly string[]).includes(code) && problem.type === `/problems/${name}`;
  const typeIsPage = typeof problem.type === 'string' && (typeBase === undefined ? problem.type.endsWith(`/${name}`) : problem.type === `${typeBase}${name}`);
  if (!typeIsPage && !relative) return `type ${String(problem.type)} is not the page of ${code}`;
  const undocumented = Object.keys(problem).filter((m) => !STANDARD_PROBLEM_MEMBERS.has(m) && !Object.prototype.hasOwnProperty.call(entry.extensions ?? {}, m));
  return undocumented.length
    ? `${code} carries members its problem-type page does not document (add them to extensions in src/common/errors/error-catalog.ts): ${undocumented.join(', ')}`
    : '';
}

/**
 * Every problem answer any e2e test receives through {@link sendRequest} agrees with its
 * problem-type page ({@link problemDocumentationIssue}): the pages stay true as the code grows.
 *
 * @throws Error saying how the document disagrees
 */
export function assertDocumentedProblem(body: unknown): void {
  const issue = problemDocumentationIssue(body);
  if (issue) throw new Error(`problem+json: ${issue}`);
}
