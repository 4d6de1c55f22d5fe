import type { IncomingMessage } from 'node:http';
import { Logger, ValidationPipe, VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { flattenValidationErrors, RequestValidationError } from './common/errors/validation';
import { sendProblem } from './common/errors/problem-details.filter';
import { requestIdOf } from './common/http/request-id';
import { RequestLogController, rootLogger } from './common/logging';
import { AppConfig } from './config/app-config';
import { setupOpenApi } from './openapi';

/** Largest accepted request body, in bytes. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * Build the Nest application on Fastify: global validation, problem+json everywhere
 * (also for routing and body-parsing errors), URI versioning (`/v1/...`), OpenAPI at `/docs`,
 * one pino logger (Fastify's, one line per request: see `RequestLogController`).
 * `preview` builds the module graph without connecting (OpenAPI generation).
 */
export async function createApp(config: AppConfig, options: { preview?: boolean; logger?: boolean } = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    loggerInstance: rootLogger(config),
    logController: new RequestLogController(),
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: (req: IncomingMessage) => requestIdOf(req),
    requestIdHeader: false,
    trustProxy: true,
    connectionTimeout: 30_000,
    requestTimeout: 30_000,
    return503OnClosing: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
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
  );
  const fastify = app.getHttpAdapter().getInstance();
  const logger = new Logger('HTTP');
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', requestIdOf(request.raw));
    done();
  });
  fastify.setErrorHandler((error, request, reply) => sendProblem(request, reply, error, logger));
  app.enableShutdownHooks();
  setupOpenApi(app);
  return app;
}
