import helmet from 'helmet';
import { API_CSP, helmetHeaders, SECURITY_HEADER_OPTIONS } from './security-headers';

describe('security headers', () => {
  it('are what helmet\'s middleware sets for the same options, computed once', () => {
    const set: Record<string, string> = {};
    const removed: string[] = [];
    helmet(SECURITY_HEADER_OPTIONS)({} as never, { setHeader: (n: string, v: unknown) => { set[n.toLowerCase()] = String(v); }, removeHeader: (n: string) => { removed.push(n); } } as never, () => undefined);
    const headers = helmetHeaders(SECURITY_HEADER_OPTIONS);
    expect(headers).toEqual(set);
    expect(removed).toContain('X-Powered-By');
    expect(Object.isFrozen(headers)).toBe(true);
  });

  it('hold the strict API policy, nosniff, no-referrer, HSTS, same-origin resources and no framing', () => {
    expect(helmetHeaders(SECURITY_HEADER_OPTIONS)).toMatchObject({
      'content-security-policy': API_CSP.replace(/; /g, ';'),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': expect.stringMatching(/^max-age=\d+/),
      'cross-origin-resource-policy': 'same-origin',
      'x-frame-options': 'DENY',
    });
  });

  it('refuse options helmet refuses, at start-up', () => {
    expect(() => helmetHeaders({ referrerPolicy: { policy: 'nonsense' as never } })).toThrow();
  });
});
