import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createApp } from '../../src/app.factory';
import { openApiConfig } from '../../src/cli/openapi-config';
import { buildOpenApiDocument, serializeOpenApi } from '../../src/openapi';

/** openapi/openapi.json is generated from the code (`npm run openapi`); it must not drift. */
describe('openapi/openapi.json', () => {
  it('matches the document generated from the code', async () => {
    const app = await createApp(openApiConfig(), { preview: true, logger: false });
    try {
      const generated = serializeOpenApi(buildOpenApiDocument(app));
      const checkedIn = readFileSync(path.resolve(__dirname, '../../openapi/openapi.json'), 'utf8');
      if (generated !== checkedIn) {
        throw new Error('openapi/openapi.json is out of date: run `npm run openapi` and commit the result');
      }
      expect(JSON.parse(checkedIn).paths['/v1/resolutions'].post.operationId).toBe('createResolution');
    } finally {
      await app.close();
    }
  });
});
