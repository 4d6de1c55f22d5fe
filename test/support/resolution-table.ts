import { applicationBody, createAuthority, createNaturalPersonBinding, createOrganization, createRegistrar, fakeOrganizationName, fakeResidentId, fakeSubject, fakeUscc } from './factories';
import { decide, registrarToken, resolve, submitApplication } from './applications';
import { TestApp, TestResponse } from './test-app';

/**
 * The resolution table of DOMAIN.md ("What the management system asks us, at each login"), one
 * row per situation, each arranging its facts and minting the user's token through the running
 * test platform ({@link TestApp.mint}: a JWT or an opaque token, by the service's
 * `PLATFORM_TOKEN_MODE`), so that the very same table runs in every token mode.
 */
export interface ResolutionRow {
  /** The situation, as the table words it. */
  readonly situation: string;
  /** Arrange the facts, mint the token, call `POST /v1/resolutions`. */
  run(t: TestApp): Promise<TestResponse>;
  /** Check the answer (its status is always 200). */
  expect(body: Record<string, unknown>): void;
}

const legal = async (t: TestApp, values: { uscc: string; name: string; sub?: string }) =>
  resolve(t, await t.mint({ sub: values.sub ?? fakeSubject('table-legal'), userType: 'legal_person', uscc: values.uscc, name: values.name, verificationLevel: 'none' }));

/** Every row of the table. */
export const RESOLUTION_TABLE: readonly ResolutionRow[] = [
  {
    situation: 'active binding, organization in good standing → BOUND with the organization account',
    run: async (t) => {
      const organization = await createOrganization(t.dataSource);
      const sub = fakeSubject('table-bound');
      await legal(t, { uscc: organization.uscc!, name: organization.name, sub });
      return legal(t, { uscc: organization.uscc!, name: organization.name, sub });
    },
    expect: (body) => expect(body).toMatchObject({ status: 'BOUND', binding: { kind: 'legal_person' }, organization: { status: 'established' } }),
  },
  {
    situation: 'bound via natural person, but the organization is now established → LEGAL_PERSON_ACCOUNT_REQUIRED',
    run: async (t) => {
      const organization = await createOrganization(t.dataSource);
      const sub = fakeSubject('table-natural');
      await createNaturalPersonBinding(t.dataSource, organization.id, { issuer: t.platform.issuer, subject: sub });
      return resolve(t, await t.mint({ sub, userType: 'natural_person', name: '张测试', residentId: fakeResidentId() }));
    },
    expect: (body) => expect(body).toMatchObject({ status: 'LEGAL_PERSON_ACCOUNT_REQUIRED' }),
  },
  {
    situation: 'legal-person user, USCC malformed → USCC_INVALID',
    run: (t) => {
      const valid = fakeUscc();
      return legal(t, { uscc: valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0'), name: fakeOrganizationName() });
    },
    expect: (body) => expect(body).toMatchObject({ status: 'USCC_INVALID', usccCheck: { rule: 'CHECK_CHARACTER' } }),
  },
  {
    situation: 'legal-person user, no organization with that USCC → ORGANIZATION_NOT_FOUND',
    run: (t) => legal(t, { uscc: fakeUscc(), name: fakeOrganizationName() }),
    expect: (body) => expect(body).toMatchObject({ status: 'ORGANIZATION_NOT_FOUND' }),
  },
  {
    situation: 'legal-person user, name differs from the certificate → ORGANIZATION_NAME_MISMATCH with the explanation',
    run: async (t) => {
      const organization = await createOrganization(t.dataSource, { name: `${fakeOrganizationName()}（测试）` });
      return legal(t, { uscc: organization.uscc!, name: organization.name.replace('（', '(').replace('）', ')') });
    },
    expect: (body) => expect(body).toMatchObject({ status: 'ORGANIZATION_NAME_MISMATCH', message: expect.any(String) }),
  },
  {
    situation: 'legal-person user, USCC already bound to another platform account → LEGAL_PERSON_ALREADY_BOUND',
    run: async (t) => {
      const organization = await createOrganization(t.dataSource);
      await legal(t, { uscc: organization.uscc!, name: organization.name });
      return legal(t, { uscc: organization.uscc!, name: organization.name });
    },
    expect: (body) => expect(body).toMatchObject({ status: 'LEGAL_PERSON_ALREADY_BOUND' }),
  },
  {
    situation: 'legal-person user, all matches → bind now, then BOUND',
    run: async (t) => {
      const organization = await createOrganization(t.dataSource);
      return legal(t, { uscc: organization.uscc!, name: organization.name });
    },
    expect: (body) => expect(body).toMatchObject({ status: 'BOUND', binding: { kind: 'legal_person' } }),
  },
  {
    situation: 'natural-person user with a pending application → APPLICATION_PENDING',
    run: async (t) => {
      const authority = await createAuthority(t.dataSource);
      const token = await t.mint({ sub: fakeSubject('table-applicant'), userType: 'natural_person', name: '张测试', residentId: fakeResidentId() });
      const submitted = await submitApplication(t, token, applicationBody(authority));
      expect(submitted.status).toBe(201);
      return resolve(t, token);
    },
    expect: (body) => expect(body).toMatchObject({ status: 'APPLICATION_PENDING' }),
  },
  {
    situation: 'natural-person user whose last application was rejected → APPLICATION_REJECTED with the reason',
    run: async (t) => {
      const authority = await createAuthority(t.dataSource);
      const registrar = await createRegistrar(t.dataSource, { issuer: t.platform.issuer, authorityCodes: [authority.code] });
      const token = await t.mint({ sub: fakeSubject('table-rejected'), userType: 'natural_person', name: '张测试', residentId: fakeResidentId() });
      const submitted = await submitApplication(t, token, applicationBody(authority));
      expect(submitted.status).toBe(201);
      const rejected = await decide(t, await registrarToken(t, registrar.subject), submitted.body.id, 'reject', 1, { reason: '材料不全，请补充后重新申请。' });
      expect(rejected.status).toBe(200);
      return resolve(t, token);
    },
    expect: (body) => expect(body).toMatchObject({ status: 'APPLICATION_REJECTED', application: { rejectionReason: '材料不全，请补充后重新申请。' } }),
  },
  {
    situation: 'natural-person user, nothing yet → BINDING_REQUIRED with options LEGACY_ACCOUNT and REGISTRATION_APPLICATION',
    run: async (t) => resolve(t, await t.mint({ sub: fakeSubject('table-new'), userType: 'natural_person', name: '张测试', residentId: fakeResidentId() })),
    expect: (body) => expect(body).toMatchObject({ status: 'BINDING_REQUIRED', options: ['LEGACY_ACCOUNT', 'REGISTRATION_APPLICATION'] }),
  },
];

/** Declare one jest test per row of {@link RESOLUTION_TABLE} against the app `app()` returns. */
export function describeResolutionTable(app: () => TestApp): void {
  it.each(RESOLUTION_TABLE.map((row) => [row.situation, row] as const))('%s', async (_situation, row) => {
    const response = await row.run(app());
    expect(response.status).toBe(200);
    row.expect(response.body as Record<string, unknown>);
  });
}
