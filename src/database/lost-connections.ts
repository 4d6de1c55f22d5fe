import { DataSource, QueryRunner } from 'typeorm';

/** The parts of TypeORM's PostgreSQL query runner this module adjusts (private in its typings). */
interface RunnerInternals {
  releasePostgresConnection(err?: unknown): Promise<void>;
  releaseCallback?: (err: unknown) => void;
  connect(): Promise<unknown>;
}

/** The pg driver's client-side query timeout (`query_timeout`): the server never answered. */
function isQueryReadTimeout(error: unknown): boolean {
  const candidates = [error, (error as { driverError?: unknown })?.driverError];
  return candidates.some((e) => e instanceof Error && e.message === 'Query read timeout');
}

/**
 * Make a connection lost in the middle of a unit of work fail as what it is.
 *
 * TypeORM releases a query runner as soon as its connection emits `error` (the server terminated
 * it, the network reset it). A transaction that was between two statements at that moment then
 * fails on its next statement with `QueryRunnerAlreadyReleasedError` — an unknown error, so a
 * 500 — instead of the connection error (a 503 with Retry-After; found by the reliability suite's
 * `pg_terminate_backend` fault). Here a runner whose connection failed hands the broken client
 * back to the pool (which discards it) but stays open to its owner, and every later use of it
 * (a statement, the rollback, a nested transaction) rejects with the connection's own error; the
 * owner's `release()` then ends it as usual. A statement the driver gave up on (no answer within
 * `query_timeout`: a network partition) marks its connection lost the same way. A runner released by its owner still reports
 * `QueryRunnerAlreadyReleasedError` on misuse (a bug stays a 500).
 */
export function reportLostConnections(dataSource: DataSource): DataSource {
  const driver = dataSource.driver as unknown as { createQueryRunner(mode: string): QueryRunner };
  const create = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode: string) => {
    const runner = create(mode);
    const internals = runner as unknown as RunnerInternals;
    const release = internals.releasePostgresConnection.bind(runner);
    const connect = internals.connect.bind(runner);
    let lost: { error: unknown } | undefined;
    internals.releasePostgresConnection = async (err?: unknown) => {
      if (err !== undefined && !runner.isReleased && !lost) {
        lost = { error: err };
        internals.releaseCallback?.(err);
        internals.releaseCallback = undefined;
        return;
      }
      await release(err);
    };
    internals.connect = () => (lost ? Promise.reject(lost.error instanceof Error ? lost.error : new Error(String(lost.error))) : connect());
    // A statement that got no answer within the driver's query_timeout leaves its connection
    // waiting for that answer: the connection is treated as lost, so that it is discarded rather
    // than handed to the next request, and the rollback fails at once instead of timing out too.
    const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
    (runner as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = async (...args: unknown[]) => {
      try {
        return await query(...args);
      } catch (error) {
        if (isQueryReadTimeout(error)) await internals.releasePostgresConnection(error);
        throw error;
      }
    };
    return runner;
  };
  return dataSource;
}
