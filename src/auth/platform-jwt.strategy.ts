import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-jwt';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { PLATFORM_USER_STRATEGY } from './bearer-token.strategy';
import { principalFromPayload } from './claims';
import { JwksKeyStore } from './jwks-key-store';
import { platformJwtOptions } from './platform-jwt-options';

export { TokenKeyError } from './platform-jwt-options';
import { PlatformPrincipal } from './platform-principal';


/**
 * `PLATFORM_TOKEN_MODE=jwt`: verifies the platform's bearer token with passport-jwt: key from the JWKS by `kid`,
 * algorithm allow-list (asymmetric only), issuer, audience, bounded clock skew.
 */
@Injectable()
export class PlatformJwtStrategy extends PassportStrategy(Strategy, PLATFORM_USER_STRATEGY) {
  private readonly claims: AppConfig['platform']['claims'];

  constructor(@InjectConfig() config: AppConfig, keys: JwksKeyStore) {
    super(platformJwtOptions(config, keys));
    this.claims = config.platform.claims;
  }

  /** Called with the verified payload; the result becomes `request.user`. */
  validate(payload: Record<string, unknown>): PlatformPrincipal {
    return principalFromPayload(payload, this.claims);
  }
}
