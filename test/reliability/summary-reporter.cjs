/* eslint-disable */
'use strict';
/**
 * Jest reporter: after the run, prints the reliability suite's summary (fuzzed requests,
 * concurrent races, token attacks, database faults, rate limits: run and held), read from the
 * tally files the specs wrote (test/reliability/support/tally.ts). Prints nothing when no
 * reliability spec ran. Plain CommonJS: jest loads reporters without the TypeScript transform.
 */
const fs = require('node:fs');
const path = require('node:path');

const TALLY_DIR = path.resolve(__dirname, '../../node_modules/.cache/orgbind-reliability');
const ORDER = ['fuzzed requests', 'concurrent races', 'token attacks', 'database faults', 'rate limits'];

class ReliabilitySummaryReporter {
  onRunStart() {
    fs.rmSync(TALLY_DIR, { recursive: true, force: true });
  }

  onRunComplete() {
    let files = [];
    try {
      files = fs.readdirSync(TALLY_DIR).filter((f) => f.endsWith('.json'));
    } catch {
      return;
    }
    if (files.length === 0) return;
    const rows = new Map();
    for (const file of files) {
      let record;
      try {
        record = JSON.parse(fs.readFileSync(path.join(TALLY_DIR, file), 'utf8'));
      } catch {
        continue;
      }
      const row = rows.get(record.category) ?? { run: 0, held: 0, checks: new Set() };
      row.run += record.run;
      row.held += record.held;
      row.checks.add(record.check);
      rows.set(record.category, row);
    }
    const lines = [['category', 'run', 'held', 'failed', 'checks']];
    let run = 0;
    let held = 0;
    for (const category of ORDER) {
      const row = rows.get(category) ?? { run: 0, held: 0, checks: new Set() };
      run += row.run;
      held += row.held;
      lines.push([category, String(row.run), String(row.held), String(row.run - row.held), String(row.checks.size)]);
    }
    lines.push(['total', String(run), String(held), String(run - held), '']);
    const widths = lines[0].map((_, i) => Math.max(...lines.map((l) => l[i].length)));
    const format = (l) => '| ' + l.map((cell, i) => (i === 0 || i === 4 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ') + ' |';
    const rule = '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|';
    const out = ['', 'Reliability and security suite', format(lines[0]), rule, ...lines.slice(1, -1).map(format), rule, format(lines[lines.length - 1]), ''];
    process.stdout.write(out.join('\n') + '\n');
  }
}

module.exports = ReliabilitySummaryReporter;
