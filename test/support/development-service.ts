import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createScratchDatabase, ScratchDatabase } from './scratch-database';
import { buildService, ReplicaExit, waitForListening } from './replica';
import { RELAXED_RATE_LIMITS } from './test-app';

/**
 * The service as `npm start` runs it in development — the compiled `main.js` in development mode,
 * starting its own development platform (the real OIDC provider) and loading the sample registry —
 * but on a private scratch database, a private `DEV_DATA_DIR` and ports picked by the OS, so
 * that specs can run what a developer types (`npm run -s token …`, `curl …`) against it.
 */
export interface DevelopmentService {
  /** `http://127.0.0.1:PORT` of the API. */
  readonly url: string;
  /** The API port (what a developer's `PORT` would be). */
  readonly port: string;
  /** The service's `DEV_DATA_DIR`: where `npm run token` finds the development platform. */
  readonly dataDir: string;
  readonly database: ScratchDatabase;
  /** Everything the process wrote, for failure messages. */
  output(): string;
  /** Run a shell command (bash, `-euo pipefail`) as a developer would, in the repository, pointed at this service. */
  shell(command: string): Promise<ShellResult>;
  stop(): Promise<void>;
}

/** How a shell command ended. */
export interface ShellResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const ROOT = path.resolve(__dirname, '../..');

/** Start {@link DevelopmentService}. Stop it in `afterAll`. */
export async function startDevelopmentService(label: string, env: Readonly<Record<string, string>> = {}): Promise<DevelopmentService> {
  const [main, database, dataDir] = await Promise.all([
    buildService(),
    createScratchDatabase(label),
    mkdtemp(path.join(tmpdir(), `orgbind-${label}-`)),
  ]);
  // Node first on PATH: the one running the tests (Node 24), also for `npm run` scripts.
  const PATH = `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`;
  const child = spawn(process.execPath, [main], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: '0',
      METRICS_HOST: '127.0.0.1',
      METRICS_PORT: '0',
      LOG_LEVEL: 'warn',
      DATABASE_URL: database.url,
      DEV_DATA_DIR: dataDir,
      DEV_PLATFORM_PORT: '0',
      SHUTDOWN_DRAIN_DELAY_MS: '0',
      ...RELAXED_RATE_LIMITS,
      ...env,
    },
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<ReplicaExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let url: string;
  try {
    ({ url } = await waitForListening(child, () => output, exited, `development service (${label})`));
  } catch (error) {
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const port = new URL(url).port;
  return {
    url,
    port,
    dataDir,
    database,
    output: () => output,
    shell: (command) =>
      new Promise((resolve) => {
        execFile(
          'bash',
          ['-euo', 'pipefail', '-c', command],
          { cwd: ROOT, env: { PATH, HOME: process.env.HOME ?? tmpdir(), PORT: port, DEV_DATA_DIR: dataDir }, maxBuffer: 16 * 1024 * 1024, timeout: 170_000 },
          (error, stdout, stderr) => {
            const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
            resolve({ code, stdout, stderr });
          },
        );
      }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      try {
        await exited;
      } finally {
        clearTimeout(timer);
      }
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
