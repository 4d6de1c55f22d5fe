import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/**
 * The install walk-through: its shell blocks (marked `<!-- walkthrough:run -->` or `walkthrough:cluster`)
 * hold kubectl and helm commands, which `npm run chart:check` (scripts/check-install-walkthrough.mjs, in
 * .ci/run) runs or checks against the rendered release.
 */
const WALKTHROUGH = 'docs/helm-install.md';

/** README.md, every page under docs/ and the client's README: the documentation a reader follows. */
function pages(): string[] {
  const docs = existsSync(path.join(ROOT, 'docs'))
    ? readdirSync(path.join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)
    : [];
  return ['README.md', 'clients/typescript/README.md', ...docs].sort();
}

/** The text outside fenced code blocks and inline code (links and headings live there). */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** The fenced code blocks of `markdown` with their info string. */
function fences(markdown: string): { lang: string; body: string; walkthrough: boolean }[] {
  return [...markdown.matchAll(/(<!-- walkthrough:\w+[^>]*-->\s*\n)?^```([^\n]*)\n([\s\S]*?)^```[ \t]*$/gm)].map((m) => ({ lang: m[2].trim(), body: m[3], walkthrough: Boolean(m[1]) }));
}

/** GitHub's heading anchors (github-slugger): lower case, punctuation dropped, spaces to `-`, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  const withoutFences = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '');
  for (const match of withoutFences.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const text = match[1]
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/[`*]/g, '')
      .replace(/<[^>]+>/g, '');
    const base = text.toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  // Explicit HTML anchors.
  for (const match of markdown.matchAll(/<a (?:name|id)="([^"]+)"/g)) result.add(match[1]);
  return result;
}

/** Every relative link of a page: `[text](target)`, targets without a scheme. */
function relativeLinks(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map((m) => m[1])
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

const scripts = Object.keys((JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);

describe('documentation links', () => {
  it('finds the pages', () => {
    expect(pages()).toEqual(expect.arrayContaining(['README.md', 'docs/integration.md', 'docs/operations.md', 'docs/registrars.md', 'docs/data-protection.md', 'docs/performance.md']));
  });

  it.each(pages())('%s: every relative link resolves to a file (and its #anchor to a heading)', (page) => {
    const markdown = readFileSync(path.join(ROOT, page), 'utf8');
    const broken: string[] = [];
    for (const link of relativeLinks(markdown)) {
      const [target, anchor] = link.split('#', 2) as [string, string | undefined];
      const file = target === '' ? page : path.posix.normalize(path.posix.join(path.posix.dirname(page), decodeURI(target)));
      const absolute = path.join(ROOT, file);
      if (!existsSync(absolute)) {
        broken.push(`${link}: ${file} does not exist`);
        continue;
      }
      if (anchor === undefined) continue;
      if (statSync(absolute).isDirectory() || !file.endsWith('.md')) {
        broken.push(`${link}: an anchor into ${file}, which is not a Markdown page`);
        continue;
      }
      if (!anchors(readFileSync(absolute, 'utf8')).has(decodeURI(anchor))) broken.push(`${link}: ${file} has no heading #${anchor}`);
    }
    expect(broken).toEqual([]);
  });

  it('computes anchors as GitHub does', () => {
    expect([...anchors('## `POST /v1/resolutions` — what may this platform user do?\n## Event feed (`GET /v1/events`, scope `orgbind:events.read`)\n## Lockout\n## Lockout\n')])
      .toEqual(['post-v1resolutions--what-may-this-platform-user-do', 'event-feed-get-v1events-scope-orgbindeventsread', 'lockout', 'lockout-1']);
  });
});

describe('commands shown in the documentation', () => {
  it.each(pages())('%s: every `npm run X` is a script of package.json', (page) => {
    const markdown = readFileSync(path.join(ROOT, page), 'utf8');
    const named = [...markdown.matchAll(/npm run(?:\s+(?:-s|--silent))?\s+([a-z](?:[\w:.-]*\w)?)/g)].map((m) => m[1]);
    expect(named.filter((name) => !scripts.includes(name))).toEqual([]);
  });

  it.each(pages())('%s: every `node dist/cli/X.js` is a CLI of src/cli/', (page) => {
    const markdown = readFileSync(path.join(ROOT, page), 'utf8');
    const clis = [...markdown.matchAll(/dist\/cli\/([\w-]+)\.js/g)].map((m) => m[1]);
    expect(clis.filter((cli) => !existsSync(path.join(ROOT, 'src/cli', `${cli}.ts`)))).toEqual([]);
  });

  it('the walk-through is the page npm run chart:check runs', () => {
    expect(readFileSync(path.join(ROOT, 'scripts/check-chart.sh'), 'utf8')).toContain(`node scripts/check-install-walkthrough.mjs ${WALKTHROUGH}`);
    expect(fences(readFileSync(path.join(ROOT, WALKTHROUGH), 'utf8')).filter((f) => f.walkthrough).length).toBeGreaterThan(4);
  });

  it.each(pages().filter((p) => p.startsWith('docs/') || p.startsWith('clients/')))('%s: shell blocks hold only npm commands (what tests and CI run)', (page) => {
    const markdown = readFileSync(path.join(ROOT, page), 'utf8');
    const others: string[] = [];
    const shell = fences(markdown).filter((f) => ['sh', 'bash', 'shell', 'console'].includes(f.lang));
    // Only the walk-through's marked blocks may hold other commands: CI runs or checks each of them.
    if (page !== WALKTHROUGH) expect(shell.filter((f) => f.walkthrough)).toEqual([]);
    for (const block of shell.filter((f) => !(page === WALKTHROUGH && f.walkthrough))) {
      for (const raw of block.body.split('\n')) {
        const line = raw.replace(/\s+#.*$/, '').trim();
        if (line === '' || line.startsWith('#')) continue;
        for (const command of line.split('&&').map((c) => c.trim().replace(/^([A-Z_]+=\S+\s+)+/, ''))) {
          if (!/^npm (ci|test|start|run(\s+-s)? [a-z][\w:.-]*)(\s|$)/.test(command)) others.push(command);
        }
      }
    }
    expect(others).toEqual([]);
  });
});
