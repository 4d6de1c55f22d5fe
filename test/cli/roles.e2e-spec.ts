import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { SERVICE_SCOPE_USAGE, SERVICE_SCOPES, ServiceScope } from '../../src/auth/service-principal';
import { DEV_PLATFORM_CLIENT_ID, DEV_PLATFORM_OPERATOR_CLIENT_ID } from '../../src/dev-platform/dev-platform-claims';
import { readDevPlatformState } from '../../src/dev-platform/dev-platform-state';
import { DevelopmentService, startDevelopmentService } from '../support/development-service';

/**
 * Every role tried locally, as a developer does after `npm ci && npm start`, against the service
 * started that way in development (its own development platform; `PORT` and `DEV_DATA_DIR` point
 * at it). Both parts run `npm run -s token`, which builds `dist/`, so they share one file (one
 * jest worker) and one service.
 *
 * - README "Run it": the block of one curl per role is run exactly as written (bash, one command
 *   per role), and the section's scope table matches the scopes in the code.
 * - `npm run -s token -- --service --scope …`: a service client's token from the development
 *   platform's token endpoint, accepted for exactly its scopes; usage errors exit 2 with a message
 *   on stderr and nothing on stdout.
 */

let service: DevelopmentService;

beforeAll(async () => {
  service = await startDevelopmentService('roles');
}, 120_000);

afterAll(async () => {
  await service?.stop();
});

