import { performance } from 'node:perf_hooks';

/** A pg-pool checkout callback: `(error, client, release)`. */
export type ConnectCallback = (error: Error | undefined, client?: unknown, release?: unknown) => void;

/** The one method of a `pg` Pool that {@link timePoolCheckouts} wraps. */
export interface ConnectingPool {
  connect(callback?: ConnectCallback): Promise<unknown> | undefined;
}

/**
 * Time every checkout from a `pg` Pool: `pool.connect` is replaced, once, by a wrapper that
 * calls `observe(seconds)` when the pool hands over a connection (or fails to), in both forms
 * of pg-pool's `connect`: the callback form, which its own `pool.query()` uses, and the promise
 * form (TypeORM's query runners). One closure and one number per checkout; nothing else.
 */
export function timePoolCheckouts(pool: ConnectingPool, observe: (seconds: number) => void): void {
  const connect = pool.connect.bind(pool);
  pool.connect = (callback?: ConnectCallback) => {
    const started = performance.now();
    if (callback) {
      return connect((error, client, release) => {
        observe((performance.now() - started) / 1000);
        callback(error, client, release);
      });
    }
    return connect()!.then(
      (client) => {
        observe((performance.now() - started) / 1000);
        return client;
      },
      (error: unknown) => {
        observe((performance.now() - started) / 1000);
        throw error;
      },
    );
  };
}
