import { LogController } from 'fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyChildLoggerFactory } from 'fastify/types/logger';
import type { Params } from 'nestjs-pino';
import pino, { Logger, LoggerOptions } from 'pino';
import { AppConfig } from '../config/app-config';

/**
 * Paths redacted from every log line: tokens, passwords, personal data (PIPL).
 * Request bodies are never logged.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.accessToken',
  '*.residentId',
  '*.idNumber',
  '*.phone',
  '*.mobile',
  '*.contactMobile',
];

/** Options of the application's pino logger: JSON lines, redacted, request as id + method + path only. */
export function pinoOptions(config: AppConfig): LoggerOptions {
  return {
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url?.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: pino.stdSerializers.err,
    },
  };
}

const rootLoggers = new WeakMap<AppConfig, Logger>();

/**
 * The application's one pino logger for `config`: Fastify logs through it (one child per
 * request, bound to `reqId`) and so does everything injected by nestjs-pino.
 */
export function rootLogger(config: AppConfig): Logger {
  let logger = rootLoggers.get(config);
  if (!logger) {
    logger = pino(pinoOptions(config));
    rootLoggers.set(config, logger);
  }
  return logger;
}

/**
 * nestjs-pino options: use Fastify's request logger (`useExisting`), so that Nest's `Logger`
 * and `PinoLogger` carry the request id inside a request, without a second per-request
 * logger (pino-http) on the hot path.
 */
export function loggerOptions(config: AppConfig): Params {
  return { pinoHttp: { logger: rootLogger(config) }, useExisting: true };
}

const { chindingsSym } = pino.symbols;

/**
 * Fastify's `childLoggerFactory`: the per-request child of the root logger, bound to its
 * request id. pino would pass the id through the redaction stringifier that the wildcard paths
 * of {@link REDACTED_PATHS} install for every binding (a path parse and a copy per request, on
 * every request, logged or not); a request id is one string, which no redacted path can match,
 * so it is appended to the child's serialized bindings as JSON directly. Any other bindings or
 * child options (route-level log settings) take pino's own `child()`.
 */
export function requestChildLogger(logger: Logger, bindings: Record<string, unknown>, options?: pino.ChildLoggerOptions): Logger {
  const keys = Object.keys(bindings);
  const reqId = bindings.reqId;
  if ((options && Object.keys(options).length > 0) || keys.length !== 1 || typeof reqId !== 'string') return logger.child(bindings, options);
  const child = logger.child({});
  (child as unknown as Record<symbol, string>)[chindingsSym] += `,"reqId":${JSON.stringify(reqId)}`;
  return child;
}

/** {@link requestChildLogger} as Fastify's `childLoggerFactory` (its logger is our pino root logger: `loggerInstance`). */
export const requestChildLoggerFactory: FastifyChildLoggerFactory = (logger, bindings, options) =>
  requestChildLogger(logger as unknown as Logger, bindings as Record<string, unknown>, options as pino.ChildLoggerOptions);

/** Level of the request line: error for 5xx (or a failed response), warn for 4xx, info otherwise. */
export function requestLogLevel(statusCode: number, failed: boolean): 'error' | 'warn' | 'info' {
  return failed || statusCode >= 500 ? 'error' : statusCode >= 400 ? 'warn' : 'info';
}

/**
 * Fastify's per-request log lines, lean on the hot path: no "incoming request" line, and one
 * "request completed" line per request (health probes excepted) with the request id, method,
 * path, status and response time in ms, built only when its level is enabled (at
 * LOG_LEVEL=warn a 200 costs a level check). Everything else as Fastify does it.
 */
export class RequestLogController extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'reqId' });
  }

  override incomingRequest(): void {
    // One line per request is enough: "request completed" says everything.
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const level = requestLogLevel(reply.statusCode, !!error);
    // Fastify's request logger is a child of our pino root logger (loggerInstance).
    if (!(request.log as Logger).isLevelEnabled(level) || request.url.startsWith('/health')) return;
    const line = { req: request, res: reply, responseTime: Math.round(reply.elapsedTime * 100) / 100 };
    if (error) request.log[level]({ ...line, err: error }, 'request errored');
    else request.log[level](line, 'request completed');
  }
}
