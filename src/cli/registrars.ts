/**
 * `npm run registrars -- add|remove|list …`: manage the registrar roster (初审人员) from the
 * command line. Every change is audited (actor `cli:<OS user>`). Uses DATABASE_URL, else the
 * development database.
 */
import { userInfo } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Table from 'cli-table3';
import { DomainError } from '../common/errors/domain-error';
import { ERROR_CATALOG } from '../common/errors/error-catalog';
import { fillTemplate } from '../common/errors/problem';
import { loadConfig } from '../config/app-config';
import { readDevPlatformState } from '../dev-platform/dev-platform-state';
import { addRegistrarAuthorities, listRoster, removeRegistrar, RosterActor, RosterEntry } from '../registry/registrar-roster';
import { withCliDatabase } from './cli-database';

const USAGE = `usage: npm run registrars -- add    --subject SUB --authority CODE [--authority CODE …] [--issuer ISS]
       npm run registrars -- remove --subject SUB [--authority CODE] [--issuer ISS]
       npm run registrars -- list   [--authority CODE] [--json]

Put a platform account (issuer + subject) on the registrar roster for registration authorities,
take it off one authority (--authority) or off the roster, or list the roster. Registrars review
registration applications of their authorities only; their rights come from this roster alone.

--issuer   the platform issuer of the account; default PLATFORM_ISSUER, else (development) the
           issuer of the running development platform
--json     list as JSON

Authority codes: see sample-data/registration-authorities.tsv or GET /v1/registration-authorities
(e.g. MZ-210311 鞍山市千山区民政局). Changes print the registrar's entry; exit code 0 on success,
1 on an error (unknown authority, nothing to remove), 2 on a usage error.`;

const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

class UsageError extends Error {}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') {
    process.stderr.write(`${USAGE}\n`);
    return command ? 0 : EXIT_USAGE;
  }
  const { values } = parseArgs({
    args: [...rest],
    strict: true,
    allowPositionals: false,
    options: { subject: { type: 'string' }, issuer: { type: 'string' }, authority: { type: 'string', multiple: true }, json: { type: 'boolean' } },
  });
  const authorities = (values.authority ?? []).map((code) => code.trim().toUpperCase());
  const actor: RosterActor = { kind: 'operator', id: `cli:${userInfo().username}` };
  switch (command) {
    case 'add': {
      const subject = required(values.subject, '--subject');
      if (authorities.length === 0) throw new UsageError('add needs at least one --authority CODE');
      const issuer = await issuerOf(values.issuer);
      const { entry, created, added } = await withCliDatabase('registrars', (dataSource) =>
        dataSource.transaction((manager) => addRegistrarAuthorities(manager, { issuer, subject, authorityCodes: authorities }, actor)),
      );
      process.stderr.write(`${created ? 'added registrar' : added.length ? `added ${added.join(', ')} to registrar` : 'no change: registrar already has'} ${issuer}|${subject}\n`);
      print([entry], false);
      return 0;
    }
    case 'remove': {
      const subject = required(values.subject, '--subject');
      if (authorities.length > 1) throw new UsageError('remove takes at most one --authority');
      const issuer = await issuerOf(values.issuer);
      const removed = await withCliDatabase('registrars', (dataSource) =>
        dataSource.transaction((manager) => removeRegistrar(manager, { issuer, subject }, authorities[0] ?? null, actor)),
      );
      if (!removed) {
        process.stderr.write(`nothing to remove: ${issuer}|${subject}${authorities[0] ? ` does not review for ${authorities[0]}` : ' is not a registrar'}\n`);
        return EXIT_FAILED;
      }
      process.stderr.write(`removed ${authorities[0] ? `${authorities[0]} from ` : ''}registrar ${issuer}|${subject}\n`);
      return 0;
    }
    case 'list': {
      if (authorities.length > 1) throw new UsageError('list takes at most one --authority');
      const roster = await withCliDatabase('registrars', (dataSource) => listRoster(dataSource.manager, { authorityCode: authorities[0] }));
      print(roster, values.json === true);
      process.stderr.write(`${roster.length} registrar(s)\n`);
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

function required(value: string | undefined, option: string): string {
  if (!value) throw new UsageError(`${option} is required`);
  return value;
}

/** The issuer given, else the configured platform's, else the running development platform's. */
async function issuerOf(given: string | undefined): Promise<string> {
  if (given) return given;
  const config = loadConfig(process.env);
  if (config.platform.issuer) return config.platform.issuer;
  const state = config.isProduction ? undefined : await readDevPlatformState(path.resolve(config.dev.dataDir));
  if (state) return state.issuer;
  throw new UsageError('give --issuer (no PLATFORM_ISSUER is configured and no development platform is running)');
}

function print(entries: readonly RosterEntry[], json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
    return;
  }
  const table = new Table({ head: ['registrar', 'issuer', 'subject', 'authorities'], style: process.stdout.isTTY ? undefined : { head: [], border: [] } });
  for (const e of entries) table.push([e.id, e.issuer, e.subject, e.authorities.map((a) => `${a.code} ${a.name}${a.active ? '' : ' (inactive)'}`).join('\n')]);
  process.stdout.write(`${table.toString()}\n`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`registrars: ${error.message}\n\n${USAGE}\n`);
      process.exitCode = EXIT_USAGE;
      return;
    }
    if (error instanceof DomainError) {
      process.stderr.write(`registrars: ${error.code}: ${fillTemplate(ERROR_CATALOG[error.code].detail.en, error.params)}\n`);
    } else {
      process.stderr.write(`registrars: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    process.exitCode = EXIT_FAILED;
  },
);
