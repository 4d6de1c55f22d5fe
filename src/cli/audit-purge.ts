import { runPurgeTasks, PurgeTaskReport } from '../audit/retention/purge-task';
import { PURGE_TASKS } from '../audit/retention/purge-tasks';
import { loadConfig } from '../config/app-config';
import { cliLog, failCli, withCliDatabase } from './cli-database';

const USAGE = `usage: npm run audit:purge -- [--dry-run] [--json] [--task NAME ...] [--batch-size N]

Removes data past its retention period, task by task; every run writes an audit event.

Tasks (all by default):
${PURGE_TASKS.map((t) => `  ${t.name.padEnd(14)} ${t.description}`).join('\n')}

  --dry-run        report what would be removed, remove nothing
  --task NAME      run only this task (repeatable)
  --json           print the reports as JSON
  --batch-size N   records removed per transaction (default 10000)

Uses DATABASE_URL, else the development database; the retention comes from the configuration
(AUDIT_RETENTION_DAYS, SESSION_RETENTION_DAYS). Safe while the service runs. Exit code 0 on success, 1 on error, 2 usage.`;

function parseArgs(argv: readonly string[]): { dryRun: boolean; json: boolean; tasks: string[]; batchSize: number } | null {
  const tasks: string[] = [];
  let dryRun = false;
  let json = false;
  let batchSize = 10_000;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--json') json = true;
    else if (arg === '--task') {
      const name = argv[++i];
      if (!PURGE_TASKS.some((t) => t.name === name)) return null;
      tasks.push(name);
    } else if (arg === '--batch-size') {
      batchSize = Number(argv[++i]);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) return null;
    } else return null;
  }
  return { dryRun, json, tasks, batchSize };
}

function formatReport(r: PurgeTaskReport): string {
  const extra = Object.entries(r.details).map(([k, v]) => `${k}=${v}`).join(' ');
  return `${r.task}: ${r.dryRun ? 'would remove' : 'removed'} ${r.deleted} (older than ${r.cutoff}, retention ${r.retentionDays} days) ${extra}`;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!args) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(process.argv.includes('--help') ? 0 : 2);
  }
  const config = loadConfig(process.env);
  const tasks = args.tasks.length ? PURGE_TASKS.filter((t) => args.tasks.includes(t.name)) : PURGE_TASKS;
  const reports = await withCliDatabase('audit-purge', (dataSource) =>
    runPurgeTasks(tasks, {
      dataSource,
      now: new Date(),
      actor: `cli:${process.env.USER ?? 'operator'}`,
      dryRun: args.dryRun,
      config,
      batchSize: args.batchSize,
      log: cliLog,
    }),
  );
  process.stdout.write(args.json ? `${JSON.stringify(reports, null, 2)}\n` : `${reports.map(formatReport).join('\n')}\n`);
}

main().catch(failCli);
