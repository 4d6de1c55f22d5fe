import { randomUUID } from 'node:crypto';
import { serviceToken } from '../support/accounts';
import { decide, registrarToken, resolve } from '../support/applications';
import { createAuthority, createLegacyAccount, createOrganization, createRegistrar, fakeMobile, fakeResidentId, fakeSubject } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * No bare resident ID or mobile number anywhere in the database: personal data goes in through
 * every door that takes it (token claims at resolution, legacy binding, application, approval,
 * sessions, support search, revocation), then every text, varchar, char, json and jsonb column of
 * every table is searched for the raw values.
 */
describe('no bare personal data in the database', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  async function tablesContaining(value: string): Promise<string[]> {
    const columns: { table_name: string; column_name: string }[] = await t.dataSource.query(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')`,
    );
    expect(columns.length).toBeGreaterThan(20);
    const hits: string[] = [];
    for (const { table_name, column_name } of columns) {
      const [row]: { n: number }[] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM "${table_name}" WHERE "${column_name}"::text LIKE '%' || $1 || '%'`,
        [value],
      );
      if (row.n > 0) hits.push(`${table_name}.${column_name}`);
    }
    return hits;
  }

  it('finds no raw resident ID or mobile number after they went through the API', async () => {
    const authority = await createAuthority(t.dataSource, { divisionCode: '210311' });
    const registrar = await createRegistrar(t.dataSource, { issuer: t.platform.issuer, authorityCodes: [authority.code] });
    const reviewer = await registrarToken(t, registrar.subject);
    const people = Array.from({ length: 2 }, () => ({ sub: fakeSubject('pii'), residentId: fakeResidentId(), mobile: fakeMobile() }));
    const contactMobile = fakeMobile();
    const token = (p: (typeof people)[number]) => t.mint({ sub: p.sub, userType: 'natural_person', name: '孙隐私', residentId: p.residentId, phone: p.mobile });

    // 1. Legacy binding, a session, a support look-up by resident ID, a revocation.
    const organization = await createOrganization(t.dataSource, { status: 'in_formation', authorityCode: authority.code });
    const legacy = await createLegacyAccount(t.dataSource, { organizationId: organization.id });
    const first = await token(people[0]);
    expect((await resolve(t, first)).body.status).toBe('BINDING_REQUIRED');
    const bound = await t.request('/v1/bindings/legacy-account', { method: 'POST', token: first, json: { organizationName: organization.name, loginName: legacy.loginName, password: legacy.password } });
    expect(bound.status).toBe(201);
    expect((await t.request('/v1/sessions', { method: 'POST', token: first, json: { clientIp: '203.0.113.8' } })).status).toBe(201);
    const found = await t.request('/v1/support/organizations/search', { method: 'POST', token: reviewer, json: { residentId: people[0].residentId } });
    expect(found.body.organizations.map((o: { id: string }) => o.id)).toEqual([organization.id]);
    expect((await t.request(`/v1/support/bindings/${bound.body.binding.id}/revoke`, { method: 'POST', token: reviewer, json: { reason: '核实后撤销' } })).status).toBe(200);

    // 2. A registration application with a contact mobile, viewed in clear by the registrar, approved.
    const second = await token(people[1]);
    const submitted = await t.request('/v1/registration-applications', {
      method: 'POST', token: second, headers: { 'idempotency-key': randomUUID() },
      json: { divisionCode: '210311', authorityCode: authority.code, proposedName: `鞍山市千山区${randomUUID().slice(0, 4)}研究会`, organizationType: 'social_group', contactName: '孙隐私', contactMobile },
    });
    expect(submitted.status).toBe(201);
    expect(submitted.body.contact.mobile).toBe(`${contactMobile.slice(0, 3)}****${contactMobile.slice(-4)}`);
    const clear = await t.request(`/v1/review/registration-applications/${submitted.body.id}`, { token: reviewer });
    expect(clear.body.contact.mobile).toBe(contactMobile);
    expect((await decide(t, reviewer, submitted.body.id, 'approve', clear.body.version)).status).toBe(200);
    expect((await resolve(t, second)).body.status).toBe('BOUND');
    // The approved applicant's binding carries the person as masked at submission, and is found by resident ID.
    const approved = await t.request('/v1/support/organizations/search', { method: 'POST', token: reviewer, json: { residentId: people[1].residentId } });
    expect(approved.body.organizations).toHaveLength(1);
    const approvedView = await t.request(`/v1/support/organizations/${approved.body.organizations[0].id}`, { token: reviewer });
    expect(approvedView.body.bindings[0]).toMatchObject({
      kind: 'application',
      person: { name: '孙**', residentId: `${people[1].residentId.slice(0, 3)}***********${people[1].residentId.slice(-4)}`, mobile: `${people[1].mobile.slice(0, 3)}****${people[1].mobile.slice(-4)}` },
    });
    const operatorView = await t.request(`/v1/operator/support/organizations/${organization.id}`, { token: await serviceToken(t, 'orgbind:operator') });
    expect(operatorView.text).not.toContain(people[0].residentId);

    for (const value of [...people.flatMap((p) => [p.residentId, p.mobile]), contactMobile]) {
      expect({ value, tables: await tablesContaining(value) }).toEqual({ value, tables: [] });
    }
    // The scan itself finds what is there: the masked forms and the ciphertext's prefix.
    expect(await tablesContaining(`${people[0].residentId.slice(0, 3)}***********${people[0].residentId.slice(-4)}`)).toEqual(['binding.resident_id_masked']);
    expect(await tablesContaining(`${people[1].residentId.slice(0, 3)}***********${people[1].residentId.slice(-4)}`)).toEqual(['binding.resident_id_masked', 'registration_application.applicant_resident_id_masked']);
    const [application] = await t.dataSource.query('SELECT contact_mobile FROM registration_application WHERE id = $1', [submitted.body.id]);
    expect(application.contact_mobile).toMatch(/^enc:v1:/);
  });
});
