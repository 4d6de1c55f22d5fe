import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createOrgbindClient, FeedEvent, OrgbindClient, SessionConflictProblem } from '../../clients/typescript/src';
import { loginFlow } from '../../clients/typescript/examples/login-flow';
import { CHROME_ON_WINDOWS, legalPersonUser, SAFARI_ON_MAC, serviceToken } from '../support/accounts';
import { createLegacyAccount, createOrganization, fakeResidentId, fakeSubject } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The management system's whole login flow through the generated TypeScript client
 * (clients/typescript/), against the running service with real platform tokens: resolution →
 * legacy binding (图9 option 一) → session with the 图11 prompt and takeover → logout → event feed.
 * Every call below is typed from openapi/openapi.json; a contract change that breaks it fails
 * `npm run typecheck` before it fails here.
 */
describe('clients/typescript: the login flow of the management system', () => {
  let t: TestApp;
  let service: OrgbindClient;

  beforeAll(async () => {
    t = await startTestApp();
    const sessionsAndEvents = await serviceToken(t, 'orgbind:sessions orgbind:events.read');
    service = createOrgbindClient({ baseUrl: t.url, token: () => sessionsAndEvents });
  });
  afterAll(async () => {
    await t.close();
  });

  /** The feed's current end: read pages until `hasMore` is false. */
  async function feedEnd(): Promise<string> {
    let cursor = '0';
    for (;;) {
      const { data, error } = await service.GET('/v1/events', { params: { query: { after: cursor, limit: 1000 } } });
      if (error) throw new Error(`event feed: ${JSON.stringify(error)}`);
      cursor = data.nextCursor;
      if (!data.hasMore) return cursor;
    }
  }

  it('resolves, binds a legacy account, opens a session, prompts and takes over, logs out, and reads it all from the feed', async () => {
    const organization = await createOrganization(t.dataSource, { status: 'in_formation', uscc: null });
    const { loginName, password } = await createLegacyAccount(t.dataSource, { organizationId: organization.id });
    const startCursor = await feedEnd();

    const sub = fakeSubject('client');
    const userToken = await t.mint({ sub, userType: 'natural_person', name: '张测试', residentId: fakeResidentId() });
    const user = createOrgbindClient({ baseUrl: t.url, token: userToken, language: 'en' });

    // 1. After the platform login: what may this user do? Nothing yet: bind or apply.
    const first = await user.POST('/v1/resolutions');
    expect(first.response.status).toBe(200);
    expect(first.data).toMatchObject({ status: 'BINDING_REQUIRED', options: expect.arrayContaining(['LEGACY_ACCOUNT', 'REGISTRATION_APPLICATION']) });
    expect(first.response.headers.get('content-language')).toBe('en');

    // 2. The old system's credentials (图9 option 一): a wrong password first, then the right one.
    const wrong = await user.POST('/v1/bindings/legacy-account', { body: { organizationName: organization.name, loginName, password: `${password}x` } });
    expect(wrong.response.status).toBe(403);
    expect(wrong.error).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    const bound = await user.POST('/v1/bindings/legacy-account', { body: { organizationName: organization.name, loginName, password } });
    expect(bound.response.status).toBe(201);
    expect(bound.data).toMatchObject({ status: 'BOUND', organization: { id: organization.id, name: organization.name }, binding: { kind: 'legacy_account' } });
    const bindingId = bound.data!.binding.id;

    const again = await user.POST('/v1/resolutions');
    expect(again.data).toMatchObject({ status: 'BOUND', organization: { id: organization.id }, binding: { id: bindingId, kind: 'legacy_account' } });

    // 3. The session of the organization account, from the user's first browser.
    const opened = await user.POST('/v1/sessions', { body: { clientIp: '203.0.113.7', userAgent: CHROME_ON_WINDOWS } });
    expect(opened.response.status).toBe(201);
    expect(opened.data).toMatchObject({ status: 'active', organizationId: organization.id, bindingId, device: 'Chrome 126 · Windows 10/11', clientIpMasked: '203.0.113.*' });
    const firstSessionId = opened.data!.id;
    const checked = await service.GET('/v1/sessions/{id}', { params: { path: { id: firstSessionId } } });
    expect(checked.data).toMatchObject({ id: firstSessionId, status: 'active' });

    // 4. A second login elsewhere: the 图11 prompt, with what to show the user.
    const elsewhere = { clientIp: '198.51.100.23', userAgent: SAFARI_ON_MAC };
    const prompt = await user.POST('/v1/sessions', { body: elsewhere });
    expect(prompt.response.status).toBe(409);
    const conflict: SessionConflictProblem | undefined = prompt.error as SessionConflictProblem | undefined;
    expect(conflict).toMatchObject({
      code: 'SESSION_ACTIVE_ELSEWHERE',
      takeoverAllowed: true,
      policy: 'prompt',
      activeSession: { clientIpMasked: '203.0.113.*', device: 'Chrome 126 · Windows 10/11', sameAccount: true },
    });
    expect(conflict!.activeSession.startedAt).toBe(opened.data!.startedAt);
    expect(prompt.response.headers.get('content-type')).toContain('application/problem+json');

    // The user confirms: take over. The first session ends, atomically.
    const takeover = await user.POST('/v1/sessions', { body: { ...elsewhere, takeover: true } });
    expect(takeover.response.status).toBe(201);
    expect(takeover.data).toMatchObject({ status: 'active', device: 'Safari 17 · macOS', replaced: { device: 'Chrome 126 · Windows 10/11', clientIpMasked: '203.0.113.*', startedAt: opened.data!.startedAt } });
    const secondSessionId = takeover.data!.id;

    // 5. The first browser's next request: its session ended, and says where the account is now.
    const ended = await service.GET('/v1/sessions/{id}', { params: { path: { id: firstSessionId } } });
    expect(ended.data).toMatchObject({ status: 'ended', endReason: 'takeover', replacedBy: { device: 'Safari 17 · macOS', clientIpMasked: '198.51.100.*' } });

    // 6. Logout (idempotent).
    const logout = await service.DELETE('/v1/sessions/{id}', { params: { path: { id: secondSessionId } } });
    expect(logout.data).toMatchObject({ id: secondSessionId, status: 'ended', endReason: 'logout' });
    const logoutAgain = await service.DELETE('/v1/sessions/{id}', { params: { path: { id: secondSessionId } } });
    expect(logoutAgain.data).toMatchObject({ status: 'ended', endReason: 'logout' });

    // 7. The event feed tells the management system the same story, in order.
    const events: FeedEvent[] = [];
    let cursor = startCursor;
    for (;;) {
      const page = await service.GET('/v1/events', { params: { query: { after: cursor, limit: 100 } } });
      expect(page.error).toBeUndefined();
      events.push(...page.data!.events);
      cursor = page.data!.nextCursor;
      if (!page.data!.hasMore) break;
    }
    const ours = events.filter((e) => [bindingId, firstSessionId, secondSessionId].includes(e.aggregateId));
    expect(ours.map((e) => [e.type, e.aggregateId])).toEqual([
      ['binding.created', bindingId],
      ['session.started', firstSessionId],
      ['session.ended', firstSessionId],
      ['session.started', secondSessionId],
      ['session.ended', secondSessionId],
    ]);
    for (const event of ours) expect(event.data).toMatchObject({ organizationId: organization.id });
    expect(ours[0].data).toMatchObject({ kind: 'legacy_account', userType: 'natural_person', bindingId });
    expect(ours[3].data).toMatchObject({ replacedSessionId: firstSessionId });
    expect(ours.filter((e) => e.type === 'session.ended').map((e) => e.data.reason)).toEqual(['takeover', 'logout']);
    const cursors = ours.map((e) => BigInt(e.cursor));
    expect([...cursors].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(cursors);
  });

  it('answers problem+json in the typed error (a missing token)', async () => {
    const anonymous = createOrgbindClient({ baseUrl: t.url });
    const { data, error, response } = await anonymous.POST('/v1/resolutions');
    expect(response.status).toBe(401);
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ code: 'TOKEN_MISSING', status: 401 });
  });

  it('the README example (clients/typescript/examples/login-flow.ts) runs as shown: session, the 图11 prompt declined, then taken over', async () => {
    const organization = await createOrganization(t.dataSource);
    const { token: userToken } = await legalPersonUser(t, organization);
    const sessionsToken = await serviceToken(t, 'orgbind:sessions orgbind:events.read');
    const prompts: unknown[] = [];
    const run = (userAgent: string, confirm: boolean) =>
      loginFlow({ baseUrl: t.url, userToken, serviceToken: () => sessionsToken, clientIp: '203.0.113.9', userAgent, confirmTakeover: (active) => (prompts.push(active), confirm) });

    const first = await run(CHROME_ON_WINDOWS, true);
    expect(first).toMatchObject({ resolution: 'BOUND', session: { status: 'active', organizationId: organization.id } });
    expect(prompts).toEqual([]);
    const declined = await run(SAFARI_ON_MAC, false);
    expect(declined).toEqual({ resolution: 'BOUND' });
    expect(prompts).toEqual([expect.objectContaining({ device: 'Chrome 126 · Windows 10/11', sameAccount: true })]);
    const takenOver = await run(SAFARI_ON_MAC, true);
    expect(takenOver.session).toMatchObject({ status: 'active', device: 'Safari 17 · macOS', replaced: { device: 'Chrome 126 · Windows 10/11' } });
    const unbound = await loginFlow({ baseUrl: t.url, userToken: await t.mint({ sub: fakeSubject('client'), userType: 'natural_person', name: '张测试', residentId: fakeResidentId() }), serviceToken: () => sessionsToken, clientIp: '203.0.113.9', userAgent: CHROME_ON_WINDOWS, confirmTakeover: () => true });
    expect(unbound).toEqual({ resolution: 'BINDING_REQUIRED' });
  });

  it('clients/typescript/README.md shows exactly the example that runs here', () => {
    const readme = readFileSync(join(__dirname, '../../clients/typescript/README.md'), 'utf8');
    const example = readFileSync(join(__dirname, '../../clients/typescript/examples/login-flow.ts'), 'utf8');
    const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBe(example);
  });
});
