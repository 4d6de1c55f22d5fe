/** A line-numbered note in an import report. */
export interface ImportLineNote {
  readonly line: number;
  readonly message: string;
}

/** What an import did: counts, and each warning and rejection with its line number. */
export interface ImportReport {
  readonly kind: string;
  readonly file: string;
  readonly encoding: string;
  readonly rows: number;
  readonly imported: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly warnings: readonly ImportLineNote[];
  readonly rejected: readonly ImportLineNote[];
  readonly durationMs: number;
}

/** Progress callback: rows done of total. */
export type ImportProgress = (done: number, total: number) => void;

/** The report as text for a terminal. */
export function formatImportReport(report: ImportReport): string {
  const lines = [
    `${report.kind} import of ${report.file} (${report.encoding}): ${report.rows} rows in ${(report.durationMs / 1000).toFixed(1)} s`,
    `  imported ${report.imported}, updated ${report.updated}, unchanged ${report.unchanged}, warnings ${report.warnings.length}, rejected ${report.rejected.length}`,
  ];
  for (const w of report.warnings) lines.push(`  warning  line ${w.line}: ${w.message}`);
  for (const r of report.rejected) lines.push(`  rejected line ${r.line}: ${r.message}`);
  return lines.join('\n');
}
