import { Writable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Fastify from 'fastify';
import pino from 'pino';
import { loadConfig } from '../config/app-config';
import { pinoOptions, requestChildLogger, requestChildLoggerFactory, RequestLogController, requestLogLevel } from './logging';

function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: level });
  const logger = pino({ ...pinoOptions(config) }, stream);
  return { lines, logger };
}

function exchange(logger: pino.Logger, url: string, statusCode: number) {
  const request = { id: 'req-1', method: 'POST', url, log: logger.child({ reqId: 'req-1' }) } as unknown as FastifyRequest;
  const reply = { statusCode, elapsedTime: 3.14159 } as unknown as FastifyReply;
  return { request, reply };
}

describe('request logging', () => {
  const controller = new RequestLogController();

  it('writes one line per request with id, method, path without query, status and time', async () => {
    const { lines, logger } = capture('info');
    controller.incomingRequest();
    const { request, reply } = exchange(logger, '/v1/resolutions?x=secret', 200);
    controller.requestCompleted(null, request, reply);
    await new Promise((r) => setImmediate(r));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30, reqId: 'req-1', msg: 'request completed',
      req: { id: 'req-1', method: 'POST', url: '/v1/resolutions' }, res: { statusCode: 200 }, responseTime: 3.14,
    });
    expect(JSON.stringify(lines[0])).not.toContain('secret');
  });

  it('builds nothing for a 200 at LOG_LEVEL=warn, and still logs 4xx at warn and failures at error', async () => {
    const { lines, logger } = capture('warn');
    const ok = exchange(logger, '/v1/resolutions', 200);
    controller.requestCompleted(null, ok.request, ok.reply);
    const denied = exchange(logger, '/v1/resolutions', 401);
    controller.requestCompleted(null, denied.request, denied.reply);
    const failed = exchange(logger, '/v1/resolutions', 200);
    controller.requestCompleted(new Error('socket hang up'), failed.request, failed.reply);
    await new Promise((r) => setImmediate(r));
    expect(lines.map((l) => [l.level, l.msg])).toEqual([[40, 'request completed'], [50, 'request errored']]);
    expect(lines[1]).toMatchObject({ err: { message: 'socket hang up' } });
  });

  it('leaves health probes out', async () => {
    const { lines, logger } = capture('info');
    const probe = exchange(logger, '/health/ready', 200);
    controller.requestCompleted(null, probe.request, probe.reply);
    await new Promise((r) => setImmediate(r));
    expect(lines).toEqual([]);
  });

  it('maps statuses to levels', () => {
    expect([200, 302, 400, 404, 499, 500, 503].map((s) => requestLogLevel(s, false))).toEqual(['info', 'info', 'warn', 'warn', 'warn', 'error', 'error']);
    expect(requestLogLevel(200, true)).toBe('error');
  });

  it('binds a request\'s child logger to its id (as pino\'s child() would), and its lines are still redacted', async () => {
    const { lines, logger } = capture('info');
    const child = requestChildLogger(logger, { reqId: 'req-"quoted"-1' });
    child.info({ user: { password: 'p', phone: '13800000000' } }, 'inside');
    logger.child({ reqId: 'req-"quoted"-1' }).info({ user: { password: 'p', phone: '13800000000' } }, 'inside');
    await new Promise((r) => setImmediate(r));
    const [fast, pinos] = lines.map(({ time: _time, ...rest }) => rest);
    expect(fast).toEqual(pinos);
    expect(fast).toMatchObject({ reqId: 'req-"quoted"-1', msg: 'inside', user: { password: '[REDACTED]', phone: '[REDACTED]' } });
    expect(child.bindings()).toEqual({ reqId: 'req-"quoted"-1' });
  });

  it('is what Fastify binds each request\'s logger with: the request line and the handler\'s lines carry the request id', async () => {
    const { lines, logger } = capture('info');
    const app = Fastify({ loggerInstance: logger, logController: new RequestLogController(), childLoggerFactory: requestChildLoggerFactory, genReqId: () => 'req-fastify-1' });
    app.get('/x', async (request) => {
      request.log.info({ user: { token: 'secret' } }, 'in the handler');
      return { ok: true };
    });
    expect((await app.inject({ method: 'GET', url: '/x' })).statusCode).toBe(200);
    await app.close();
    await new Promise((r) => setImmediate(r));
    expect(lines.map((l) => [l.msg, l.reqId, (l.user as { token?: string } | undefined)?.token])).toEqual([['in the handler', 'req-fastify-1', '[REDACTED]'], ['request completed', 'req-fastify-1', undefined]]);
  });

  it('leaves other bindings and route-level child options to pino', async () => {
    const { lines, logger } = capture('info');
    requestChildLogger(logger, { reqId: 'r', extra: { token: 't' } }).info('two bindings');
    requestChildLogger(logger, { reqId: 'r' }, { level: 'warn' }).info('below the route\'s level');
    requestChildLogger(logger, { reqId: 42 }).info('not a string');
    await new Promise((r) => setImmediate(r));
    expect(lines.map((l) => [l.msg, l.reqId, l.extra])).toEqual([['two bindings', 'r', { token: '[REDACTED]' }], ['not a string', 42, undefined]]);
  });

  it('redacts secrets and personal data wherever they appear in a logged object', async () => {
    const { lines, logger } = capture('info');
    logger.info({ user: { password: 'p', residentId: '210302199001011234', phone: '13800000000' }, req: { headers: { authorization: 'Bearer x' } } }, 'x');
    await new Promise((r) => setImmediate(r));
    expect(JSON.stringify(lines[0])).not.toMatch(/Bearer x|210302199001011234|13800000000|"p"/);
  });
});
