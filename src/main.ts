import 'reflect-metadata';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/app-config';
import { prepareRuntime } from './runtime';

/** Start the service: validate configuration, prepare the runtime, listen on HOST:PORT. */
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
  const app = await createApp(runtime.config);
  const stopRuntime = async () => runtime.stop();
  app.getHttpAdapter().getInstance().addHook('onClose', async () => stopRuntime());
  await app.listen({ port: runtime.config.http.port, host: runtime.config.http.host });
  const url = await app.getUrl();
  log(`listening on ${url} (ready in ${Date.now() - started} ms); API docs at ${url}/docs`);
  if (runtime.devPlatform) {
    log(`development platform (DEVELOPMENT ONLY) at ${runtime.devPlatform.issuer}; get a token with: npm run token -- --user-type legal_person --uscc 53210000MJ2831229F --name 辽宁省爱梦成真青年发展基金会`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[orgbind] start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
