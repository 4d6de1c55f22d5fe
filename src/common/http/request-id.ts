import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const REQUEST_ID = Symbol.for('orgbind.requestId');
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

type WithRequestId = IncomingMessage & { [REQUEST_ID]?: string };

/**
 * The request id of a raw request: the caller's `X-Request-Id` when it is a safe token
 * (1-128 of `A-Za-z0-9._:-`), else a new UUID. Computed once and remembered on the request,
 * so the HTTP framework, the logger and the error filter all report the same id.
 */
export function requestIdOf(raw: IncomingMessage): string {
  const req = raw as WithRequestId;
  const known = req[REQUEST_ID];
  if (known) return known;
  const header = raw.headers['x-request-id'];
  const candidate = Array.isArray(header) ? header[0] : header;
  const id = candidate && SAFE_ID.test(candidate) ? candidate : randomUUID();
  req[REQUEST_ID] = id;
  return id;
}
