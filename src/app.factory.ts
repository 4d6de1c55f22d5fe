import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger, ValidationPipe, VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppModule, AppOverrides } from './app.module';
import { flattenValidationErrors, RequestValidationError } from './common/errors/validation';
import { PROBLEM_TYPE_BASE_DECORATION, sendProblem } from './common/errors/problem-details.filter';
import { problemTypeBase } from './common/errors/problem';
import { DomainError } from './common/errors/domain-error';
import { ErrorCode } from './common/errors/error-codes';
import { AllowedMethods, setAllowHeader } from './common/http/allowed-methods';
import { NulCharacterPipe } from './common/http/nul-character.pipe';
import { requestIdOf } from './common/http/request-id';
import { negotiateLanguage } from './common/http/language';
import { writeRawProblem } from './common/errors/raw-problem';
import { registerSecurityHeaders, SECURITY_HEADERS } from './common/http/security-headers';
import { RequestLogController, requestChildLoggerFactory, rootLogger } from './common/logging';
import { AppConfig } from './config/app-config';
import { LifecycleState } from './lifecycle/lifecycle-state';
import { installHttpMetrics } from './metrics/http-metrics';
import { MetricsService } from './metrics/metrics.service';
import { setupOpenApi } from './openapi';

/** Largest accepted request body, in bytes. */
export const BODY_LIMIT_BYTES = 64 * 1024;

const frameworkLogger = new Logger('HTTP');

/** The request id, no caching, and the negotiated language (zh-CN unless `Accept-Language` prefers en): on every response. */
function responseHeaders(request: FastifyRequest): Record<string, string> {
  return {
    'x-request-id': requestIdOf(request.raw),
    'cache-control': 'no-store',
    vary: 'Accept-Language',
    'content-language': negotiateLanguage(request.headers['accept-language']) === 'en' ? 'en' : 'zh-CN',
  };
}

/**
 * Build the Nest application on Fastify: global validation, problem+json everywhere
 * (also for routing and body-parsing errors), URI versioning (`/v1/...`), OpenAPI at `/docs`,
 * security headers, request timeouts, HTTP metrics, and the shutdown behaviour of the
 * lifecycle phases (draining: `Connection: close`; closing: 503 problem+json), and
 * one pino logger (Fastify's, one line per request: see `RequestLogController`).
 * `preview` builds the module graph without connecting (OpenAPI generation).
 * Signals are not handled here: `main.ts` installs the graceful shutdown.
 */
export async function createApp(
  config: AppConfig,
  options: { preview?: boolean; logger?: boolean; overrides?: AppOverrides } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    loggerInstance: rootLogger(config),
    logController: new RequestLogController(),
    childLoggerFactory: requestChildLoggerFactory,
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: (req: IncomingMessage) => requestIdOf(req),
    requestIdHeader: false,
    trustProxy: config.http.trustProxy,
    requestTimeout: config.http.requestTimeoutMs,
    handlerTimeout: config.http.handlerTimeoutMs,
    keepAliveTimeout: config.http.keepAliveTimeoutMs,
    // Socket inactivity backstop; idle keep-alive sockets are closed by keepAliveTimeout first.
    connectionTimeout: config.http.keepAliveTimeoutMs + 5000,
    // Our own onRequest hook answers requests during shutdown, as problem+json.
    return503OnClosing: false,
    // Errors the router raises before any route or hook (malformed URL, over-long parameter):
    // no onRequest hook ran, so they get the headers of every response here.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      void reply.headers(SECURITY_HEADERS).headers(responseHeaders(request));
      sendProblem(request, reply, error, frameworkLogger);
    },
    // Errors of the HTTP parser (431 headers too large, unknown method, garbage): answered
    // on the socket itself, still as problem+json.
    clientErrorHandler: (error: Error, socket: Duplex) => writeRawProblem(error, socket, problemTypeBase(config.problemTypeBaseUri)),
    // Node would answer an HTTP/1.1 request without Host with a bare 400; our onRequest hook answers it as problem+json.
    http: { requireHostHeader: false },
  });
  adapter.getInstance().decorate(PROBLEM_TYPE_BASE_DECORATION, config.problemTypeBaseUri);
  const allowedMethods = new AllowedMethods();
  allowedMethods.collectFrom(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options.overrides), adapter, {
    bufferLogs: true,
    preview: options.preview ?? false,
    abortOnError: false,
    logger: options.logger === false ? false : undefined,
  });
  if (!options.preview && options.logger !== false) app.useLogger(app.get(PinoLogger));
  app.enableVersioning({ type: VersioningType.URI });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
      exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
    }),
    new NulCharacterPipe(),
  );
  // First of the onRequest hooks: also the problems our own hook answers early (405, 503) carry them.
  registerSecurityHeaders(app);
  const fastify = app.getHttpAdapter().getInstance();
  const lifecycle = options.preview ? new LifecycleState() : app.get(LifecycleState);
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(responseHeaders(request));
    // RFC 9112 §3.2: an HTTP/1.1 request without (or with an empty) Host is a 400.
    if (request.raw.httpVersion === '1.1' && !request.headers.host) return sendProblem(request, reply, new DomainError(ErrorCode.MALFORMED_REQUEST), frameworkLogger);
    // RFC 9110 §15.5.6: the path exists, not for this method.
    const allowed = allowedMethods.methodNotAllowed(request);
    if (allowed) {
      setAllowHeader(reply, allowed);
      return sendProblem(request, reply, new DomainError(ErrorCode.METHOD_NOT_ALLOWED), frameworkLogger);
    }
    if (lifecycle.phase === 'running') return done();
    // Shutting down: ask keep-alive clients to reconnect (through the Service, to another replica).
    void reply.header('connection', 'close');
    if (lifecycle.phase === 'draining') return done();
    sendProblem(request, reply, new DomainError(ErrorCode.SERVICE_UNAVAILABLE, {}, {}, { 'retry-after': '1' }), frameworkLogger);
  });
  if (!options.preview) installHttpMetrics(fastify, app.get(MetricsService));
  setupOpenApi(app);
  return app;
}
