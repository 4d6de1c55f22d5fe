import { claimsFromIntrospection, claimsFromUserInfo, OpaqueTokenRejectedError, positiveAnswerTtlMs } from './opaque-token-answer';

const expected = { issuer: 'https://idp.example', audience: 'orgbind', clockSkewSeconds: 30, nowSeconds: 1_000_000 };

function rejection(run: () => unknown): { code: string; reason: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof OpaqueTokenRejectedError) return { code: error.code, reason: error.reason };
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('introspection answers (RFC 7662 §2.2)', () => {
  it('accepts an active bearer token and keeps its claims, with the issuer', () => {
    expect(claimsFromIntrospection({ active: true, sub: 'u1', user_type: 'legal_person', token_type: 'Bearer', exp: 1_000_100, aud: ['orgbind', 'x'] }, expected)).toEqual({
      active: true, sub: 'u1', user_type: 'legal_person', token_type: 'Bearer', exp: 1_000_100, aud: ['orgbind', 'x'], iss: 'https://idp.example',
    });
    expect(claimsFromIntrospection({ active: true, sub: 'u1', token_type: 'access_token' }, expected).iss).toBe('https://idp.example');
  });

  it.each([
    [{ active: false }, 'TOKEN_INVALID'],
    [{ active: 'true', sub: 'u1' }, 'TOKEN_INVALID'],
    [null, 'TOKEN_INVALID'],
    [{ active: true, sub: 'u1', token_type: 'refresh_token' }, 'TOKEN_INVALID'],
    [{ active: true, sub: 'u1', token_type: 'DPoP' }, 'TOKEN_INVALID'],
    [{ active: true, sub: 'u1', exp: 1_000_000 - 30 }, 'TOKEN_EXPIRED'],
    [{ active: true, sub: 'u1', exp: '1000100' }, 'TOKEN_INVALID'],
    [{ active: true, sub: 'u1', nbf: 1_000_031 }, 'TOKEN_INVALID'],
    [{ active: true, sub: 'u1', iss: 'https://other.example' }, 'TOKEN_INVALID'],
    [{ active: true, sub: 'u1', aud: 'someone-else' }, 'TOKEN_INVALID'],
    [{ active: true, sub: 'u1', aud: 42 }, 'TOKEN_INVALID'],
  ])('refuses %j with %s', (answer, code) => {
    expect(rejection(() => claimsFromIntrospection(answer, expected)).code).toBe(code);
  });

  it('allows the clock skew on exp and nbf', () => {
    expect(() => claimsFromIntrospection({ active: true, sub: 'u1', exp: 1_000_000 - 29, nbf: 1_000_030 }, expected)).not.toThrow();
  });
});

describe('UserInfo answers (OIDC Core §5.3.2)', () => {
  it('needs a sub and checks iss/aud when present', () => {
    expect(claimsFromUserInfo({ sub: 'u1', name: '张测试' }, expected)).toEqual({ sub: 'u1', name: '张测试', iss: 'https://idp.example' });
    expect(rejection(() => claimsFromUserInfo({ name: '张测试' }, expected)).code).toBe('TOKEN_INVALID');
    expect(rejection(() => claimsFromUserInfo({ sub: 'u1', iss: 'https://other.example' }, expected)).code).toBe('TOKEN_INVALID');
  });
});

describe('positive answer TTL', () => {
  it('is bounded by the token exp and the configured maximum, at least 1 ms', () => {
    const now = 1_000_000_000;
    expect(positiveAnswerTtlMs({ exp: now / 1000 + 10 }, 60, now)).toBe(10_000);
    expect(positiveAnswerTtlMs({ exp: now / 1000 + 600 }, 60, now)).toBe(60_000);
    expect(positiveAnswerTtlMs({}, 60, now)).toBe(60_000);
    expect(positiveAnswerTtlMs({ exp: now / 1000 - 5 }, 60, now)).toBe(1);
    expect(positiveAnswerTtlMs({ exp: now / 1000 + 600 }, 0, now)).toBe(1);
  });
});
