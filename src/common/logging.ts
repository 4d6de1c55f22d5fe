import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { requestIdOf } from './http/request-id';

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

/** nestjs-pino options: JSON lines with the request id, lean on the hot path. */
export function loggerOptions(config: AppConfig): Params {
  return {
    forRoutes: [{ path: '*path', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.logLevel,
      genReqId: (req) => requestIdOf(req),
      redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url?.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      quietReqLogger: true,
    },
  };
}
