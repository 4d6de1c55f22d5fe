/**
 * The load generator, run as a CHILD PROCESS of `npm run bench` (forked with an IPC channel)
 * so that it is measured apart from, and competes honestly with, the server under test.
 *
 * Modes:
 * - `saturate`: autocannon, closed loop, `connections` keep-alive connections, as fast as the
 *   server answers (peak requests/s);
 * - `paced`: an open-loop generator at a constant arrival rate (one request every 1/rate s,
 *   spread evenly), latency measured from each request's *scheduled* send time, so a stall
 *   shows up in the percentiles (no coordinated omission, as wrk2 does);
 * - `autocannon-rate`: autocannon with `overallRate` (for comparison: autocannon releases each
 *   connection's per-second quota back to back at the start of every second, so its "half
 *   rate" is a burst at full speed followed by idle time).
 * Every request carries the next token of the rotation (all users in turn); every response
 * body is checked for `"status":"BOUND"`.
 */
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { LatencySummary, round, Samples } from './lib/stats';

/** What the parent asks for. */
export interface LoadPhase {
  readonly mode: 'saturate' | 'paced' | 'autocannon-rate';
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly path: string;
  readonly tokensFile: string;
  readonly durationSeconds: number;
  readonly connections: number;
  /** Requests per second (paced and autocannon-rate). */
  readonly rate?: number;
}

/** What one phase measured. */
export interface LoadResult {
  readonly mode: LoadPhase['mode'];
  readonly durationSeconds: number;
  readonly connections: number;
  readonly targetRate: number | null;
  /** Responses received, any status. */
  readonly responses: number;
  /** 200 responses whose body says BOUND. */
  readonly bound: number;
  readonly non2xx: number;
  /** 2xx responses whose status was not BOUND. */
  readonly notBound: number;
  readonly errors: number;
  /** Requests still unanswered when the phase ended (paced mode). */
  readonly unanswered: number;
  /** Completed BOUND responses per second. */
  readonly requestsPerSecond: number;
  /** 2xx latency, milliseconds, exact from every response. */
  readonly latency: LatencySummary;
  /** autocannon's own figures (whole milliseconds; with coordinated-omission correction in rate mode). */
  readonly autocannon: { readonly p50: number; readonly p99: number; readonly averageRps: number } | null;
  /**
   * The load generator's own event-loop delay during the phase (ms): a stall here delays sending
   * and reading alike, and shows in the latency above although the server is not to blame.
   */
  readonly generatorEventLoopDelay: { readonly p99: number; readonly max: number };
}

type ParentMessage = { kind: 'run'; phase: LoadPhase } | { kind: 'exit' };
export type ChildMessage = { kind: 'progress'; elapsedSeconds: number; responses: number } | { kind: 'result'; result: LoadResult } | { kind: 'error'; message: string };

const tokenCache = new Map<string, string[]>();
function tokensOf(file: string): string[] {
  let tokens = tokenCache.get(file);
  if (!tokens) {
    tokens = JSON.parse(readFileSync(file, 'utf8')) as string[];
    if (tokens.length === 0) throw new Error('no tokens');
    tokenCache.set(file, tokens);
  }
  return tokens;
}

const BOUND_MARK = '"status":"BOUND"';

/** Rotation over all tokens; each phase continues where the last one stopped. */
let nextToken = 0;

function send(message: ChildMessage): void {
  process.send?.(message);
}

type Measured = Omit<LoadResult, 'generatorEventLoopDelay'>;

