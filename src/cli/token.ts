/**
 * `npm run -s token -- --user-type legal_person --uscc … --name …` (a platform user's token)
 * `npm run -s token -- --service --scope "orgbind:registry.write …"` (a service client's token)
 *
 * Mint a platform access token through the running DEVELOPMENT platform (started by
 * `npm start` in development) and print only the token on stdout, e.g.
 * `curl -H "Authorization: Bearer $(npm run -s token -- …)" …`. Diagnostics go to stderr.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isServiceScope, SERVICE_SCOPE_USAGE, SERVICE_SCOPES, ServiceScope } from '../auth/service-principal';
import { ConfigError, loadConfig } from '../config/app-config';
import {
  defaultDevSubject,
  DEV_PLATFORM_CLIENTS,
  DEV_PLATFORM_OPERATOR_CLIENT_ID,
  type DevPlatformClient,
  DevPlatformTokenError,
  type DevTokenFormat,
  devPlatformStateFile,
  findDevPlatformClient,
  isProcessAlive,
  type PlatformUserClaims,
  readDevPlatformState,
  requestDevPlatformToken,
  serviceClientClaims,
} from '../dev-platform/dev-platform';

const SCOPE_LIST = SERVICE_SCOPES.join(' | ');

/** One help line per known scope, and one example per scope (both from {@link SERVICE_SCOPE_USAGE}). */
const SCOPE_HELP = SERVICE_SCOPES.map((scope) => `  ${scope.padEnd(24)}${SERVICE_SCOPE_USAGE[scope].holder}: ${SERVICE_SCOPE_USAGE[scope].grants}`).join('\n');
const SCOPE_EXAMPLES = SERVICE_SCOPES.map(
  (scope) => `  npm run -s token -- --service --scope ${scope}${' '.repeat(Math.max(1, 24 - scope.length))}# ${SERVICE_SCOPE_USAGE[scope].example}`,
).join('\n');
const CLIENT_HELP = DEV_PLATFORM_CLIENTS.map((client) => `  ${client.id.padEnd(32)}${client.description}`).join('\n');

const USAGE = `Usage: npm run -s token -- --user-type TYPE [options]        (a platform user's token)
       npm run -s token -- --service --scope SCOPES [--client-id ID]  (a service client's token)
       node dist/cli/token.js …

Mint an access token from the DEVELOPMENT identity platform that \`npm start\` runs
(development only), through its token endpoint (OAuth client credentials for a JWT, the
platform's opaque-token grant for an opaque token), and print only the token on stdout.

User token options:
  --user-type TYPE            legal_person | natural_person | individual_business (required;
                              other values are passed through, to test rejection)
  --name NAME                 organization name (legal person) or person's name
  --uscc CODE                 unified social credit code (sent as given, even if malformed)
  --resident-id NUMBER        resident identity card number
  --phone NUMBER              mobile phone number
  --verification-level LEVEL  real-name verification level, e.g. enterprise | government | none
  --sub ID                    platform account id (token "sub"); default: derived from the
                              USCC, else the resident id, else the name, so the same user
                              keeps the same account across calls

Service token options (the management system's and operators' server-to-server calls):
  --service                   mint a service client's token instead of a user's
  --scope SCOPES              required with --service: one or more of the scopes below,
                              space-separated (quote them) or as repeated --scope options
  --client-id ID              the registered client to ask as; it becomes the token's
                              client_id, which orgbind records as the actor. Default
                              ${DEV_PLATFORM_CLIENTS[0].id}. Registered:
${CLIENT_HELP.replace(/^/gm, '    ')}

Scopes:
${SCOPE_HELP}

Token format (both kinds):
  --opaque                    an opaque reference token (checked by the service through the
                              platform's introspection or UserInfo endpoint)
  --jwt                       a signed JWT (checked against the platform's JWKS)
                              Default: what the running service accepts (its
                              PLATFORM_TOKEN_MODE / PLATFORM_SERVICE_TOKEN_MODE)

  -h, --help                  show this help

The platform is found through {DEV_DATA_DIR}/dev-platform/state.json (DEV_DATA_DIR defaults
to .data, relative to the current folder).

Examples:
  npm run -s token -- --user-type legal_person --uscc 51210300MJ000000X6 --name 鞍山市书法家协会
  npm run -s token -- --user-type natural_person --name 张三 --resident-id 210300199001010010
${SCOPE_EXAMPLES}
  npm run -s token -- --service --scope "${ServiceScope.REGISTRY_WRITE} ${ServiceScope.EVENTS_READ}"
  npm run -s token -- --service --scope ${ServiceScope.OPERATOR} --client-id ${DEV_PLATFORM_OPERATOR_CLIENT_ID}
  npm run -s token -- --opaque --user-type natural_person --name 张三   # PLATFORM_TOKEN_MODE=introspection|userinfo
`;

