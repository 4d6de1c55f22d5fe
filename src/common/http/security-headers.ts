import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { HelmetOptions } from 'helmet';
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

/** helmet's options for every response: the strict API policy above, `nosniff`, `no-referrer`, HSTS, same-origin resource policy, no framing. */
export const SECURITY_HEADER_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: parseDirectives(API_CSP) },
  referrerPolicy: { policy: 'no-referrer' },
  crossOriginResourcePolicy: { policy: 'same-origin' },
  frameguard: { action: 'deny' },
};

/**
 * The headers helmet sets for `options`, as lower-case name → value, computed once: with static
 * options (no function directives, no nonces) none of them depends on the request, so there is
 * no need to run helmet's middleware, which re-reads its options, on every response.
 * @throws when helmet refuses the options (as its middleware would at the first request).
 */
export function helmetHeaders(options: HelmetOptions): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: unknown) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return Object.freeze(headers);
}

/** The security headers of every API response ({@link SECURITY_HEADER_OPTIONS}), computed by helmet once, at start-up. */
export const SECURITY_HEADERS = helmetHeaders(SECURITY_HEADER_OPTIONS);

/**
 * Security headers on every response, as helmet computes them ({@link SECURITY_HEADER_OPTIONS},
 * once, at start-up), set by one `onRequest` hook; the docs get their own CSP (set on send).
 */
export function registerSecurityHeaders(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(SECURITY_HEADERS);
    done();
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
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
