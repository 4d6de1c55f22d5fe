import { Strategy } from 'passport-strategy';
import { ExtractJwt } from 'passport-jwt';

/** Passport strategy name of platform users' tokens (a JWT or an opaque token, by `PLATFORM_TOKEN_MODE`). */
export const PLATFORM_USER_STRATEGY = 'platform-user';

/** Passport strategy name of service clients' tokens (by `PLATFORM_SERVICE_TOKEN_MODE`). */
export const SERVICE_CLIENT_STRATEGY = 'platform-service';

type Verify = (token: string, done: (error: unknown, user?: unknown) => void) => void;

const fromAuthorizationHeader = ExtractJwt.fromAuthHeaderAsBearerToken();

/**
 * A passport strategy for opaque bearer tokens: the token is taken from the `Authorization:
 * Bearer` header only (RFC 6750 §2.1; never from a query string or form body, where it would be
 * logged) and handed to `verify`. No token: `fail` with the same `No auth token` reason as
 * passport-jwt, so both strategies classify failures alike (`tokenErrorCode`).
 */
export class BearerTokenStrategy extends Strategy {
  constructor(private readonly verify: Verify) {
    super();
  }

  override authenticate(req: Parameters<Strategy['authenticate']>[0]): void {
    const token = fromAuthorizationHeader(req as never);
    if (!token) {
      this.fail(new Error('No auth token') as never, 401);
      return;
    }
    this.verify(token, (error, user) => {
      if (error) this.error(error as Error);
      else if (!user) this.fail(401);
      else this.success(user);
    });
  }
}
