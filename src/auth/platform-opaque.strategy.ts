import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { BearerTokenStrategy, PLATFORM_USER_STRATEGY, SERVICE_CLIENT_STRATEGY } from './bearer-token.strategy';
import { principalFromClaims } from './claims';
import { OpaqueTokenVerifier } from './opaque-token-verifier';
import { PlatformPrincipal } from './platform-principal';
import { ServicePrincipal } from './service-principal';
import { servicePrincipalFromClaims } from './service-jwt.strategy';

/**
 * `PLATFORM_TOKEN_MODE=introspection|userinfo`: a platform user's opaque token, checked at the
 * platform ({@link OpaqueTokenVerifier}); its claims go through the same claim mapping
 * (`CLAIM_*`) as a JWT's.
 */
@Injectable()
export class PlatformOpaqueStrategy extends PassportStrategy(BearerTokenStrategy, PLATFORM_USER_STRATEGY) {
  private readonly claims: AppConfig['platform']['claims'];
  private readonly endpoint: 'introspection' | 'userinfo';

  constructor(
    @InjectConfig() config: AppConfig,
    private readonly verifier: OpaqueTokenVerifier,
  ) {
    super();
    this.claims = config.platform.claims;
    this.endpoint = config.platform.tokenMode === 'userinfo' ? 'userinfo' : 'introspection';
  }

  /** The opaque token → the principal (`request.user`). */
  async validate(token: string): Promise<PlatformPrincipal> {
    return principalFromClaims(await this.verifier.verify(token, this.endpoint), this.claims);
  }
}

/** `PLATFORM_SERVICE_TOKEN_MODE=introspection`: a service client's opaque token, introspected. */
@Injectable()
export class ServiceOpaqueStrategy extends PassportStrategy(BearerTokenStrategy, SERVICE_CLIENT_STRATEGY) {
  constructor(private readonly verifier: OpaqueTokenVerifier) {
    super();
  }

  /** The opaque token → the service principal (`request.user`). */
  async validate(token: string): Promise<ServicePrincipal> {
    return servicePrincipalFromClaims(await this.verifier.verify(token, 'introspection'));
  }
}
