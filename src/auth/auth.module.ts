import { Global, Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { JwksKeyStore } from './jwks-key-store';
import { OpaqueTokenVerifier } from './opaque-token-verifier';
import { PlatformAuthGuard } from './platform-auth.guard';
import { PlatformJwtStrategy } from './platform-jwt.strategy';
import { PlatformOpaqueStrategy, ServiceOpaqueStrategy } from './platform-opaque.strategy';
import { ServiceAuthGuard, ServiceScopeGuard } from './service-auth.guard';
import { ServiceJwtStrategy } from './service-jwt.strategy';

/** Provider tokens of the two strategies the token modes select. */
const USER_STRATEGY = Symbol('PLATFORM_USER_STRATEGY');
const SERVICE_STRATEGY = Symbol('SERVICE_CLIENT_STRATEGY');

/**
 * Platform token verification for users and service clients: a JWT against the platform's JWKS
 * (passport-jwt), or an opaque token asked about at the platform (introspection or UserInfo),
 * as `PLATFORM_TOKEN_MODE` and `PLATFORM_SERVICE_TOKEN_MODE` say. Each strategy registers itself
 * with passport under one name when it is constructed, so exactly one of each is built.
 */
@Global()
@Module({
  imports: [PassportModule],
  providers: [
    JwksKeyStore,
    OpaqueTokenVerifier,
    {
      provide: USER_STRATEGY,
      inject: [APP_CONFIG, JwksKeyStore, OpaqueTokenVerifier],
      useFactory: (config: AppConfig, keys: JwksKeyStore, verifier: OpaqueTokenVerifier) =>
        config.platform.tokenMode === 'jwt' ? new PlatformJwtStrategy(config, keys) : new PlatformOpaqueStrategy(config, verifier),
    },
    {
      provide: SERVICE_STRATEGY,
      inject: [APP_CONFIG, JwksKeyStore, OpaqueTokenVerifier],
      useFactory: (config: AppConfig, keys: JwksKeyStore, verifier: OpaqueTokenVerifier) =>
        config.platform.serviceTokenMode === 'jwt' ? new ServiceJwtStrategy(config, keys) : new ServiceOpaqueStrategy(verifier),
    },
    PlatformAuthGuard,
    ServiceAuthGuard,
    ServiceScopeGuard,
  ],
  exports: [PlatformAuthGuard, JwksKeyStore, OpaqueTokenVerifier, ServiceAuthGuard, ServiceScopeGuard],
})
export class AuthModule {}
