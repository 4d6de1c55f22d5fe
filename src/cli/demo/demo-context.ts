import path from 'node:path';
import { AppConfig } from '../../config/app-config';
import { ServiceScope } from '../../auth/service-principal';
import { DEV_PLATFORM_CLIENTS, PlatformUserClaims, requestDevPlatformToken, serviceClientClaims } from '../../dev-platform/dev-platform-claims';
import { readDevPlatformState } from '../../dev-platform/dev-platform-state';

/** One line of the demo table: what was asked, what came back. */
export interface DemoRow {
  readonly scenario: string;
  readonly request: string;
  readonly outcome: string;
  readonly detail: string;
}

/** An HTTP answer from the service. */
export interface DemoResponse {
  readonly status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

/** What a demo scenario can do: mint platform tokens and call the running service. */
export interface DemoContext {
  readonly baseUrl: string;
  /** The token forms the running service accepts, e.g. `user tokens: opaque, service tokens: JWT`. */
  readonly tokenForms: string;
  /** A token from the development platform of the running service, in the form it accepts (a JWT or an opaque token). */
  mint(claims: PlatformUserClaims): Promise<string>;
  /**
   * A service client's token with these scopes, minted as `npm run token -- --service` does
   * (as the development platform's default client, the management system).
   */
  mintService(scopes: readonly ServiceScope[]): Promise<string>;
  /** The issuer of those tokens (to put platform accounts on the registrar roster). */
  issuer(): Promise<string>;
  call(method: string, path: string, options?: { token?: string; json?: unknown; headers?: Record<string, string> }): Promise<DemoResponse>;
}

/** Build the context against the running development service. */
export async function createDemoContext(config: AppConfig): Promise<DemoContext> {
  const baseUrl = `http://127.0.0.1:${config.http.port}`;
  const state = await readDevPlatformState(path.resolve(config.dev.dataDir));
  if (!state) throw new Error('the development platform is not running: start the service with `npm start` first');
  try {
    await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(3000) });
  } catch {
    throw new Error(`the service does not answer at ${baseUrl}: start it with \`npm start\` first (or set PORT)`);
  }
  const target = { issuer: state.issuer, audience: state.audience };
  // The token form the running service accepts (its PLATFORM_TOKEN_MODE / PLATFORM_SERVICE_TOKEN_MODE).
  const userFormat = state.tokenFormat ?? 'jwt';
  const serviceFormat = state.serviceTokenFormat ?? 'jwt';
  const form = (format: 'jwt' | 'opaque') => (format === 'jwt' ? 'JWT' : 'opaque');
  return {
    baseUrl,
    tokenForms: `user tokens: ${form(userFormat)}, service tokens: ${form(serviceFormat)}`,
    mint: (claims) => requestDevPlatformToken(target, claims, { format: claims.scope !== undefined ? serviceFormat : userFormat }),
    mintService: (scopes) => requestDevPlatformToken(target, serviceClientClaims(DEV_PLATFORM_CLIENTS[0], scopes), { format: serviceFormat }),
    issuer: async () => state.issuer,
    call: async (method, route, options = {}) => {
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.json !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${baseUrl}${route}`, {
        method,
        headers,
        body: options.json !== undefined ? JSON.stringify(options.json) : undefined,
      });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // keep the text
      }
      return { status: response.status, body };
    },
  };
}

/** The detail worth showing for a resolution or problem answer. */
export function summarize(response: DemoResponse): { outcome: string; detail: string } {
  const body = response.body ?? {};
  if (response.status >= 400) return { outcome: `${response.status} ${body.code ?? ''}`.trim(), detail: body.detail ?? '' };
  const outcome = body.status ?? String(response.status);
  if (body.nameMismatch) {
    return { outcome, detail: body.nameMismatch.differences.map((d: { explanation: string }) => d.explanation).join('；') };
  }
  if (body.usccCheck) return { outcome, detail: body.usccCheck.message };
  if (body.organization && outcome === 'BOUND') return { outcome, detail: `${body.organization.name} (binding ${body.binding?.kind ?? ''})` };
  if (body.application && (outcome === 'APPLICATION_PENDING' || outcome === 'APPLICATION_REJECTED')) {
    return { outcome, detail: body.message ?? '' };
  }
  return { outcome, detail: body.message ?? '' };
}
