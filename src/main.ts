import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/app-config';
import { GracefulShutdown } from './lifecycle/graceful-shutdown';
import { LifecycleState } from './lifecycle/lifecycle-state';
import { MetricsServer } from './metrics/metrics-server';
import { prepareRuntime } from './runtime';

/** Signals that start the graceful shutdown (Kubernetes sends SIGTERM; Ctrl-C is SIGINT). */
const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * Start the service: validate configuration, prepare the runtime, listen on HOST:PORT (and
 * the metrics listener), and shut down gracefully on SIGTERM/SIGINT (`src/lifecycle/`).
 */
async function main(): Promise<void> {
  const started = Date.now();
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const log = (message: string) => process.stderr.write(`[orgbind] ${message}\n`);
  if (!config.isProduction) log(`${config.env} mode: development defaults apply where nothing is configured`);
  const runtime = await prepareRuntime(config, log);
  let app: NestFastifyApplication | undefined;
  try {
    app = await createApp(runtime.config);
    await app.listen({ port: runtime.config.http.port, host: runtime.config.http.host });
  } catch (error) {
    await app?.close().catch(() => undefined);
    await runtime.stop();
    throw error;
  }
  const running = app;
  const shutdown = new GracefulShutdown({
    state: running.get(LifecycleState),
    drainDelayMs: config.shutdown.drainDelayMs,
    timeoutMs: config.shutdown.timeoutMs,
    close: async () => {
      await running.close();
      await runtime.stop();
    },
    forceCloseConnections: () => running.getHttpServer().closeAllConnections(),
    log,
  });
  for (const signal of SHUTDOWN_SIGNALS) {
    process.on(signal, () => {
      void shutdown.shutdown(signal).then((code) => process.exit(code));
    });
  }

  const url = await running.getUrl();
  log(`listening on ${url} (ready in ${Date.now() - started} ms); API docs at ${url}/docs`);
  const metricsUrl = running.get(MetricsServer).url;
  log(metricsUrl ? `metrics at ${metricsUrl}` : 'metrics disabled (METRICS_ENABLED=false)');
  if (runtime.devPlatform) {
    log(`development platform (DEVELOPMENT ONLY) at ${runtime.devPlatform.issuer}; get a token with: npm run -s token -- --user-type legal_person --uscc 53210000MJ2831229F --name 辽宁省爱梦成真青年发展基金会 (a user), or npm run -s token -- --service --scope orgbind:events.read (a service client; --help lists the scopes)`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[orgbind] start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
