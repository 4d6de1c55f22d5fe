import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-jwt';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { InvalidClaimsError, MissingExpiryError } from './claims';
import { JwksKeyStore } from './jwks-key-store';
import { platformJwtOptions } from './platform-jwt-options';
import { ServicePrincipal } from './service-principal';

/** Passport strategy name of service-client tokens. */
export const SERVICE_JWT = 'service-jwt';

/**
 * Verifies a service client's bearer token: same platform, keys, algorithms, issuer, audience
 * and skew as user tokens; the client's rights are the scopes in its `scope` claim.
 */
@Injectable()
export class ServiceJwtStrategy extends PassportStrategy(Strategy, SERVICE_JWT) {
  constructor(@InjectConfig() config: AppConfig, keys: JwksKeyStore) {
    super(platformJwtOptions(config, keys));
  }

  /** The verified payload → the service principal. */
  validate(payload: Record<string, unknown>): ServicePrincipal {
    if (typeof payload.exp !== 'number') throw new MissingExpiryError();
    const issuer = typeof payload.iss === 'string' ? payload.iss : undefined;
    const clientId = typeof payload.client_id === 'string' ? payload.client_id : typeof payload.sub === 'string' ? payload.sub : undefined;
    if (!issuer || !clientId) throw new InvalidClaimsError('client_id');
    const scope = payload.scope;
    if (scope !== undefined && typeof scope !== 'string') throw new InvalidClaimsError('scope');
    return { issuer, clientId, scopes: new Set((scope ?? '').split(' ').filter(Boolean)) };
  }
}
