import { isServiceScope, SERVICE_SCOPE_USAGE, SERVICE_SCOPES, ServiceScope } from './service-principal';

describe('service scopes', () => {
  it('lists every ServiceScope once, each documented with an example request', () => {
    expect([...SERVICE_SCOPES].sort()).toEqual([...new Set(Object.values(ServiceScope))].sort());
    for (const scope of SERVICE_SCOPES) {
      expect(SERVICE_SCOPE_USAGE[scope]).toEqual({ holder: expect.any(String), grants: expect.any(String), example: expect.stringMatching(/^(GET|PUT|POST|DELETE) \/v1\//) });
    }
  });

  it('recognizes exactly the known scopes', () => {
    expect(isServiceScope('orgbind:events.read')).toBe(true);
    expect(isServiceScope('orgbind:events')).toBe(false);
    expect(isServiceScope('ORGBIND:EVENTS.READ')).toBe(false);
    expect(isServiceScope('')).toBe(false);
  });
});
