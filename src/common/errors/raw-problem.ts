import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { buildProblem, PROBLEM_CONTENT_TYPE } from './problem';
import { ErrorCode } from './error-codes';

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

/** The codes answered on the socket (their `type` may be relative: no Host header was read). */
export const RAW_PROBLEM_CODES: readonly ErrorCode[] = [ErrorCode.MALFORMED_REQUEST, ErrorCode.HEADERS_TOO_LARGE, ErrorCode.REQUEST_TIMEOUT];

/**
 * Answer an HTTP parser error (before any request object exists) with a problem+json
 * response written to the socket, then close it: 431 `HEADERS_TOO_LARGE`, 408 `REQUEST_TIMEOUT`,
 * else 400 `MALFORMED_REQUEST`. The language is zh-CN: headers were not
 * parsed; `typeBase` is the configured base or the relative `/problems/` (no Host header was
 * read). Mirrors Fastify's default client error handling otherwise.
 */
export function writeRawProblem(error: Error & { code?: string }, socket: Duplex, typeBase: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const code = error.code === 'HPE_HEADER_OVERFLOW' ? ErrorCode.HEADERS_TOO_LARGE : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? ErrorCode.REQUEST_TIMEOUT : ErrorCode.MALFORMED_REQUEST;
  const problem = buildProblem({ code, typeBase, language: 'zh', requestId: randomUUID() });
  const body = JSON.stringify(problem);
  socket.end(
    `HTTP/1.1 ${problem.status} ${STATUS_TEXT[problem.status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
