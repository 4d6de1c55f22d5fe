import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { buildProblem, PROBLEM_CONTENT_TYPE } from './problem';
import { ErrorCode } from './error-codes';

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 413: 'Payload Too Large', 431: 'Request Header Fields Too Large' };

/**
 * Answer an HTTP parser error (before any request object exists) with a problem+json
 * response written to the socket, then close it. The language is zh-CN: headers were not
 * parsed; `typeBase` is the configured base or the relative `/problems/` (no Host header was
 * read). Mirrors Fastify's default client error handling otherwise.
 */
export function writeRawProblem(error: Error & { code?: string }, socket: Duplex, typeBase: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const problem = buildProblem({ code: ErrorCode.MALFORMED_REQUEST, typeBase, language: 'zh', requestId: randomUUID() });
  const body = JSON.stringify({ ...problem, status });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