const README = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
const RUN_IT = /^## Run it\n([\s\S]*?)^## /m.exec(README)?.[1] ?? '';
const BLOCK = /<!-- run-it:curl-per-role\b[^>]*-->\n```sh\n([\s\S]*?)\n```/.exec(RUN_IT)?.[1] ?? '';
/** The block's commands, one per role, each introduced by a `# role: …` comment and separated by a blank line. */
const COMMANDS = BLOCK.split(/\n\s*\n/).map((command) => ({ role: /^# ([^:]+):/.exec(command)?.[1], command }));

describe('README "Run it": one curl per role', () => {
  it('has the marked block with a command for the user, the management system and the operator', () => {
    expect(COMMANDS.map((c) => c.role)).toEqual(['user', 'management system', 'operator']);
    for (const { command } of COMMANDS) expect(command).toMatch(/^curl -s /m);
  });

  /** Run the command of `role` exactly as written; its stdout is the service's JSON answer. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const run = async (role: string): Promise<any> => {
    const entry = COMMANDS.find((c) => c.role === role);
    if (!entry) throw new Error(`README "Run it" has no "# ${role}:" command`);
    const result = await service.shell(entry.command);
    if (result.code !== 0) throw new Error(`"${role}" command exited ${result.code}:\n${result.stderr}\nservice:\n${service.output()}`);
    try {
      return JSON.parse(result.stdout);
    } catch {
      throw new Error(`"${role}" command printed no JSON:\n${result.stdout}\n${result.stderr}`);
    }
  };

  it('user: the legal-person user of the sample foundation is BOUND', async () => {
    const body = await run('user');
    expect(body).toMatchObject({ status: 'BOUND', organization: { uscc: '53210000MJ2831229F', name: '辽宁省爱梦成真青年发展基金会' } });
  }, 180_000);

  it('management system: the registry sync creates the organization in formation, done by the management system client', async () => {
    const body = await run('management system');
    expect(body).toMatchObject({ outcome: 'created', organization: { externalId: 'readme-in-formation-0001', status: 'in_formation', name: '鞍山市铁西区邻里读书会' } });
    const audit = await service.database.dataSource.query(
      `SELECT actor_kind, actor FROM audit_event WHERE target_type = 'organization' AND target_id = $1`,
      [body.organization.id],
    );
    expect(audit).toEqual([{ actor_kind: 'service', actor: DEV_PLATFORM_CLIENT_ID }]);
  }, 180_000);

  it('operator: the registrar roster answers, for the operator console client', async () => {
    const body = await run('operator');
    expect(body).toEqual({ registrars: expect.any(Array) });
    expect(COMMANDS.find((c) => c.role === 'operator')?.command).toContain(`--client-id ${DEV_PLATFORM_OPERATOR_CLIENT_ID}`);
  }, 180_000);

  it('the scope table lists exactly the scopes orgbind knows, each with its example request', () => {
    const rows = [...RUN_IT.matchAll(/^\| `(orgbind:[^`]+)` \| [^|]+ \| `([^`]+)` \|$/gm)].map((m) => ({ scope: m[1], example: m[2] }));
    expect(rows.map((r) => r.scope).sort()).toEqual([...SERVICE_SCOPES].sort());
    for (const row of rows) expect(row.example).toBe(SERVICE_SCOPE_USAGE[row.scope as keyof typeof SERVICE_SCOPE_USAGE].example);
  });
});

describe('npm run token -- --service', () => {
  const token = (args: string) => service.shell(`npm run -s token -- ${args}`);

  it('prints a token for the scopes, from the platform, as the management system client', async () => {
    const result = await token(`--service --scope "${ServiceScope.REGISTRY_WRITE} ${ServiceScope.EVENTS_READ}"`);
    expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+\n$/) });
    const state = await readDevPlatformState(service.dataDir);
    const claims = decodeJwt(result.stdout.trim());
    expect(claims).toMatchObject({
      iss: state?.issuer,
      aud: 'orgbind',
      client_id: DEV_PLATFORM_CLIENT_ID,
      sub: DEV_PLATFORM_CLIENT_ID,
      scope: 'orgbind:registry.write orgbind:events.read',
    });
    expect(result.stderr).toContain(`service client ${DEV_PLATFORM_CLIENT_ID}`);

    const bearer = { authorization: `Bearer ${result.stdout.trim()}` };
    expect((await fetch(`${service.url}/v1/events?after=0&limit=1`, { headers: bearer })).status).toBe(200);
    // orgbind:operator was not asked for.
    expect((await fetch(`${service.url}/v1/registrars`, { headers: bearer })).status).toBe(403);
  }, 120_000);

  it('asks as another registered client with --client-id, and accepts repeated --scope', async () => {
    const result = await token(`--service --scope ${ServiceScope.OPERATOR} --scope ${ServiceScope.SESSIONS} --client-id ${DEV_PLATFORM_OPERATOR_CLIENT_ID}`);
    expect(result.code).toBe(0);
    expect(decodeJwt(result.stdout.trim())).toMatchObject({ client_id: DEV_PLATFORM_OPERATOR_CLIENT_ID, scope: 'orgbind:operator orgbind:sessions' });
    const registrars = await fetch(`${service.url}/v1/registrars`, { headers: { authorization: `Bearer ${result.stdout.trim()}` } });
    expect(registrars.status).toBe(200);
  }, 120_000);

  it.each([
    ['a missing --scope', '--service', /--service needs --scope: one or more of orgbind:registry\.write \| orgbind:events\.read \| orgbind:operator \| orgbind:sessions \(space-separated\), for example:\n {2}npm run -s token -- --service --scope orgbind:registry\.write +# [^\n]+\n(?: {2}npm run[^\n]+\n){3}$/],
    ['an empty --scope', '--service --scope ""', /--service needs --scope/],
    ['an unknown scope', `--service --scope "${ServiceScope.EVENTS_READ} orgbind:everything"`, /unknown scope "orgbind:everything"; orgbind knows orgbind:registry\.write/],
    ['an unregistered client', `--service --scope ${ServiceScope.OPERATOR} --client-id someone-else`, /unknown --client-id "someone-else"; the development platform registers orgbind-dev-management-system, orgbind-dev-operator-console/],
    ['user options with --service', `--service --scope ${ServiceScope.OPERATOR} --user-type legal_person`, /--user-type describe a platform user and do not apply to --service/],
    ['--scope without --service', `--user-type legal_person --name x --scope ${ServiceScope.OPERATOR}`, /--scope applies only to service tokens: add --service/],
  ])('refuses %s: message on stderr, exit code 2, no token', async (_case, args, message) => {
    const result = await service.shell(`npm run -s token -- ${args} || echo "exit=$?"`);
    expect(result.stdout).toBe('exit=2\n');
    expect(result.stderr).toMatch(message);
  }, 120_000);

  it('--help documents service tokens with an example per scope', async () => {
    const result = await token('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--service');
    for (const scope of SERVICE_SCOPES) {
      expect(result.stdout).toMatch(new RegExp(`^  npm run -s token -- --service --scope ${scope.replace('.', '\\.')} +# `, 'm'));
    }
  }, 120_000);
});
