import { verifyAuditChain } from '../audit/chain/audit-chain-verification';
import { EXIT_CHAIN_BROKEN, formatChainReport } from '../audit/chain/chain-report';
import { ChainPoint } from '../audit/domain/chain-verifier';
import { cliLog, failCli, withCliDatabase } from './cli-database';
import { progressBar } from './progress';

const USAGE = `usage: npm run audit:verify -- [--json] [--expect ID:HASH ...] [--batch-size N]

Recomputes the audit hash chain from its anchor (genesis, or the last purge) to the seal head,
in one consistent snapshot, and reports every broken link in chain order: the first one names
the event id, what the chain expects there and what is stored.

  --expect ID:HASH   also check that the link ending at ID has HASH (a head printed by an earlier
                     run and kept outside the database: detects a rewritten chain); repeatable
  --json             print the report as JSON
  --batch-size N     links read per query (default 5000)

Uses DATABASE_URL, else the development database. Progress on stderr, the report on stdout.
Exit code: 0 intact, ${EXIT_CHAIN_BROKEN} broken (tampering or damage), 1 error, 2 usage.`;

interface Args {
  readonly json: boolean;
  readonly expect: ChainPoint[];
  readonly batchSize: number | undefined;
}

function parseArgs(argv: readonly string[]): Args | null {
  const expect: ChainPoint[] = [];
  let json = false;
  let batchSize: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') json = true;
    else if (arg === '--expect') {
      const match = /^(0|[1-9]\d{0,18}):([0-9a-f]{64})$/.exec(argv[++i] ?? '');
      if (!match) return null;
      expect.push({ throughId: match[1], hash: match[2] });
    } else if (arg === '--batch-size') {
      batchSize = Number(argv[++i]);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) return null;
    } else return null;
  }
  return { json, expect, batchSize };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!args) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(process.argv.includes('--help') ? 0 : 2);
  }
  const bar = progressBar('verifying', { unit: 'events' });
  const report = await withCliDatabase('audit-verify', (dataSource) =>
    verifyAuditChain(dataSource, { batchSize: args.batchSize, expect: args.expect, onProgress: bar.update }),
  ).finally(() => bar.stop());
  process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatChainReport(report)}\n`);
  if (!report.intact) {
    cliLog(`audit chain broken: first at event ${report.problems[0]?.eventId}`);
    process.exitCode = EXIT_CHAIN_BROKEN;
  }
}

main().catch(failCli);
