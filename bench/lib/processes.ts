import { ChildProcess, fork, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import type { ChildMessage, LoadPhase, LoadResult } from '../load-generator';
import { Log, timedBar } from './progress';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on every Linux we run on). */
const USER_HZ = 100;

/** A server under test, running in its own process. */
export interface ServerProcess {
  readonly label: string;
  readonly pid: number;
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** Bytes the process wrote to stdout (its logs) so far. */
  stdoutBytes(): number;
  /** The first match of `pattern` in what the process wrote on stderr, once it has (rejects after `timeoutMs`). */
  stderrMatch(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  stop(): Promise<void>;
}

/**
 * Start `node <script>` with exactly `env` (plus PATH) and wait for its
 * "listening on http://…" line on stderr. Its stdout (JSON log lines) is drained and counted,
 * as a container runtime would collect it.
 */
export async function startServer(label: string, script: string, env: Record<string, string>, log: Log, nodeArgs: string[] = []): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...nodeArgs, script], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdoutBytes = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    stdoutBytes += chunk.length;
  });
  const stderr: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} did not start within 60 s:\n${stderr.join('')}`)), 60_000);
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      stderr.push(text);
      const match = /listening on (http:\/\/[^\s]+)/.exec(stderr.join(''));
      if (match) {
        clearTimeout(timer);
        resolve(match[1].replace('localhost', '127.0.0.1'));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited with code ${code} before listening:\n${stderr.join('')}`));
    });
  });
  log(`${label}: pid ${child.pid} listening on ${url}`);
  const stderrMatch = (pattern: RegExp, timeoutMs = 10_000) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(stderr.join(''));
        if (!match) return false;
        clearTimeout(timer);
        child.stderr.off('data', onData);
        resolve(match);
        return true;
      };
      // The listener above, registered first, has already added the chunk to `stderr`.
      const onData = () => void check();
      const timer = setTimeout(() => {
        child.stderr.off('data', onData);
        reject(new Error(`${label} wrote no ${pattern} on stderr within ${timeoutMs} ms`));
      }, timeoutMs);
      if (!check()) child.stderr.on('data', onData);
    });
  return {
    label,
    pid: child.pid!,
    url,
    stdoutBytes: () => stdoutBytes,
    stderrMatch,
    stop: () => stopChild(child),
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Resident set size now and its high-water mark (peak since the process started), in MB. */
export function memoryOf(pid: number): { rssMb: number; peakRssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rssMb: Math.round(kb('VmRSS') / 102.4) / 10, peakRssMb: Math.round(kb('VmHWM') / 102.4) / 10 };
}

function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null; // gone
  }
}

/** CPU seconds (user + system) a process has used. */
export function cpuSecondsOf(pid: number): number {
  const fields = statFields(pid);
  return fields ? (Number(fields[11]) + Number(fields[12])) / USER_HZ : 0;
}

/**
 * CPU seconds of a process and its children (live ones, plus the exited ones it waited for):
 * e.g. a PostgreSQL postmaster and its backends.
 */
export function processTreeCpuSeconds(rootPid: number): number {
  const root = statFields(rootPid);
  if (!root) return 0;
  let total = Number(root[11]) + Number(root[12]) + Number(root[13]) + Number(root[14]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    if (fields && Number(fields[1]) === rootPid) total += Number(fields[11]) + Number(fields[12]);
  }
  return total / USER_HZ;
}

/** True while the process exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Busy and total CPU seconds of the whole machine (all cores). */
export function machineCpuSeconds(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  const idle = values[3] + (values[4] ?? 0);
  return { busy: (total - idle) / USER_HZ, total: total / USER_HZ };
}

/** The load generator child process. */
export class LoadGenerator {
  private constructor(private readonly child: ChildProcess) {}

  /** Fork the load generator (compiled `load-generator.js` beside this file's folder). */
  static start(script: string): LoadGenerator {
    const child = fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return new LoadGenerator(child);
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Run one phase and return its result, with a timed progress bar. */
  run(label: string, phase: LoadPhase): Promise<LoadResult> {
    const bar = timedBar(label, phase.durationSeconds);
    return new Promise<LoadResult>((resolve, reject) => {
      const onMessage = (message: ChildMessage) => {
        if (message.kind === 'progress') return;
        this.child.off('message', onMessage);
        bar.stop();
        if (message.kind === 'result') resolve(message.result);
        else reject(new Error(`load generator: ${message.message}`));
      };
      this.child.on('message', onMessage);
      this.child.send({ kind: 'run', phase });
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ kind: 'exit' });
    await exited;
  }
}
