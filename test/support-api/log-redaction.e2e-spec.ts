import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../src/database/data-source';
import { DevPlatform } from '../../src/dev-platform/dev-platform';
import { createAuthority, createLegacyAccount, createOrganization, createRegistrar, fakeMobile, fakeResidentId, fakeSubject } from '../support/factories';
import { Replica, startReplica, startReplicaPlatform } from '../support/replica';

/**
 * Logs never carry tokens, passwords, resident ID numbers or mobile numbers (PIPL). The compiled
 * service runs as a child process with LOG_LEVEL=debug; requests full of such data go through
 * it, successful and failing ones; then its captured stdout/stderr is searched for the raw values.
 */
describe('log redaction', () => {
  let platform: DevPlatform;
  let replica: Replica;
  let dataSource: DataSource;

  beforeAll(async () => {
    platform = await startReplicaPlatform();
    replica = await startReplica(platform, { name: 'logs', env: { LOG_LEVEL: 'debug' } });
    dataSource = createDataSource(process.env.ORGBIND_E2E_DATABASE_URL!, 'orgbind-e2e-logs');
    await dataSource.initialize();
  }, 180_000);

  afterAll(async () => {
    await replica?.stop();
    await dataSource?.destroy();
    await platform?.close();
  });

  it('no raw token, password, resident ID or mobile number in the captured logs', async () => {
    const residentId = fakeResidentId();
    const mobile = fakeMobile();
    const contactMobile = fakeMobile();
    const sub = fakeSubject('logs');
    const token = await platform.mintToken({ sub, userType: 'natural_person', name: '赵日志', residentId, phone: mobile });
    const authority = await createAuthority(dataSource, { divisionCode: '210311' });
    const organization = await createOrganization(dataSource, { status: 'in_formation', authorityCode: authority.code });
    const legacy = await createLegacyAccount(dataSource, { organizationId: organization.id });
    const registrar = await createRegistrar(dataSource, { issuer: platform.issuer, authorityCodes: [authority.code] });
    const registrarToken = await platform.mintToken({ sub: registrar.subject, userType: 'natural_person', name: '审核员', residentId: fakeResidentId() });
    const wrongPassword = `Wrong#${randomUUID().slice(0, 8)}`;

    const responses = [
      await replica.request('/v1/resolutions', { method: 'POST', token }),
      // A wrong password (403 INVALID_CREDENTIALS), then the right one (201).
      await replica.request('/v1/bindings/legacy-account', { method: 'POST', token, json: { organizationName: organization.name, loginName: legacy.loginName, password: wrongPassword } }),
      await replica.request('/v1/bindings/legacy-account', { method: 'POST', token, json: { organizationName: organization.name, loginName: legacy.loginName, password: legacy.password } }),
      // Invalid input that echoes nothing back into the logs.
      await replica.request('/v1/registration-applications', {
        method: 'POST', token: await platform.mintToken({ sub: fakeSubject('applicant'), userType: 'natural_person', name: '钱申请', residentId, phone: mobile }),
        headers: { 'idempotency-key': randomUUID() },
        json: { divisionCode: '210311', authorityCode: authority.code, proposedName: `鞍山市千山区${randomUUID().slice(0, 4)}协会`, organizationType: 'social_group', contactName: '钱申请', contactMobile },
      }),
      await replica.request('/v1/registration-applications', { method: 'POST', token, json: { contactMobile, residentId, password: wrongPassword } }),
      await replica.request('/v1/support/organizations/search', { method: 'POST', token: registrarToken, json: { residentId } }),
      await replica.request(`/v1/resolutions?residentId=${residentId}&mobile=${mobile}`, { method: 'POST', token: `${token}x` }),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 403, 201, 201, 400, 200, 401]);
    const stopped = await replica.stop();
    expect(stopped.code).toBe(0);

    const logs = replica.output();
    // The capture works: the service logged the requests at debug level.
    expect(logs).toContain('/v1/bindings/legacy-account');
    expect(logs.split('\n').filter((l) => l.includes('"req"')).length).toBeGreaterThanOrEqual(responses.length);
    for (const secret of [token, token.split('.')[2], registrarToken, residentId, mobile, contactMobile, legacy.password, wrongPassword]) {
      expect(logs).not.toContain(secret);
    }
  });
});
