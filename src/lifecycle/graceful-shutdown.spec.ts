import { GracefulShutdown, GracefulShutdownOptions } from './graceful-shutdown';
import { LifecycleState } from './lifecycle-state';

/** A sleep the test ends by hand (no timers): each call is recorded with its duration. */
function manualSleep() {
  const calls: { ms: number; end: () => void }[] = [];
  const sleep = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve) => {
      calls.push({ ms, end: resolve });
      signal?.addEventListener('abort', () => resolve(), { once: true });
    });
  return { calls, sleep };
}

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

function setup(overrides: Partial<GracefulShutdownOptions> = {}) {
  const state = new LifecycleState();
  const { calls, sleep } = manualSleep();
  const closing = deferred();
  const events: string[] = [];
  const shutdown = new GracefulShutdown({
    state,
    drainDelayMs: 5000,
    timeoutMs: 20_000,
    close: () => {
      events.push(`close (phase ${state.phase})`);
      return closing.promise;
    },
    forceCloseConnections: () => events.push('force'),
    log: (message) => events.push(`log: ${message}`),
    sleep,
    ...overrides,
  });
  return { state, calls, closing, events, shutdown };
}

describe('GracefulShutdown', () => {
  it('turns readiness false first, drains, then closes and exits 0 when requests finish', async () => {
    const { state, calls, closing, events, shutdown } = setup();
    expect(state.acceptingTraffic).toBe(true);
    const exit = shutdown.shutdown('SIGTERM');
    expect(state.phase).toBe('draining');
    expect(state.acceptingTraffic).toBe(false);
    expect(state.shutdownReason).toBe('SIGTERM');
    expect(calls.map((c) => c.ms)).toEqual([5000]);
    expect(events.some((e) => e.startsWith('close'))).toBe(false);

    calls[0].end();
    await flush();
    expect(state.phase).toBe('closing');
    expect(events).toContain('close (phase closing)');
    expect(calls.map((c) => c.ms)).toEqual([5000, 20_000]);

    closing.resolve();
    await expect(exit).resolves.toBe(0);
    expect(events).not.toContain('force');
    expect(events.at(-1)).toMatch(/shutdown: complete/);
  });

  it('cuts connections when in-flight requests outlast the timeout, and exits 1', async () => {
    const { calls, closing, events, shutdown } = setup({ drainDelayMs: 0 });
    const exit = shutdown.shutdown('SIGTERM');
    await flush();
    expect(calls.map((c) => c.ms)).toEqual([20_000]);
    calls[0].end();
    await flush();
    expect(events).toContain('force');
    closing.resolve();
    await expect(exit).resolves.toBe(1);
    expect(events.join('\n')).toMatch(/requests still running after 20000 ms; cutting their connections/);
  });

  it('exits 1 even when the application never finishes closing', async () => {
    const { calls, events, shutdown } = setup({ drainDelayMs: 0 });
    const exit = shutdown.shutdown('SIGTERM');
    await flush();
    calls[0].end();
    await flush();
    calls[1].end();
    await expect(exit).resolves.toBe(1);
    expect(events.at(-1)).toMatch(/did not finish closing/);
  });

  it('exits 1 when closing fails', async () => {
    const { closing, events, shutdown } = setup({ drainDelayMs: 0 });
    const exit = shutdown.shutdown('SIGTERM');
    await flush();
    closing.reject(new Error('pool end failed'));
    await expect(exit).resolves.toBe(1);
    expect(events.join('\n')).toMatch(/closing failed: pool end failed/);
  });

  it('a second signal skips the rest of the drain delay and shares the outcome', async () => {
    const { state, calls, closing, events, shutdown } = setup();
    const first = shutdown.shutdown('SIGINT');
    expect(state.phase).toBe('draining');
    const second = shutdown.shutdown('SIGINT');
    await flush();
    expect(state.phase).toBe('closing');
    expect(events.join('\n')).toMatch(/SIGINT again: skipping the rest of the drain delay/);
    expect(calls).toHaveLength(2);
    closing.resolve();
    await expect(first).resolves.toBe(0);
    await expect(second).resolves.toBe(0);
  });

  it('skips the drain wait entirely when the delay is 0', async () => {
    const { state, calls, closing, shutdown } = setup({ drainDelayMs: 0 });
    const exit = shutdown.shutdown('SIGTERM');
    expect(state.phase).toBe('closing');
    expect(calls.map((c) => c.ms)).toEqual([20_000]);
    closing.resolve();
    await expect(exit).resolves.toBe(0);
  });
});

describe('LifecycleState', () => {
  it('only moves forward: running → draining → closing', () => {
    const state = new LifecycleState();
    state.beginClose('SIGTERM');
    expect(state.phase).toBe('closing');
    state.beginDrain('SIGINT');
    expect(state.phase).toBe('closing');
    expect(state.shutdownReason).toBe('SIGTERM');
  });
});
