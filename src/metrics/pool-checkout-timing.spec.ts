import { ConnectCallback, timePoolCheckouts } from './pool-checkout-timing';

/** A pool that hands over a client (or an error) after `delayMs`, in pg-pool's two forms. */
function fakePool(delayMs: number, error?: Error) {
  return {
    connect(callback?: ConnectCallback): Promise<unknown> | undefined {
      if (callback) {
        setTimeout(() => callback(error, error ? undefined : 'client', () => undefined), delayMs);
        return undefined;
      }
      return new Promise((resolve, reject) => setTimeout(() => (error ? reject(error) : resolve('client')), delayMs));
    },
  };
}

describe('timePoolCheckouts', () => {
  it('times the callback form (pg-pool query()) and passes the client through', async () => {
    const pool = fakePool(20);
    const seen: number[] = [];
    timePoolCheckouts(pool, (s) => seen.push(s));
    const client = await new Promise((resolve) => pool.connect((_error, c) => resolve(c)));
    expect(client).toBe('client');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeGreaterThanOrEqual(0.015);
  });

  it('times the promise form, and a failed checkout too', async () => {
    const ok = fakePool(5);
    const failing = fakePool(5, new Error('timeout exceeded when trying to connect'));
    const seen: number[] = [];
    timePoolCheckouts(ok, (s) => seen.push(s));
    timePoolCheckouts(failing, (s) => seen.push(s));
    await expect(ok.connect()).resolves.toBe('client');
    await expect(failing.connect()).rejects.toThrow(/timeout/);
    expect(seen).toHaveLength(2);
  });
});
