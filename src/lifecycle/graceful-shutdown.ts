import { LifecycleState } from './lifecycle-state';

/** What the graceful shutdown needs from the running service. */
export interface GracefulShutdownOptions {
  readonly state: LifecycleState;
  /** How long readiness reports 503 while requests are still served, before the listener closes. */
  readonly drainDelayMs: number;
  /** Bound on waiting for in-flight requests once the listener is closing. */
  readonly timeoutMs: number;
  /**
   * Close the application: stop accepting, wait for in-flight requests, then release
   * resources (the database pool). `NestApplication.close()` does it in that order.
   */
  readonly close: () => Promise<void>;
  /** Cut every open connection (in-flight requests included): used when `timeoutMs` passes. */
  readonly forceCloseConnections: () => void;
  readonly log: (message: string) => void;
  /** Resolves after `ms`, or early when `signal` aborts. Injected by tests. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Exit status of a shutdown: 0 when every request finished, 1 when connections had to be cut or closing failed. */
export type ShutdownExitCode = 0 | 1;

/** How long to wait for the close to finish after connections were cut. */
const AFTER_FORCE_CLOSE_MS = 2000;

const defaultSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });

/**
 * The shutdown sequence on SIGTERM (a rolling upgrade, a scale-down, a node drain):
 *
 * 1. readiness turns false (`draining`) while requests are still served, for `drainDelayMs`, so
 *    that Kubernetes removes the pod from the Service's endpoints before it stops answering;
 * 2. the listener closes (`closing`): no new connections; in-flight requests finish;
 * 3. the database pool closes after the last request (Nest's shutdown order);
 * 4. if requests are still running after `timeoutMs`, their connections are cut.
 *
 * A second signal during the drain delay skips the rest of it (Ctrl-C twice).
 */
export class GracefulShutdown {
  private running: Promise<ShutdownExitCode> | null = null;
  private readonly hurry = new AbortController();
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(private readonly options: GracefulShutdownOptions) {
    this.sleep = options.sleep ?? defaultSleep;
  }

  /** Start the sequence (or, when it already runs, skip the rest of the drain delay). Resolves to the exit code. */
  shutdown(reason: string): Promise<ShutdownExitCode> {
    if (this.running) {
      if (this.options.state.phase === 'draining') {
        this.options.log(`${reason} again: skipping the rest of the drain delay`);
        this.hurry.abort();
      }
      return this.running;
    }
    this.running = this.run(reason);
    return this.running;
  }

  private async run(reason: string): Promise<ShutdownExitCode> {
    const { state, drainDelayMs, timeoutMs, log } = this.options;
    state.beginDrain(reason);
    if (drainDelayMs > 0) {
      log(`${reason}: readiness now reports 503; still serving for ${drainDelayMs} ms while traffic moves away`);
      await this.sleep(drainDelayMs, this.hurry.signal);
    }
    state.beginClose(reason);
    log(`${reason}: closing the listener; waiting up to ${timeoutMs} ms for in-flight requests`);
    const started = Date.now();
    const closing = this.options.close().then(
      () => 'closed' as const,
      (error: unknown) => {
        log(`shutdown: closing failed: ${error instanceof Error ? error.message : String(error)}`);
        return 'failed' as const;
      },
    );
    const deadline = new AbortController();
    const outcome = await Promise.race([closing, this.sleep(timeoutMs, deadline.signal).then(() => 'timeout' as const)]);
    deadline.abort();
    if (outcome === 'closed') {
      log(`shutdown: complete in ${Date.now() - started} ms (in-flight requests finished, database pool closed)`);
      return 0;
    }
    if (outcome === 'failed') return 1;
    log(`shutdown: requests still running after ${timeoutMs} ms; cutting their connections`);
    this.options.forceCloseConnections();
    const afterForce = new AbortController();
    const final = await Promise.race([closing, this.sleep(AFTER_FORCE_CLOSE_MS, afterForce.signal).then(() => 'timeout' as const)]);
    afterForce.abort();
    if (final !== 'closed') log('shutdown: the application did not finish closing; exiting anyway');
    return 1;
  }
}
