import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { JwksKeyStore } from './jwks-key-store';
import { PlatformAuthGuard } from './platform-auth.guard';
import { PlatformJwtStrategy } from './platform-jwt.strategy';

/** Platform token verification (passport-jwt + the platform's JWKS). */
@Module({
  imports: [PassportModule],
  providers: [JwksKeyStore, PlatformJwtStrategy, PlatformAuthGuard],
  exports: [PlatformAuthGuard, JwksKeyStore],
})
export class AuthModule {}
