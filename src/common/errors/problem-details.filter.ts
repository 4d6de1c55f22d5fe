import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from './domain-error';
import { ErrorCode } from './error-codes';
import { buildProblem, PROBLEM_CONTENT_TYPE, problemTypeBase } from './problem';
import { localizeFieldErrors, RequestValidationError } from './validation';
import { negotiateLanguage } from '../http/language';
import { requestIdOf } from '../http/request-id';

/** HTTP statuses raised by the framework itself (routing, body parsing) and our code for each. */
const FRAMEWORK_STATUS_CODES: Readonly<Record<number, ErrorCode>> = {
  400: ErrorCode.MALFORMED_REQUEST,
  404: ErrorCode.NOT_FOUND,
  405: ErrorCode.METHOD_NOT_ALLOWED,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  429: ErrorCode.TOO_MANY_REQUESTS,
  503: ErrorCode.SERVICE_UNAVAILABLE,
};

/**
 * Fastify decoration (on the root instance, so every encapsulation context sees it) holding
 * `PROBLEM_TYPE_BASE_URI`, or null when `type` URIs point at the service's own `/problems/`.
 */
export const PROBLEM_TYPE_BASE_DECORATION = 'orgbindProblemTypeBase';

/** The `type` URI prefix for answers to `request` (see {@link problemTypeBase}). */
export function problemTypeBaseFor(request: FastifyRequest): string {
  const configured = (request.server as unknown as Record<string, unknown> | undefined)?.[PROBLEM_TYPE_BASE_DECORATION];
  return problemTypeBase(typeof configured === 'string' ? configured : null, { protocol: request.protocol, host: request.host });
}

/** Seconds a client should wait before retrying when the database is unavailable. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * Whether `error` says the database is unreachable or too slow (not a bug in a query):
 * connection failures, pool acquisition timeouts, statement timeouts, the driver's own query
 * timeout (no answer at all: a network partition), server shutdown.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const candidates = [error, (error as { driverError?: unknown })?.driverError, (error as { cause?: unknown })?.cause];
  return candidates.some((e) => {
    if (!e || typeof e !== 'object') return false;
    const code = (e as { code?: unknown }).code;
    const message = String((e as { message?: unknown }).message ?? '');
    if (typeof code === 'string') {
      // 08xxx connection exception, 57014 statement timeout, 55P03 lock timeout, 57P01-57P03 shutdown/cannot connect now, 53300 too many connections
      if (/^08/.test(code) || ['57014', '55P03', '57P01', '57P02', '57P03', '53300', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(code)) return true;
    }
    return /timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error|connect ECONNREFUSED|Query read timeout/.test(message);
  });
}

/** Map any thrown value to a code, its params, extensions and headers. Unknown ⇒ INTERNAL_ERROR. */
export function classifyError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  if (isDatabaseUnavailable(error)) {
    return new DomainError(ErrorCode.SERVICE_UNAVAILABLE, {}, {}, { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) });
  }
  if (error instanceof ThrottlerException) return new DomainError(ErrorCode.TOO_MANY_REQUESTS, { retryAfterSeconds: 60 });
  const status = error instanceof HttpException
    ? error.getStatus()
    : typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number'
      ? error.statusCode
      : undefined;
  if (status !== undefined) {
    const code = FRAMEWORK_STATUS_CODES[status];
    if (code) return new DomainError(code);
    if (status >= 400 && status < 500) return new DomainError(ErrorCode.MALFORMED_REQUEST);
  }
  return new DomainError(ErrorCode.INTERNAL_ERROR);
}

/**
 * The one catch-all filter: every error leaves as RFC 9457 problem+json with a stable `code`,
 * the request id, and a message in the caller's language (zh-CN unless `Accept-Language`
 * prefers English). Unknown errors become a 500 that leaks nothing and are logged.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    sendProblem(request, reply, exception, this.logger);
  }
}

/** Write the problem response for `exception` (shared by the Nest filter and Fastify's error handler). */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, exception: unknown, logger: Logger): void {
  const error = classifyError(exception);
  const language = negotiateLanguage(request.headers['accept-language']);
  const requestId = requestIdOf(request.raw);
  const extensions: Record<string, unknown> = { ...error.extensions };
  if (error instanceof RequestValidationError) extensions.errors = localizeFieldErrors(error.fieldErrors, language);
  const problem = buildProblem({
    code: error.code,
    typeBase: problemTypeBaseFor(request),
    params: error.params,
    extensions,
    language,
    requestId,
    instance: request.url.split('?')[0],
  });
  if (problem.status >= 500) {
    logger.error({ err: loggableError(exception), requestId }, `request failed: ${error.code}`);
  }
  if (reply.sent) return;
  void reply
    .status(problem.status)
    .headers({ ...error.headers, 'content-type': PROBLEM_CONTENT_TYPE, 'content-language': language === 'en' ? 'en' : 'zh-CN' })
    .send(JSON.stringify(problem));
}

/**
 * What of an unexpected error goes to the log: name, message, code and stack — never the
 * SQL parameters or driver details a database error carries (they may hold personal data).
 */
export function loggableError(exception: unknown): Record<string, unknown> {
  if (!(exception instanceof Error)) return { message: String(exception) };
  const code = (exception as { code?: unknown }).code ?? (exception as { driverError?: { code?: unknown } }).driverError?.code;
  return { name: exception.name, message: exception.message, ...(code !== undefined ? { code } : {}), stack: exception.stack };
}
