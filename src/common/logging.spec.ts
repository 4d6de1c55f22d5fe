import { Writable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import pino from 'pino';
import { loadConfig } from '../config/app-config';
import { pinoOptions, RequestLogController, requestLogLevel } from './logging';

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

  it('redacts secrets and personal data wherever they appear in a logged object', async () => {
    const { lines, logger } = capture('info');
    logger.info({ user: { password: 'p', residentId: '210302199001011234', phone: '13800000000' }, req: { headers: { authorization: 'Bearer x' } } }, 'x');
    await new Promise((r) => setImmediate(r));
    expect(JSON.stringify(lines[0])).not.toMatch(/Bearer x|210302199001011234|13800000000|"p"/);
  });
});
