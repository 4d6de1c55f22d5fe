#!/usr/bin/env node
/**
 * Remove, after `npm ci --omit=dev`, the packages npm keeps only because they are optional in
 * the production tree while being dev dependencies of this project ("devOptional" in
 * package-lock.json: TypeScript, @types/node, gRPC/protobuf pulled in as optional peers).
 * Optional means the production code runs without them; a production-only install would not
 * have them. Platform-specific native packages (with `os`/`cpu` in the lockfile, e.g. the
 * argon2 binary) are always kept.
 *
 * Usage (the container build): node scripts/prune-dev-optional.cjs [DIR]   (default: .)
 * Prints what it removed and the total, on stderr.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

function pruneDevOptional(dir) {
  const lock = JSON.parse(fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8'));
  const removed = [];
  for (const [location, entry] of Object.entries(lock.packages ?? {})) {
    if (!location || !entry.devOptional || entry.os || entry.cpu) continue;
    const target = path.join(dir, location);
    if (!fs.existsSync(target)) continue;
    fs.rmSync(target, { recursive: true, force: true });
    removed.push(location);
  }
  return removed;
}

module.exports = { pruneDevOptional };

if (require.main === module) {
  const dir = path.resolve(process.argv[2] ?? '.');
  const removed = pruneDevOptional(dir);
  for (const location of removed) process.stderr.write(`pruned ${location}\n`);
  process.stderr.write(`prune-dev-optional: removed ${removed.length} optional packages that only development needs\n`);
}
