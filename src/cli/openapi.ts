import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createApp } from '../app.factory';
import { openApiConfig } from './openapi-config';
import { buildOpenApiDocument, serializeOpenApi } from '../openapi';

/** Write `openapi/openapi.json` from the code (no database or platform needed). */
async function main(): Promise<void> {
  const app = await createApp(openApiConfig(), { preview: true, logger: false });
  const document = buildOpenApiDocument(app);
  const target = path.resolve('openapi/openapi.json');
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, serializeOpenApi(document));
  await app.close();
  process.stderr.write(`wrote ${path.relative(process.cwd(), target)} (${Object.keys(document.paths).length} paths)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
