import { AuditChainReport } from './audit-chain-verification';

/** Exit code of `npm run audit:verify` when the chain is broken (tampering or damage). */
export const EXIT_CHAIN_BROKEN = 3;

/** The human-readable report. */
export function formatChainReport(report: AuditChainReport): string {
  const lines: string[] = [];
  lines.push(`audit chain: ${report.intact ? 'INTACT' : `BROKEN (${report.problemCount} problem${report.problemCount === 1 ? '' : 's'})`}`);
  const first = report.problems[0];
  if (first) {
    lines.push(`first broken link: event ${first.eventId} — ${first.kind}: ${first.message}`);
    if (first.expected !== undefined) lines.push(`  expected: ${first.expected}`);
    if (first.stored !== undefined) lines.push(`  stored:   ${first.stored}`);
    for (const p of report.problems.slice(1, 20)) lines.push(`  then event ${p.eventId} — ${p.kind}: ${p.message}`);
    if (report.problemCount > 20) lines.push(`  … ${report.problemCount - 20} more (use --json)`);
  }
  lines.push(`anchor: ${report.anchor.throughId === '0' ? 'genesis' : `after event ${report.anchor.throughId}`} (${report.anchor.hash})`);
  lines.push(`links verified: ${report.links} (${report.eventLinks} events, ${report.gapLinks} gap links covering ${report.gapIds} rolled-back ids)`);
  lines.push(`head: event ${report.head.throughId} ${report.head.hash}`);
  lines.push(report.unsealed.count === 0
    ? 'unsealed tail: none'
    : `unsealed tail: ${report.unsealed.count} events from id ${report.unsealed.firstId}, oldest ${report.unsealed.oldestOccurredAt} (not yet tamper-evident; the sealer runs in the service)`);
  for (const e of report.expectations) lines.push(`expected link ${e.throughId}: ${e.status}`);
  lines.push(`took ${report.durationMs} ms`);
  if (report.intact && report.head.throughId !== '0') lines.push(`keep this line outside the database to detect a rewritten chain later: --expect ${report.head.throughId}:${report.head.hash}`);
  return lines.join('\n');
}
