import { describeResolutionTable } from '../support/resolution-table';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The whole resolution table of DOMAIN.md in each PLATFORM_TOKEN_MODE, against the real
 * oidc-provider: signed JWTs (JWKS), opaque tokens through introspection (RFC 7662), opaque
 * tokens through UserInfo. One app at a time (passport's strategies are process-wide).
 */
describe.each(['jwt', 'introspection', 'userinfo'] as const)('the resolution table with PLATFORM_TOKEN_MODE=%s', (mode) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ PLATFORM_TOKEN_MODE: mode });
  });
  afterAll(async () => {
    await t.close();
  });

  it(`mints the token form the mode expects`, async () => {
    const token = await t.mint({ sub: 'table-format', userType: 'natural_person', name: '张测试' });
    expect(token.split('.')).toHaveLength(mode === 'jwt' ? 3 : 1);
  });

  describeResolutionTable(() => t);
});
