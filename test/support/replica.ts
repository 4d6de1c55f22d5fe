import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { DevPlatform, startDevPlatform } from '../../src/dev-platform/dev-platform';
import { RELAXED_RATE_LIMITS, sendRequest, TEST_AUDIENCE, TEST_CLAIM_NAMES, TestResponse } from './test-app';

/**
 * Service processes for the deployment specs: the compiled service (`node main.js`, as in the
 * container) started as separate OS processes in production mode against the e2e database,
 * trusting one test platform. Several replicas share the database and the platform, as pods do.
 * Reusable: specs that check rules across replicas (one USCC one account, lockout, single
 * session) start two with {@link startReplicas}.
 */

const ROOT = path.resolve(__dirname, '../..');
/** Compiled output for the specs (not `dist/`, so a developer's build or `npm start` is left alone). */
export const BUILD_DIR = path.join(ROOT, 'node_modules/.cache/orgbind-e2e-build');
const LOCK_DIR = `${BUILD_DIR}.lock`;
const FORBID_DEV_MODULES = path.join(__dirname, 'forbid-dev-modules.cjs');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Compile the service (`tsc -p tsconfig.build.json`, incremental) into {@link BUILD_DIR}, once at a
 * time across jest workers (a lock folder). Up-to-date output takes a second or two.
 * @returns the path of the compiled `main.js`.
 */
