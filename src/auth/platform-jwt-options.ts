import { KeyObject } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ExtractJwt, StrategyOptionsWithoutRequest } from 'passport-jwt';
import { AppConfig } from '../config/app-config';
import { JwksKeyStore } from './jwks-key-store';

/** Marks a failure that happened while resolving the key (oversized token, bad header, unknown kid). */
export class TokenKeyError extends Error {}

/**
 * passport-jwt options shared by user and service-client tokens: bearer token, key from the
 * platform's JWKS by `kid` (oversized tokens refused unread), algorithm allow-list (asymmetric
 * only), issuer, audience, bounded clock skew.
 */
export function platformJwtOptions(config: AppConfig, keys: JwksKeyStore): StrategyOptionsWithoutRequest {
  const { issuer, audience, algorithms, clockSkewSeconds, maxTokenBytes } = config.platform;
  return {
    jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
    secretOrKeyProvider: (_req: FastifyRequest, rawJwt: string, done: (err: unknown, key?: string) => void) => {
      if (Buffer.byteLength(rawJwt) > maxTokenBytes) {
        done(new TokenKeyError('token too large'));
        return;
      }
      const failed = (error: unknown) => done(new TokenKeyError(error instanceof Error ? error.message : 'key resolution failed'));
      let key: KeyObject | Promise<KeyObject>;
      try {
        key = keys.keyFor(rawJwt);
      } catch (error) {
        failed(error);
        return;
      }
      // jsonwebtoken 9 takes a KeyObject as is; @types/passport-jwt only names string | Buffer.
      if (key instanceof KeyObject) done(null, key as unknown as string);
      else key.then((resolved) => done(null, resolved as unknown as string), failed);
    },
    issuer,
    audience,
    algorithms: [...algorithms] as never,
    jsonWebTokenOptions: { clockTolerance: clockSkewSeconds },
    ignoreExpiration: false,
  };
}
