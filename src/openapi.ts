import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ERROR_CATALOG } from './common/errors/error-catalog';
import { ErrorCode } from './common/errors/error-codes';
import { PROBLEM_TYPES_PATH, problemTypeName } from './common/errors/problem';
import { ProblemDocumentDto } from './common/errors/problem.dto';

/**
 * Build the OpenAPI 3.1 document of the service (deterministic: keys sorted). It passes
 * Redocly's `recommended-strict` rules (`redocly.yaml`, run by `.ci/run`), so that client
 * generators of other languages (openapi-generator `java`, clients/typescript/) accept it.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('orgbind')
    .setDescription(
      'Identity binding for the Liaoning social-organization management system: resolves a provincial ' +
        'platform login to the organization account the user may act as, or what the user must do first. ' +
        'Errors are RFC 9457 problem+json with a stable `code`; messages are zh-CN unless `Accept-Language: en`.',
    )
    .setVersion('1')
    // package.json: "license": "UNLICENSED" (not released to the public). A license object has a name only.
    .setLicense('UNLICENSED', '')
    // Paths are relative to wherever the service is deployed (the management system configures the base URL).
    .addServer('/', 'This orgbind deployment (paths are relative to its base URL)')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Platform access token (OIDC/JWT).' }, 'platform')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Service-client access token from the platform (client credentials) with the required `scope`.' }, 'service')
    .addGlobalResponse(
      { status: 400, description: 'MALFORMED_REQUEST or VALIDATION_FAILED (problem+json with `errors`)', type: ProblemDocumentDto },
      { status: 413, description: 'PAYLOAD_TOO_LARGE (bodies over 64 KiB)', type: ProblemDocumentDto },
      { status: 415, description: 'UNSUPPORTED_MEDIA_TYPE (send application/json)', type: ProblemDocumentDto },
      { status: 500, description: 'INTERNAL_ERROR: nothing leaked; quote the requestId', type: ProblemDocumentDto },
      { status: 503, description: 'SERVICE_UNAVAILABLE: the database is unavailable; retry after `Retry-After` seconds', type: ProblemDocumentDto },
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controller, method) => method,
  });
  // DocumentBuilder writes `url: ''` beside the name; an empty URL is not a valid `uri`.
  if (document.info.license) document.info.license = { name: document.info.license.name };
  (document as OpenAPIObject & { 'x-problem-types'?: unknown })['x-problem-types'] = problemTypesExtension();
  return sortKeys(document) as OpenAPIObject;
}

/**
 * `x-problem-types`: every problem type the service answers with, from the error catalog (code,
 * HTTP status, the path of its page, its title in both languages). The `type` URI of an answer
 * is that path on the deployment (or under `PROBLEM_TYPE_BASE_URI`); see ProblemDocumentDto.
 */
export function problemTypesExtension(): Array<{ code: string; status: number; type: string; title: { 'zh-CN': string; en: string } }> {
  return (Object.keys(ERROR_CATALOG) as ErrorCode[]).map((code) => ({
    code,
    status: ERROR_CATALOG[code].status,
    type: `${PROBLEM_TYPES_PATH}${problemTypeName(code)}`,
    title: { 'zh-CN': ERROR_CATALOG[code].title.zh, en: ERROR_CATALOG[code].title.en },
  }));
}

/** Serve the document at `/docs` (UI) and `/docs/openapi.json`. */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs/openapi.json', yamlDocumentUrl: 'docs/openapi.yaml' });
}

/** Recursively sort object keys so that the generated file is stable. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/** The document as written to `openapi/openapi.json`. */
export function serializeOpenApi(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
