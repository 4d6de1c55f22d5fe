import { createOrgbindClient, isSessionConflict, type OpenedSession, type SessionConflictProblem } from '../src/index.js';

/** What the management system does after the platform login, as `clients/typescript/README.md` shows it. */
export interface LoginFlowInput {
  /** Where orgbind runs, e.g. `https://orgbind.internal.example.gov.cn`. */
  readonly baseUrl: string;
  /** The user's platform token, as the platform issued it. */
  readonly userToken: string;
  /** Service tokens of the management system (scopes `orgbind:sessions orgbind:events.read`). */
  readonly serviceToken: () => string | Promise<string>;
  /** The user's login as the management system saw it. */
  readonly clientIp: string;
  readonly userAgent: string;
  /** 图11: ask the user whether to end the session elsewhere (true: take over). */
  readonly confirmTakeover: (activeSession: SessionConflictProblem['activeSession']) => boolean | Promise<boolean>;
}

/**
 * The README's example, typechecked by `npm run typecheck` and run against the service by
 * `test/clients/typescript-client.e2e-spec.ts`: resolve the user; when BOUND open the organization
 * account's session, prompting (图11) when it is active elsewhere; then check it as the service.
 * @returns the resolution's status and the session (undefined when not BOUND or the user declined)
 */
export async function loginFlow(input: LoginFlowInput): Promise<{ resolution: string; session?: OpenedSession }> {
  // On the user's behalf: the user's platform token.
  const user = createOrgbindClient({ baseUrl: input.baseUrl, token: input.userToken });
  const { data: resolution, error } = await user.POST('/v1/resolutions');
  if (error) throw new Error(`resolution refused: ${error.code}`); // 401 TOKEN_*, 503 (retry after Retry-After)
  if (resolution.status !== 'BOUND') return { resolution: resolution.status }; // bind, apply or wait: docs/integration.md

  const login = { clientIp: input.clientIp, userAgent: input.userAgent };
  let opened = await user.POST('/v1/sessions', { body: login });
  if (isSessionConflict(opened.error)) {
    // 图11: show when and where the account is logged in; on confirmation repeat with takeover: true.
    if (!opened.error.takeoverAllowed || !(await input.confirmTakeover(opened.error.activeSession))) return { resolution: resolution.status };
    opened = await user.POST('/v1/sessions', { body: { ...login, takeover: true } });
  }
  if (!opened.data) throw new Error(`session refused: ${opened.error?.code}`);

  // As the management system: a service token with the route's scope, refreshed by your token source.
  const service = createOrgbindClient({ baseUrl: input.baseUrl, token: input.serviceToken });
  const checked = await service.GET('/v1/sessions/{id}', { params: { path: { id: opened.data.id } } });
  if (checked.data?.status !== 'active') throw new Error('the new session is not active');
  return { resolution: resolution.status, session: opened.data };
}
