import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-jwt';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { SERVICE_CLIENT_STRATEGY } from './bearer-token.strategy';
import { InvalidClaimsError, MissingExpiryError } from './claims';
import { JwksKeyStore } from './jwks-key-store';
import { platformJwtOptions } from './platform-jwt-options';
import { ServicePrincipal } from './service-principal';


/**
 * `PLATFORM_SERVICE_TOKEN_MODE=jwt`: verifies a service client's bearer JWT: same platform, keys, algorithms, issuer, audience
 * and skew as user tokens; the client's rights are the scopes in its `scope` claim.
 */
@Injectable()
export class ServiceJwtStrategy extends PassportStrategy(Strategy, SERVICE_CLIENT_STRATEGY) {
  constructor(@InjectConfig() config: AppConfig, keys: JwksKeyStore) {
    super(platformJwtOptions(config, keys));
  }

  /** The verified payload → the service principal. */
  validate(payload: Record<string, unknown>): ServicePrincipal {
    if (typeof payload.exp !== 'number') throw new MissingExpiryError();
    return servicePrincipalFromClaims(payload);
  }
}

/**
 * The service client behind claims the platform vouched for: `client_id` (else `sub`), `iss`,
 * and the scopes of the space-separated `scope` claim (RFC 8693 §4.2, RFC 7662 §2.2).
 * @throws InvalidClaimsError without issuer or client id, or with a non-string `scope`.
 */
export function servicePrincipalFromClaims(payload: Record<string, unknown>): ServicePrincipal {
  const issuer = typeof payload.iss === 'string' ? payload.iss : undefined;
  const clientId = typeof payload.client_id === 'string' ? payload.client_id : typeof payload.sub === 'string' ? payload.sub : undefined;
  if (!issuer || !clientId) throw new InvalidClaimsError('client_id');
  const scope = payload.scope;
  if (scope !== undefined && typeof scope !== 'string') throw new InvalidClaimsError('scope');
  return { issuer, clientId, scopes: new Set((scope ?? '').split(' ').filter(Boolean)) };
}
