/**
 * `npm run -s token -- --user-type legal_person --uscc … --name …`
 *
 * Mint a platform access token through the running DEVELOPMENT platform (started by
 * `npm start` in development) and print only the token on stdout, e.g.
 * `curl -H "Authorization: Bearer $(npm run -s token -- …)" …`. Diagnostics go to stderr.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/app-config';
import {
  defaultDevSubject,
  DevPlatformTokenError,
  devPlatformStateFile,
  isProcessAlive,
  type PlatformUserClaims,
  readDevPlatformState,
  requestDevPlatformToken,
} from '../dev-platform/dev-platform';

const USAGE = `Usage: npm run -s token -- --user-type TYPE [options]
       node dist/cli/token.js --user-type TYPE [options]

Mint an access token from the DEVELOPMENT identity platform that \`npm start\` runs
(development only), and print only the token on stdout.

Options:
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
  -h, --help                  show this help

The platform is found through {DEV_DATA_DIR}/dev-platform/state.json (DEV_DATA_DIR defaults
to .data, relative to the current folder).

Examples:
  npm run -s token -- --user-type legal_person --uscc 51210300MJ000000X6 --name 鞍山市书法家协会
  npm run -s token -- --user-type natural_person --name 张三 --resident-id 210300199001010010
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

type ParsedCommand = { readonly help: true } | { readonly help: false; readonly claims: PlatformUserClaims };

const OPTIONS = {
  'user-type': { type: 'string' },
  name: { type: 'string' },
  uscc: { type: 'string' },
  'resident-id': { type: 'string' },
  phone: { type: 'string' },
  'verification-level': { type: 'string' },
  sub: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

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

  const userType = values['user-type'];
  if (userType === undefined || userType === '') throw new CliError(`--user-type is required\n\n${USAGE}`, EXIT_USAGE);
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
  return { help: false, claims: { ...attributes, sub } };
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

  let token: string;
  try {
    token = await requestDevPlatformToken(state, command.claims);
  } catch (error) {
    if (error instanceof DevPlatformTokenError) {
      const hint = error.status === undefined ? `: ${NOT_RUNNING_HINT}` : '';
      throw new CliError(`${error.message}${hint}`, EXIT_UNAVAILABLE);
    }
    throw error;
  }
  process.stderr.write(`token for sub ${command.claims.sub} from ${state.issuer} (audience ${state.audience})\n`);
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
