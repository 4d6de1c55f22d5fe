import { DevelopmentService, startDevelopmentService } from '../support/development-service';

/**
 * The developer's tools in the opaque-token modes, as after
 * `PLATFORM_TOKEN_MODE=introspection npm start` (or `userinfo`): `npm run -s token` mints the
 * form the running service accepts (opaque by default, `--jwt`/`--opaque` to choose), and
 * `npm run demo` walks all its journeys with opaque tokens.
 */
describe.each(['introspection', 'userinfo'] as const)('PLATFORM_TOKEN_MODE=%s in development', (mode) => {
  let service: DevelopmentService;
  beforeAll(async () => {
    service = await startDevelopmentService(`opaque-${mode}`, { PLATFORM_TOKEN_MODE: mode });
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  it('npm run -s token mints an opaque user token by default, and the service resolves it', async () => {
    const result = await service.shell('npm run -s token -- --user-type legal_person --uscc 53210000MJ2831229F --name 辽宁省爱梦成真青年发展基金会');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^[\w-]+\n$/);
    expect(result.stderr).toMatch(/^opaque token for sub /m);
    const response = await fetch(`${service.url}/v1/resolutions`, { method: 'POST', headers: { authorization: `Bearer ${result.stdout.trim()}` } });
    expect(((await response.json()) as { status: string }).status).toBe('BOUND');
  }, 120_000);

  it('service tokens take the form PLATFORM_SERVICE_TOKEN_MODE wants, and --jwt / --opaque choose', async () => {
    const service_ = await service.shell('npm run -s token -- --service --scope orgbind:events.read');
    expect(service_.code).toBe(0);
    expect(service_.stdout.trim().split('.')).toHaveLength(mode === 'introspection' ? 1 : 3);
    expect((await fetch(`${service.url}/v1/events?after=0&limit=1`, { headers: { authorization: `Bearer ${service_.stdout.trim()}` } })).status).toBe(200);
    const jwt = await service.shell('npm run -s token -- --jwt --user-type natural_person --name 张三');
    expect(jwt.stdout.trim().split('.')).toHaveLength(3);
    // A JWT is not what this service accepts for users: the CLI says so, the service refuses it.
    expect(jwt.stderr).toContain('token: note: the running service checks users\' tokens as opaque tokens: it will refuse this jwt token');
    expect((await fetch(`${service.url}/v1/resolutions`, { method: 'POST', headers: { authorization: `Bearer ${jwt.stdout.trim()}` } })).status).toBe(401);
    const both = await service.shell('npm run -s token -- --jwt --opaque --user-type natural_person --name 张三 || echo "exit=$?"');
    expect(both.stdout).toBe('exit=2\n');
    expect(both.stderr).toContain('--opaque and --jwt exclude each other');
  }, 120_000);

  it('npm run demo walks every journey with opaque tokens', async () => {
    const result = await service.shell('npm run -s demo');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^orgbind demo against http://127\\.0\\.0\\.1:\\d+ \\(user tokens: opaque, service tokens: ${mode === 'introspection' ? 'opaque' : 'JWT'},`, 'm'));
    expect(result.stdout).toContain('BOUND');
    expect(result.stdout).toContain('Management system, server to server');
    expect(result.stdout).toMatch(/legal-person user binds .*\bBOUND\b/);
    expect(result.stdout).not.toMatch(/\b(401|503) (TOKEN_|PLATFORM_)/);
  }, 180_000);
});
