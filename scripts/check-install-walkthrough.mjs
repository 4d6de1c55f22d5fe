#!/usr/bin/env node
/**
 * Run the install walk-through (docs/helm-install.md) the way CI can without a cluster.
 *
 * The page marks its blocks: `<!-- walkthrough:values FILE -->` (written to FILE), `<!-- walkthrough:run -->`
 * (commands that CI runs as they stand, with `--dry-run=client` added: `kubectl create …` prints the object,
 * `helm install` renders the release; `helm upgrade` is rendered as the install it would apply, since its
 * dry run needs the release history of a cluster) and `<!-- walkthrough:cluster -->` (commands that need a
 * cluster: every `kind/name` they name must exist in the rendered release, and their namespace must be the
 * release's). Every object printed is validated by scripts/validate-k8s-manifests.mjs and
 * scripts/check-chart-manifests.cjs.
 *
 * Usage: node scripts/check-install-walkthrough.mjs [docs/helm-install.md]   (helm and kubectl on PATH)
 * Prints what it did with each command; exits 1 on the first failure.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const page = path.resolve(process.argv[2] ?? path.join(ROOT, 'docs/helm-install.md'));
const text = readFileSync(page, 'utf8');
const work = mkdtempSync(path.join(tmpdir(), 'orgbind-walkthrough-'));
symlinkSync(path.join(ROOT, 'helm'), path.join(work, 'helm'));
const checker = createRequire(import.meta.url)('./check-chart-manifests.cjs');

const fail = (message) => {
  console.error(`walkthrough: FAILED: ${message}`);
  process.exit(1);
};
function sh(command) {
  try {
    return execFileSync('bash', ['-o', 'pipefail', '-c', command], { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    return fail(`"${command}" failed:\n${error.stderr || error.message}`);
  }
}

/** The marked blocks, in page order. */
const blocks = [...text.matchAll(/<!-- walkthrough:(\w+)(?: ([^\s>]+))? -->\s*\n```\w*\n([\s\S]*?)\n```/g)].map((m) => ({
  kind: m[1],
  file: m[2],
  body: m[3],
}));
if (!blocks.some((b) => b.kind === 'run') || !blocks.some((b) => b.kind === 'values')) fail(`${page} has no walkthrough blocks`);
const unmarked = [...text.matchAll(/(?<!-->\s*)\n```(?:sh|bash)\n/g)].length;
if (unmarked) fail(`${unmarked} shell block(s) in ${page} are not marked for CI`);

/** Shell commands of a block: continuation lines joined, comments dropped. */
const commandsOf = (body) => body.replace(/\\\n\s*/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));

let release; // { namespace, name, objects }
const printed = [];
const ran = [];

function validate(label, yamlText) {
  const file = path.join(work, `${printed.length}-${label.replace(/\W+/g, '-')}.yaml`);
  writeFileSync(file, yamlText);
  printed.push(file);
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/validate-k8s-manifests.mjs'), file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    fail(`${label}: the objects it prints do not validate:\n${error.stdout}`);
  }
}

function renderRelease(command) {
  const json = sh(`${command} --dry-run=client -o json`);
  const rendered = JSON.parse(json);
  const manifest = [rendered.manifest, ...rendered.hooks.map((h) => h.manifest)].join('\n---\n');
  validate(command.split(' ').slice(0, 2).join(' '), manifest);
  const objects = checker.parseManifests(manifest);
  const problems = checker.checkManifests(objects);
  if (problems.length) fail(`${command}: the chart's rules fail:\n${problems.join('\n')}`);
  return { namespace: rendered.namespace, name: rendered.name, objects };
}

const created = [];
/** Every secretKeyRef of the release's pods names a Secret the walk-through created, and a key it holds. */
function checkSecretReferences(objects) {
  for (const object of objects) {
    const pod = object.spec?.template?.spec;
    for (const container of pod?.containers ?? []) {
      for (const env of container.env ?? []) {
        const ref = env.valueFrom?.secretKeyRef;
        if (!ref) continue;
        const secret = created.find((o) => o.kind === 'Secret' && o.metadata?.name === ref.name);
        if (!secret) fail(`${object.kind}/${object.metadata.name} reads Secret ${ref.name}, which the walk-through does not create`);
        if (!(ref.key in (secret.data ?? {}))) fail(`${object.kind}/${object.metadata.name} reads key ${ref.key} of Secret ${ref.name}, which the walk-through does not set`);
      }
    }
  }
}

const ALIASES = { job: 'Job', deployment: 'Deployment', deploy: 'Deployment', service: 'Service', svc: 'Service', configmap: 'ConfigMap', pod: 'Pod' };
const namespaceOf = (command) => /(?:^|\s)(?:-n|--namespace)[ =](\S+)/.exec(command)?.[1];

for (const block of blocks) {
  if (block.kind === 'values') {
    writeFileSync(path.join(work, block.file), `${block.body}\n`);
    ran.push(['values', `${block.file} written`]);
    continue;
  }
  for (const command of commandsOf(block.body)) {
    if (block.kind === 'run') {
      if (/^kubectl .*\bcreate\b/.test(command)) {
        const output = sh(`${command} --dry-run=client -o yaml`);
        validate('kubectl create', output);
        created.push(...checker.parseManifests(output));
        ran.push([command, 'ran with --dry-run=client -o yaml; object validated']);
      } else if (/^helm install\b/.test(command)) {
        release = renderRelease(command);
        checkSecretReferences(release.objects);
        ran.push([command, `ran with --dry-run=client: ${release.objects.length} objects validated`]);
      } else if (/^helm upgrade\b/.test(command)) {
        if (!release) fail('helm upgrade before helm install');
        const upgraded = renderRelease(command.replace(/^helm upgrade( --install)?/, 'helm install'));
        if (upgraded.name !== release.name || upgraded.namespace !== release.namespace) fail(`${command}: another release or namespace than the install`);
        ran.push([command, `rendered as the install it applies (--dry-run=client): ${upgraded.objects.length} objects validated`]);
      } else {
        fail(`don't know how to run "${command}" without a cluster: mark its block walkthrough:cluster`);
      }
    } else if (block.kind === 'cluster') {
      if (!release) fail(`"${command}" comes before the install`);
      const namespace = namespaceOf(command);
      if (namespace !== release.namespace) fail(`"${command}": namespace ${namespace ?? '(none)'}, the release is in ${release.namespace}`);
      if (/^helm /.test(command) && !command.split(/\s+/).includes(release.name)) fail(`"${command}" does not name the release ${release.name}`);
      const references = [...command.matchAll(/\b([a-z]+)\/([a-z0-9][-a-z0-9]*)/g)].filter((m) => ALIASES[m[1]]);
      for (const [, alias, name] of references) {
        if (!release.objects.some((o) => o.kind === ALIASES[alias] && o.metadata?.name === name)) fail(`"${command}": the release has no ${ALIASES[alias]} ${name}`);
      }
      const selector = /-l (\S+)=(\S+)/.exec(command);
      if (selector && !release.objects.some((o) => o.metadata?.labels?.[selector[1]] === selector[2])) fail(`"${command}": no object carries ${selector[1]}=${selector[2]}`);
      ran.push([command, `needs a cluster: ${references.length ? references.map((r) => r[0]).join(', ') + ' found in the release' : 'release and namespace checked'}`]);
    } else {
      fail(`unknown block kind walkthrough:${block.kind}`);
    }
  }
}

console.log(`walkthrough: ${path.relative(ROOT, page)}`);
for (const [command, what] of ran) console.log(`  ${command.length > 90 ? `${command.slice(0, 87)}...` : command}\n      -> ${what}`);
console.log(`walkthrough: ${ran.length} steps checked`);
