import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { principalFromPayload } from './claims';
import { JwksKeyStore } from './jwks-key-store';
import { PlatformPrincipal } from './platform-principal';

/** Passport strategy name of the platform token. */
export const PLATFORM_JWT = 'platform-jwt';

/** Marks a failure that happened while resolving the key (oversized token, bad header, unknown kid). */
export class TokenKeyError extends Error {}

/**
 * Verifies the platform's bearer token with passport-jwt: key from the JWKS by `kid`,
 * algorithm allow-list (asymmetric only), issuer, audience, bounded clock skew.
 */
@Injectable()
export class PlatformJwtStrategy extends PassportStrategy(Strategy, PLATFORM_JWT) {
  private readonly claims: AppConfig['platform']['claims'];

  constructor(@InjectConfig() config: AppConfig, keys: JwksKeyStore) {
    const { issuer, audience, algorithms, clockSkewSeconds, maxTokenBytes } = config.platform;
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKeyProvider: (_req: FastifyRequest, rawJwt: string, done: (err: unknown, key?: string) => void) => {
        if (Buffer.byteLength(rawJwt) > maxTokenBytes) {
          done(new TokenKeyError('token too large'));
          return;
        }
        keys.publicKeyFor(rawJwt).then(
          // jsonwebtoken 9 takes a KeyObject as is; @types/passport-jwt only names string | Buffer.
          (key) => done(null, key as unknown as string),
          (error: unknown) => done(new TokenKeyError(error instanceof Error ? error.message : 'key resolution failed')),
        );
      },
      issuer,
      audience,
      algorithms: [...algorithms] as never,
      jsonWebTokenOptions: { clockTolerance: clockSkewSeconds, maxAge: undefined },
      ignoreExpiration: false,
    });
    this.claims = config.platform.claims;
  }

  /** Called with the verified payload; the result becomes `request.user`. */
  validate(payload: Record<string, unknown>): PlatformPrincipal {
    return principalFromPayload(payload, this.claims);
  }
}
