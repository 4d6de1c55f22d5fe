import { BindingEntity } from '../../src/bindings/binding.entity';
import { createOrganization, fakeSubject } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * HTTP_HANDLER_TIMEOUT_MS bounds how long a client waits: past it the request ends with 503
 * problem+json (Retry-After) even when the database is slow without failing. The timeout is
 * cooperative: the work already started finishes in the background and commits, so a retried
 * login sees its outcome (here: the binding).
 */
describe('handler timeout', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ HTTP_HANDLER_TIMEOUT_MS: '1000', DATABASE_STATEMENT_TIMEOUT_MS: '30000' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 503 SERVICE_UNAVAILABLE when the handler outlasts it; the started work completes later', async () => {
    const organization = await createOrganization(t.dataSource);
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    const sub = fakeSubject('late');
    try {
      await runner.manager.insert(BindingEntity, {
        organizationId: organization.id, issuer: t.platform.issuer, subject: fakeSubject('holder'),
        userType: 'legal_person', kind: 'legal_person', status: 'active', endedAt: null, endedReason: null,
      });
      const token = await t.mint({ sub, userType: 'legal_person', uscc: organization.uscc!, name: organization.name });
      const response = await t.request('/v1/resolutions', { method: 'POST', token, headers: { 'accept-language': 'en' } });
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', title: 'Service unavailable', requestId: response.headers.get('x-request-id') });
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    // The waiting insert proceeds once the holder rolls back; the next login finds the binding.
    const retry = await t.request('/v1/resolutions', {
      method: 'POST',
      token: await t.mint({ sub, userType: 'legal_person', uscc: organization.uscc!, name: organization.name }),
    });
    expect(retry.status).toBe(200);
    expect(retry.body.status).toBe('BOUND');
    expect(await t.dataSource.getRepository(BindingEntity).count({ where: { organizationId: organization.id, status: 'active' } })).toBe(1);
  });
});