async function runAutocannon(phase: LoadPhase): Promise<Measured> {
  const tokens = tokensOf(phase.tokensFile);
  const latency = new Samples();
  let bound = 0;
  let notBound = 0;
  let responses = 0;
  let finish: (error: unknown, result: autocannon.Result) => void = () => undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = (error, result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result));
  });
  const instance = autocannon({
    url: phase.url,
    connections: phase.connections,
    duration: phase.durationSeconds,
    ...(phase.mode === 'autocannon-rate' && phase.rate ? { overallRate: phase.rate } : {}),
    requests: [
      {
        method: 'POST',
        path: phase.path,
        setupRequest: (request) => {
          const token = tokens[nextToken++ % tokens.length];
          return { ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } };
        },
        onResponse: (status: number, body: string) => {
          if (status >= 200 && status < 300) {
            if (body.includes(BOUND_MARK)) bound++;
            else notBound++;
          }
        },
      },
    ],
  }, (error, result) => finish(error, result));
  // autocannon 9 emits (client, statusCode, bytes, responseTimeMs) with sub-millisecond precision.
  (instance as unknown as NodeJS.EventEmitter).on('response', (_client: unknown, statusCode: number, _bytes: number, time: number) => {
    responses++;
    if (statusCode >= 200 && statusCode < 300) latency.add(time);
  });
  const started = Date.now();
  const ticker = setInterval(() => send({ kind: 'progress', elapsedSeconds: (Date.now() - started) / 1000, responses }), 1000);
  const result = await done.finally(() => clearInterval(ticker));
  const elapsed = result.duration || phase.durationSeconds;
  return {
    mode: phase.mode,
    durationSeconds: round(elapsed),
    connections: phase.connections,
    targetRate: phase.rate ?? null,
    responses,
    bound,
    non2xx: result.non2xx,
    notBound,
    errors: result.errors + result.timeouts,
    unanswered: 0,
    requestsPerSecond: round(bound / elapsed, 1),
    latency: latency.summary(),
    autocannon: { p50: result.latency.p50, p99: result.latency.p99, averageRps: result.requests.average },
  };
}

async function runPaced(phase: LoadPhase): Promise<Measured> {
  const tokens = tokensOf(phase.tokensFile);
  const rate = phase.rate ?? 1;
  const target = new URL(phase.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: phase.connections });
  const latency = new Samples();
  let bound = 0;
  let notBound = 0;
  let non2xx = 0;
  let errors = 0;
  let responses = 0;
  let inFlight = 0;
  const intervalNs = 1e9 / rate;
  const start = process.hrtime.bigint();
  const endNs = BigInt(Math.round(phase.durationSeconds * 1e9));
  let scheduled = 0;

  const fire = (intendedNs: bigint) => {
    inFlight++;
    const token = tokens[nextToken++ % tokens.length];
    const request = http.request(
      { agent, host: target.hostname, port: target.port, method: 'POST', path: phase.path, headers: { authorization: `Bearer ${token}` } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => {
          inFlight--;
          responses++;
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            latency.add(Number(process.hrtime.bigint() - intendedNs) / 1e6);
            if (Buffer.concat(chunks).includes(BOUND_MARK)) bound++;
            else notBound++;
          } else {
            non2xx++;
          }
        });
      },
    );
    request.on('error', () => {
      inFlight--;
      errors++;
    });
    request.end();
  };

  await new Promise<void>((resolve) => {
    const ticker = setInterval(() => send({ kind: 'progress', elapsedSeconds: Number(process.hrtime.bigint() - start) / 1e9, responses }), 1000);
    const pump = setInterval(() => {
      const elapsed = process.hrtime.bigint() - start;
      const horizon = elapsed < endNs ? elapsed : endNs;
      const due = Math.floor(Number(horizon) / intervalNs);
      while (scheduled < due) {
        fire(start + BigInt(Math.round(scheduled * intervalNs)));
        scheduled++;
      }
      if (elapsed >= endNs) {
        clearInterval(pump);
        clearInterval(ticker);
        resolve();
      }
    }, 1);
  });
  // Let the last requests finish (bounded), then count the rest as unanswered.
  const drainUntil = Date.now() + 5000;
  while (inFlight > 0 && Date.now() < drainUntil) await new Promise((r) => setTimeout(r, 10));
  agent.destroy();
  return {
    mode: 'paced',
    durationSeconds: phase.durationSeconds,
    connections: phase.connections,
    targetRate: rate,
    responses,
    bound,
    non2xx,
    notBound,
    errors,
    unanswered: inFlight,
    requestsPerSecond: round(bound / phase.durationSeconds, 1),
    latency: latency.summary(),
    autocannon: null,
  };
}

process.on('message', (message: ParentMessage) => {
  if (message.kind === 'exit') {
    process.exit(0);
  }
  const phase = message.phase;
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  (phase.mode === 'paced' ? runPaced(phase) : runAutocannon(phase)).then(
    (result) => {
      delay.disable();
      send({ kind: 'result', result: { ...result, generatorEventLoopDelay: { p99: round(delay.percentile(99) / 1e6), max: round(delay.max / 1e6) } } });
    },
    (error: unknown) => send({ kind: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
