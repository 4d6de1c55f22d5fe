import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Content-Security-Policy of every API response: the API serves JSON only, so nothing may be
 * loaded, framed or submitted.
 */
export const API_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Content-Security-Policy of the API docs (`/docs`, Swagger UI): its scripts and stylesheet come
 * from this origin; it needs inline styles (its page template and React style attributes),
 * `data:` images (icons), and `fetch` to this origin ("Try it out").
 */
export const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; font-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Whether a request path belongs to the API docs. */
export function isDocsPath(url: string): boolean {
  return url === '/docs' || url.startsWith('/docs/') || url.startsWith('/docs?');
}

/**
 * Security headers on every response (`@fastify/helmet`): the strict API policy above,
 * `nosniff`, `no-referrer`, HSTS, same-origin resource policy. The docs get their own CSP
 * (set on send, after helmet's `onRequest` hook).
 */
export async function registerSecurityHeaders(app: NestFastifyApplication): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: parseDirectives(API_CSP) },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    frameguard: { action: 'deny' },
  });
  app.getHttpAdapter().getInstance().addHook('onSend', (request, reply, payload, done) => {
    if (isDocsPath(request.url)) void reply.header('content-security-policy', DOCS_CSP);
    done(null, payload);
  });
}

/** `"a 'x'; b 'y' 'z'"` → `{ a: ["'x'"], b: ["'y'", "'z'"] }` (helmet's directive format). */
function parseDirectives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
      const [name, ...values] = d.split(/\s+/);
      return [name, values];
    }),
  );
}
