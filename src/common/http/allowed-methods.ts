import Router from 'find-my-way';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The methods each registered path answers, for `405 Method Not Allowed` with `Allow`
 * (RFC 9110 §15.5.6): a request that matched no route but whose path exists for other methods
 * is a 405, not a 404. A shadow router (find-my-way, the router Fastify itself uses) is fed every
 * route as Fastify registers it, so it matches paths exactly as Fastify does.
 */
export class AllowedMethods {
  private readonly router = Router({ ignoreTrailingSlash: false });
  private readonly methods = new Set<Router.HTTPMethod>();

  /** Record every route registered on `fastify` from now on (call before the routes are added). */
  collectFrom(fastify: FastifyInstance): void {
    fastify.addHook('onRoute', (route) => {
      for (const method of [route.method].flat() as Router.HTTPMethod[]) {
        if (method === 'OPTIONS' && route.url === '*') continue;
        if (this.router.hasRoute(method, route.url)) continue;
        this.router.on(method, route.url, () => undefined);
        this.methods.add(method);
      }
    });
  }

  /** The methods `path` answers (sorted), or an empty list when no route has that path. */
  allowedFor(path: string): string[] {
    return [...this.methods].filter((method) => this.router.find(method, path) !== null).sort();
  }

  /**
   * For a request no route matched: the `Allow` list when its path exists for other methods,
   * else undefined (a plain 404).
   */
  methodNotAllowed(request: FastifyRequest): string[] | undefined {
    if (request.routeOptions.url !== undefined) return undefined;
    const allowed = this.allowedFor(request.url.split('?')[0]);
    return allowed.length > 0 && !allowed.includes(request.method) ? allowed : undefined;
  }
}

/** Set `Allow` on a 405 reply. */
export function setAllowHeader(reply: FastifyReply, allowed: readonly string[]): void {
  void reply.header('allow', allowed.join(', '));
}