/** Exit codes: 0 token printed, 1 platform unavailable or refused, 2 usage or configuration error. */
const EXIT_UNAVAILABLE = 1;
const EXIT_USAGE = 2;

class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

const NOT_RUNNING_HINT = 'start the service with npm start first';

/** What to mint: a platform user's token, or a service client's. */
type ParsedCommand =
  | { readonly help: true }
  | ({ readonly help: false; readonly format: DevTokenFormat | undefined } & (
      | { readonly kind: 'user'; readonly claims: PlatformUserClaims }
      | { readonly kind: 'service'; readonly claims: PlatformUserClaims; readonly client: DevPlatformClient }
    ));

const OPTIONS = {
  'user-type': { type: 'string' },
  name: { type: 'string' },
  uscc: { type: 'string' },
  'resident-id': { type: 'string' },
  phone: { type: 'string' },
  'verification-level': { type: 'string' },
  sub: { type: 'string' },
  service: { type: 'boolean' },
  scope: { type: 'string', multiple: true },
  'client-id': { type: 'string' },
  opaque: { type: 'boolean' },
  jwt: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type OptionValues = ReturnType<typeof parseOptions>;

/** Options that describe a platform user, meaningless for a service token. */
const USER_OPTIONS = ['user-type', 'name', 'uscc', 'resident-id', 'phone', 'verification-level', 'sub'] as const;
/** Options that only apply with --service. */
const SERVICE_OPTIONS = ['scope', 'client-id'] as const;

function parseOptions(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], strict: true, allowPositionals: false, options: OPTIONS }).values;
  } catch (error) {
    throw new CliError(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`, EXIT_USAGE);
  }
}

function parseCommand(argv: readonly string[]): ParsedCommand {
  const values = parseOptions(argv);
  if (values.help === true) return { help: true };
  if (values.opaque === true && values.jwt === true) throw new CliError('--opaque and --jwt exclude each other', EXIT_USAGE);
  const format: DevTokenFormat | undefined = values.opaque === true ? 'opaque' : values.jwt === true ? 'jwt' : undefined;
  return { help: false, ...(values.service === true ? parseServiceCommand(values) : parseUserCommand(values)), format };
}

function parseUserCommand(values: OptionValues): { readonly kind: 'user'; readonly claims: PlatformUserClaims } {
  const misplaced = SERVICE_OPTIONS.filter((option) => values[option] !== undefined);
  if (misplaced.length > 0) {
    throw new CliError(`${misplaced.map((o) => `--${o}`).join(', ')} ${misplaced.length === 1 ? 'applies' : 'apply'} only to service tokens: add --service`, EXIT_USAGE);
  }
  const userType = values['user-type'];
  if (userType === undefined || userType === '') throw new CliError(`--user-type is required (or --service for a service token)\n\n${USAGE}`, EXIT_USAGE);
  const attributes: Omit<PlatformUserClaims, 'sub'> = {
    userType,
    name: values.name,
    uscc: values.uscc,
    residentId: values['resident-id'],
    phone: values.phone,
    verificationLevel: values['verification-level'],
  };
  const sub = values.sub ?? defaultDevSubject(attributes);
  if (sub === undefined) {
    throw new CliError('give --sub, or at least one of --uscc, --resident-id, --name to derive it from', EXIT_USAGE);
  }
  return { kind: 'user', claims: { ...attributes, sub } };
}

/**
 * `--service --scope …`: the scopes must be known to orgbind ({@link SERVICE_SCOPES}); the token's
 * `sub` is the client id (as for any client-credentials token) and its `user_type` `service`.
 */
function parseServiceCommand(values: OptionValues): { readonly kind: 'service'; readonly claims: PlatformUserClaims; readonly client: DevPlatformClient } {
  const misplaced = USER_OPTIONS.filter((option) => values[option] !== undefined);
  if (misplaced.length > 0) {
    throw new CliError(`${misplaced.map((o) => `--${o}`).join(', ')} describe a platform user and do not apply to --service`, EXIT_USAGE);
  }
  const requested = (values.scope ?? []).flatMap((value) => value.split(/\s+/)).filter((scope) => scope !== '');
  if (requested.length === 0) {
    throw new CliError(`--service needs --scope: one or more of ${SCOPE_LIST} (space-separated), for example:\n${SCOPE_EXAMPLES}`, EXIT_USAGE);
  }
  const unknown = requested.filter((scope) => !isServiceScope(scope));
  if (unknown.length > 0) {
    throw new CliError(`unknown scope${unknown.length > 1 ? 's' : ''} ${unknown.map((s) => `"${s}"`).join(', ')}; orgbind knows ${SCOPE_LIST}`, EXIT_USAGE);
  }
  const scopes = [...new Set(requested)];
  const clientId = values['client-id'] ?? DEV_PLATFORM_CLIENTS[0].id;
  const client = findDevPlatformClient(clientId);
  if (client === undefined) {
    throw new CliError(
      `unknown --client-id "${clientId}"; the development platform registers ${DEV_PLATFORM_CLIENTS.map((c) => c.id).join(', ')}`,
      EXIT_USAGE,
    );
  }
  return { kind: 'service', client, claims: serviceClientClaims(client, scopes) };
}

async function main(argv: readonly string[]): Promise<void> {
  const command = parseCommand(argv);
  if (command.help) {
    process.stdout.write(USAGE);
    return;
  }

  let dataDir: string;
  try {
    const config = loadConfig(process.env);
    if (config.isProduction) {
      throw new CliError('refused: the development platform does not exist in production (NODE_ENV=production)', EXIT_USAGE);
    }
    dataDir = resolve(process.cwd(), config.dev.dataDir);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, EXIT_USAGE);
    throw error;
  }

  const state = await readDevPlatformState(dataDir);
  if (state === undefined) {
    throw new CliError(
      `the development platform is not running (no ${devPlatformStateFile(dataDir)}): ${NOT_RUNNING_HINT}`,
      EXIT_UNAVAILABLE,
    );
  }
  if (!isProcessAlive(state.pid)) {
    throw new CliError(
      `the development platform is not running (process ${state.pid} that served ${state.issuer} has exited): ${NOT_RUNNING_HINT}`,
      EXIT_UNAVAILABLE,
    );
  }

  // The service's PLATFORM_TOKEN_MODE decides the default: opaque tokens for introspection/userinfo.
  // (UserInfo mode checks service clients as JWTs unless PLATFORM_SERVICE_TOKEN_MODE says otherwise.)
  const accepted: DevTokenFormat = command.kind === 'service' && state.serviceTokenFormat ? state.serviceTokenFormat : (state.tokenFormat ?? 'jwt');
  const format: DevTokenFormat = command.format ?? accepted;
  if (format !== accepted) {
    process.stderr.write(`token: note: the running service checks ${command.kind === 'service' ? 'service clients\'' : 'users\''} tokens as ${accepted === 'jwt' ? 'JWTs' : 'opaque tokens'}: it will refuse this ${format} token (401 TOKEN_INVALID)\n`);
  }
  let token: string;
  try {
    token = await requestDevPlatformToken(state, command.claims, { format, ...(command.kind === 'service' ? { client: command.client } : {}) });
  } catch (error) {
    if (error instanceof DevPlatformTokenError) {
      const hint = error.status === undefined ? `: ${NOT_RUNNING_HINT}` : '';
      throw new CliError(`${error.message}${hint}`, EXIT_UNAVAILABLE);
    }
    throw error;
  }
  const holder = command.kind === 'service' ? `service client ${command.client.id}, scope "${command.claims.scope}"` : `sub ${command.claims.sub}`;
  process.stderr.write(`${format} token for ${holder} from ${state.issuer} (audience ${state.audience})\n`);
  process.stdout.write(`${token}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof CliError) {
    process.stderr.write(`token: ${error.message}\n`);
    process.exitCode = error.exitCode;
  } else {
    process.stderr.write(`token: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = EXIT_UNAVAILABLE;
  }
});