export async function buildService(): Promise<string> {
  const main = path.join(BUILD_DIR, 'main.js');
  const stamp = path.join(BUILD_DIR, '.built');
  await acquireLock();
  try {
    const builtAt = await stat(stamp).then((s) => s.mtimeMs, () => 0);
    if (builtAt > (await newestSource()) && (await stat(main).then(() => true, () => false))) return main;
    await promisify(execFile)(
      process.execPath,
      [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', BUILD_DIR, '--tsBuildInfoFile', path.join(BUILD_DIR, '.tsbuildinfo')],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
    ).catch((error: { stdout?: string; message: string }) => {
      throw new Error(`compiling the service failed:\n${error.stdout ?? error.message}`);
    });
    await writeFile(stamp, new Date().toISOString());
  } finally {
    await rm(LOCK_DIR, { recursive: true, force: true });
  }
  return main;
}

/** Newest modification time of the sources and compiler settings the build reads. */
async function newestSource(): Promise<number> {
  const files = [path.join(ROOT, 'tsconfig.json'), path.join(ROOT, 'tsconfig.build.json'), path.join(ROOT, 'package-lock.json')];
  for (const entry of await readdir(path.join(ROOT, 'src'), { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts')) files.push(path.join(entry.parentPath, entry.name));
  }
  const times = await Promise.all(files.map((file) => stat(file).then((s) => s.mtimeMs, () => Date.now())));
  return Math.max(...times);
}

async function acquireLock(): Promise<void> {
  // The lock lives beside the build folder; on a fresh install neither it nor its parent
  // (`node_modules/.cache`) exists yet, whichever suite comes first.
  await mkdir(path.dirname(LOCK_DIR), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      await mkdir(LOCK_DIR, { recursive: false });
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
      const age = Date.now() - (await stat(LOCK_DIR).then((s) => s.mtimeMs, () => Date.now()));
      if (age > 180_000) await rm(LOCK_DIR, { recursive: true, force: true });
      if (attempt > 1500) throw new Error(`could not lock ${LOCK_DIR}`, { cause: error });
      await sleep(200);
    }
  }
}

/** The platform the replicas trust: a real OIDC provider in the test process, on a free port. */
export function startReplicaPlatform(): Promise<DevPlatform> {
  return startDevPlatform({
    port: 0,
    audience: TEST_AUDIENCE,
    claimNames: TEST_CLAIM_NAMES,
    logger: { warn: () => undefined, log: () => undefined },
  });
}

/** How a replica process ended. */
export interface ReplicaExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A running service process. */
export interface Replica {
  readonly name: string;
  readonly pid: number;
  /** `http://127.0.0.1:PORT` of the API. */
  readonly url: string;
  /** `http://127.0.0.1:PORT/metrics`. */
  readonly metricsUrl: string;
  /** Resolves when the process exits. */
  readonly exited: Promise<ReplicaExit>;
  /** Everything the process wrote (stderr and stdout), for assertions and failure messages. */
  output(): string;
  /** `fetch` against the API, body parsed. */
  request(path: string, init?: RequestInit & { token?: string; json?: unknown }): Promise<TestResponse>;
  /** The metrics exposition, parsed into `name{labels}` → value. */
  metrics(): Promise<Map<string, number>>;
  /** Send a signal (SIGTERM starts the graceful shutdown). */
  signal(signal: NodeJS.Signals): void;
  /** SIGTERM and wait for the exit (SIGKILL after `killAfterMs`). */
  stop(killAfterMs?: number): Promise<ReplicaExit>;
}

/** Settings of a replica beyond the defaults below (any service environment variable). */
export interface ReplicaOptions {
  readonly name?: string;
  readonly env?: Record<string, string>;
}

/**
 * Start one service process in production mode: `DATABASE_URL` is the e2e database, the platform
 * settings point at `platform`, ports are picked by the OS and read from the start-up log.
 * Development-only packages are forbidden in the process (test/support/forbid-dev-modules.cjs).
 */
export async function startReplica(platform: Pick<DevPlatform, 'issuer' | 'jwksUri'>, options: ReplicaOptions = {}): Promise<Replica> {
  const databaseUrl = process.env.ORGBIND_E2E_DATABASE_URL;
  if (!databaseUrl) throw new Error('ORGBIND_E2E_DATABASE_URL is not set: run through jest (global setup)');
  const main = await buildService();
  const name = options.name ?? 'replica';
  const child = spawn(process.execPath, ['--require', FORBID_DEV_MODULES, main], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      METRICS_HOST: '127.0.0.1',
      METRICS_PORT: '0',
      LOG_LEVEL: 'warn',
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: '10',
      PLATFORM_ISSUER: platform.issuer,
      PLATFORM_AUDIENCE: TEST_AUDIENCE,
      PLATFORM_JWKS_URI: platform.jwksUri,
      PLATFORM_ALGORITHMS: 'RS256',
      SHUTDOWN_DRAIN_DELAY_MS: '0',
      SHUTDOWN_TIMEOUT_MS: '10000',
      // Test-only keys (production requires both; the e2e database is throw-away).
      PERSONAL_DATA_HASH_KEY: 'orgbind-e2e-replica-resident-id-hash-key-0001',
      PERSONAL_DATA_ENCRYPTION_KEY: Buffer.alloc(32, 0x5a).toString('base64'),
      ...RELAXED_RATE_LIMITS,
      ...options.env,
    },
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<ReplicaExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const { url, metricsUrl } = await waitForListening(child, () => output, exited, name);
  return {
    name,
    pid: child.pid!,
    url,
    metricsUrl,
    exited,
    output: () => output,
    request: (requestPath, init = {}) => sendRequest(url, requestPath, init),
    metrics: async () => parseExposition(await (await fetch(metricsUrl)).text()),
    signal: (signal) => {
      child.kill(signal);
    },
    stop: async (killAfterMs = 30_000) => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** Start `count` replicas sharing the e2e database and `platform`. */
export function startReplicas(platform: Pick<DevPlatform, 'issuer' | 'jwksUri'>, count: number, options: ReplicaOptions = {}): Promise<Replica[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => startReplica(platform, { ...options, name: `${options.name ?? 'replica'}-${i + 1}` })));
}

/** Wait for a started service process to log its API and metrics URLs (60 s; kills it on failure). */
export async function waitForListening(child: ChildProcess, output: () => string, exited: Promise<ReplicaExit>, name: string): Promise<{ url: string; metricsUrl: string }> {
  let done = false;
  const early = exited.then((exit) => {
    if (!done) throw new Error(`${name} exited during start-up (code ${exit.code}, signal ${exit.signal}):\n${output()}`);
    return null;
  });
  const deadline = Date.now() + 60_000;
  try {
    while (Date.now() < deadline) {
      const text = output();
      const api = /listening on (http:\/\/\S+) /.exec(text);
      const metrics = /metrics at (http:\/\/\S+)/.exec(text);
      if (api && metrics) return { url: api[1], metricsUrl: metrics[1] };
      const exit = await Promise.race([early, sleep(50).then(() => undefined)]);
      if (exit === null) break;
    }
  } finally {
    done = true;
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not start within 60 s:\n${output()}`);
}

/** Prometheus text format → `name{label="v",…}` (labels as printed) → value. */
export function parseExposition(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^(\S+?(?:\{.*\})?)\s+(\S+)$/.exec(line);
    if (match) samples.set(match[1], Number(match[2]));
  }
  return samples;
}
