import { Global, Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { JwksKeyStore } from './jwks-key-store';
import { PlatformAuthGuard } from './platform-auth.guard';
import { PlatformJwtStrategy } from './platform-jwt.strategy';
import { ServiceAuthGuard, ServiceScopeGuard } from './service-auth.guard';
import { ServiceJwtStrategy } from './service-jwt.strategy';

/** Platform token verification (passport-jwt + the platform's JWKS) for users and service clients. */
@Global()
@Module({
  imports: [PassportModule],
  providers: [JwksKeyStore, PlatformJwtStrategy, PlatformAuthGuard, ServiceJwtStrategy, ServiceAuthGuard, ServiceScopeGuard],
  exports: [PlatformAuthGuard, JwksKeyStore, ServiceAuthGuard, ServiceScopeGuard],
})
export class AuthModule {}
