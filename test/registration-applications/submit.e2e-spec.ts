import { randomUUID } from 'node:crypto';
import { BindingEntity } from '../../src/bindings/binding.entity';
import { PersonalDataProtector } from '../../src/personal-data/personal-data-protector';
import { applicationBody, createAuthority, createOrganization, fakeApplicationName, fakeUscc } from '../support/factories';
import { newApplicant, submitApplication } from '../support/applications';
import { startTestApp, TestApp } from '../support/test-app';
import { RegistrationAuthorityEntity } from '../../src/registry/entities/registration-authority.entity';

/** POST /v1/registration-applications: one spec per rule of guide 图10 and the issue. */
describe('POST /v1/registration-applications', () => {
  let t: TestApp;
  let qianshan: RegistrationAuthorityEntity;
  let anshan: RegistrationAuthorityEntity;

  beforeAll(async () => {
    t = await startTestApp();
    qianshan = await createAuthority(t.dataSource, { divisionCode: '210311' });
    anshan = await createAuthority(t.dataSource, { divisionCode: '210300' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('files a pending application routed to the chosen authority, stored exactly, contact masked in the answer', async () => {
    const { sub, token } = await newApplicant(t);
    const body = applicationBody(qianshan, { contactName: '欧阳晓芸', contactMobile: '13912345678', note: '已到区民政局咨询。' });
    const response = await submitApplication(t, token, body);
    expect(response.status).toBe(201);
    expect(response.headers.get('etag')).toBe('W/"1"');
    expect(response.body).toMatchObject({
      status: 'pending',
      version: 1,
      divisionCode: '210311',
      divisionName: '辽宁省鞍山市千山区',
      authority: { code: qianshan.code, name: qianshan.name, divisionCode: '210311' },
      proposedName: body.proposedName,
      organizationType: 'social_group',
      contact: { name: '欧***', mobile: '139****5678', masked: true },
      note: '已到区民政局咨询。',
      nameWarnings: [],
      decidedAt: null,
      rejectionReason: null,
      organizationId: null,
    });
    const [row] = await t.dataSource.query('SELECT * FROM registration_application WHERE id = $1', [response.body.id]);
    expect(row).toMatchObject({ subject: sub, status: 'pending', proposed_name: body.proposedName, contact_name: expect.stringMatching(/^enc:v1:/), contact_mobile: expect.stringMatching(/^enc:v1:/), authority_code: qianshan.code, applicant_user_type: 'natural_person' });
    const audit = await t.dataSource.query(`SELECT actor, details FROM audit_event WHERE action = 'registration_application.submitted' AND target_id = $1`, [response.body.id]);
    expect(audit).toHaveLength(1);
    expect(audit[0].details).toMatchObject({ authorityCode: qianshan.code, fromStatus: null, toStatus: 'pending' });
    // Contact details are encrypted at rest (AES-256-GCM), readable with the key only.
    const protector = t.app.get(PersonalDataProtector);
    expect([protector.decrypt(row.contact_name), protector.decrypt(row.contact_mobile)]).toEqual(['欧阳晓芸', '13912345678']);
    expect(JSON.stringify(audit[0])).not.toContain('13912345678');
    expect(JSON.stringify(audit[0])).not.toContain('欧阳晓芸');
    const events = await t.dataSource.query(`SELECT type, data FROM outbox_event WHERE aggregate_id = $1`, [response.body.id]);
    expect(events).toEqual([{ type: 'application.submitted', data: expect.objectContaining({ applicationId: response.body.id, authorityCode: qianshan.code, status: 'pending' }) }]);
    expect(JSON.stringify(events)).not.toContain('13912345678');
  });

  it('individual-business users may apply too', async () => {
    const { token } = await newApplicant(t, 'individual_business');
    const response = await submitApplication(t, token, applicationBody(qianshan, { organizationType: 'private_non_enterprise' }));
    expect(response.status).toBe(201);
  });

  it('keeps a name with half-width brackets exactly, and warns where', async () => {
    const { token } = await newApplicant(t);
    const name = `${fakeApplicationName()}(筹)`;
    const response = await submitApplication(t, token, applicationBody(qianshan, { proposedName: name }));
    expect(response.status).toBe(201);
    expect(response.body.proposedName).toBe(name);
    const chars = [...name];
    expect(response.body.nameWarnings).toEqual([
      expect.objectContaining({ code: 'half-width-bracket', position: chars.indexOf('(') + 1, char: '(', codePoint: 'U+0028', suggestion: '（' }),
      expect.objectContaining({ code: 'half-width-bracket', position: chars.indexOf(')') + 1, char: ')', suggestion: '）' }),
    ]);
    expect(response.body.nameWarnings[0].message).toContain('半角括号');
    const en = await submitApplication(t, (await newApplicant(t)).token, applicationBody(qianshan, { proposedName: `${fakeApplicationName()} ` }), randomUUID(), { 'accept-language': 'en' });
    expect(en.body.nameWarnings).toEqual([expect.objectContaining({ code: 'trailing-whitespace', message: expect.stringContaining('ends with') })]);
  });

  it('NAME_INVALID_CHARACTERS for zero-width and control characters, with their positions', async () => {
    const { token } = await newApplicant(t);
    const response = await submitApplication(t, token, applicationBody(qianshan, { proposedName: '鞍山市\u200B千山区测试\u0007协会' }));
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      code: 'NAME_INVALID_CHARACTERS',
      forbiddenCharacters: [{ position: 4, codePoint: 'U+200B', kind: 'zero-width' }, { position: 10, codePoint: 'U+0007', kind: 'control' }],
    });
    expect(response.body.detail).toContain('第 4, 10 个字符');
    expect(await countApplications(token)).toBe(0);
  });

  it('AUTHORITY_NOT_IN_DIVISION when the authority is not in the chosen division (guide 图10 注1)', async () => {
    const { token } = await newApplicant(t);
    const response = await submitApplication(t, token, applicationBody(anshan, { divisionCode: '210311' }));
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'AUTHORITY_NOT_IN_DIVISION', authorityDivisionCode: '210300' });
    expect(response.body.detail).toContain(anshan.name);
  });

  it('AUTHORITY_NOT_FOUND for an unknown or inactive authority; DIVISION_NOT_FOUND for an unknown division', async () => {
    const { token } = await newApplicant(t);
    const unknown = await submitApplication(t, token, applicationBody(qianshan, { authorityCode: 'NO-SUCH-AUTHORITY' }));
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('AUTHORITY_NOT_FOUND');
    const inactive = await createAuthority(t.dataSource, { divisionCode: '210311', active: false });
    expect((await submitApplication(t, token, applicationBody(inactive))).body.code).toBe('AUTHORITY_NOT_FOUND');
    const division = await submitApplication(t, token, applicationBody(qianshan, { divisionCode: '110000' }));
    expect(division.status).toBe(422);
    expect(division.body.code).toBe('DIVISION_NOT_FOUND');
  });

  it('NAME_TAKEN when an organization has the exact name; a deregistered organization\'s name is free', async () => {
    const organization = await createOrganization(t.dataSource, { name: fakeApplicationName() });
    const taken = await submitApplication(t, (await newApplicant(t)).token, applicationBody(qianshan, { proposedName: organization.name }));
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('NAME_TAKEN');
    expect(taken.body.detail).toContain(organization.name);
    const deregistered = await createOrganization(t.dataSource, { name: fakeApplicationName(), status: 'deregistered', uscc: fakeUscc() });
    expect((await submitApplication(t, (await newApplicant(t)).token, applicationBody(qianshan, { proposedName: deregistered.name }))).status).toBe(201);
  });

  it('NAME_TAKEN when another account has a pending application with the exact name', async () => {
    const name = fakeApplicationName();
    expect((await submitApplication(t, (await newApplicant(t)).token, applicationBody(qianshan, { proposedName: name }))).status).toBe(201);
    const second = await submitApplication(t, (await newApplicant(t)).token, applicationBody(anshan, { proposedName: name }));
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('NAME_TAKEN');
  });

  it('20 accounts racing for one name: exactly one pending application, the others NAME_TAKEN', async () => {
    const name = fakeApplicationName();
    const applicants = await Promise.all(Array.from({ length: 20 }, () => newApplicant(t)));
    const responses = await Promise.all(applicants.map((a) => submitApplication(t, a.token, applicationBody(qianshan, { proposedName: name }))));
    expect(responses.map((r) => r.status).sort()).toEqual([201, ...Array(19).fill(409)]);
    expect(responses.filter((r) => r.status === 409).every((r) => r.body.code === 'NAME_TAKEN')).toBe(true);
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM registration_application WHERE proposed_name = $1`, [name]);
    expect(count).toBe(1);
  });

  it('APPLICATION_ALREADY_PENDING for a second application of the same account', async () => {
    const { token } = await newApplicant(t);
    expect((await submitApplication(t, token, applicationBody(qianshan))).status).toBe(201);
    const second = await submitApplication(t, token, applicationBody(anshan));
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'APPLICATION_ALREADY_PENDING', pendingApplicationId: expect.any(String) });
    expect(second.body.detail).toContain(qianshan.name);
  });

  it('one account racing 10 different applications: exactly one is pending', async () => {
    const { token } = await newApplicant(t);
    const responses = await Promise.all(Array.from({ length: 10 }, () => submitApplication(t, token, applicationBody(qianshan))));
    expect(responses.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)]);
    expect(responses.filter((r) => r.status === 409).every((r) => r.body.code === 'APPLICATION_ALREADY_PENDING')).toBe(true);
    expect(await countApplications(token)).toBe(1);
  });

  it('ALREADY_BOUND when the account already has an active binding', async () => {
    const { sub, token } = await newApplicant(t);
    const organization = await createOrganization(t.dataSource, { status: 'in_formation', uscc: null });
    await t.dataSource.getRepository(BindingEntity).insert({ organizationId: organization.id, issuer: t.platform.issuer, subject: sub, userType: 'natural_person', kind: 'legacy_account', status: 'active' });
    const response = await submitApplication(t, token, applicationBody(qianshan));
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('ALREADY_BOUND');
  });

  it('legal-person users cannot apply (USER_TYPE_NOT_ALLOWED); no token is a 401', async () => {
    const token = await t.mint({ sub: randomUUID(), userType: 'legal_person', uscc: fakeUscc(), name: fakeApplicationName() });
    const response = await submitApplication(t, token, applicationBody(qianshan));
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('USER_TYPE_NOT_ALLOWED');
    const anonymous = await t.request('/v1/registration-applications', { method: 'POST', json: applicationBody(qianshan), headers: { 'idempotency-key': randomUUID() } });
    expect(anonymous.status).toBe(401);
  });

  it('field errors for mobile number, contact name, type, name length and unknown fields, in zh and en', async () => {
    const { token } = await newApplicant(t);
    const body = applicationBody(qianshan, { contactMobile: '+86 139 1234 5678', contactName: 'Zhang San', organizationType: 'company', proposedName: '协', extra: 1 } as never);
    const zh = await submitApplication(t, token, body);
    expect(zh.status).toBe(400);
    expect(zh.body.code).toBe('VALIDATION_FAILED');
    const byField = Object.fromEntries(zh.body.errors.map((e: { field: string; code: string; message: string }) => [e.field, e]));
    expect(byField.contactMobile).toMatchObject({ code: 'isMainlandMobile', message: expect.stringContaining('11 位中国大陆手机号码') });
    expect(byField.contactName).toMatchObject({ code: 'isChinesePersonName', message: expect.stringContaining('间隔号') });
    expect(byField.organizationType.code).toBe('isIn');
    expect(byField.proposedName).toMatchObject({ code: 'codePointLength', message: '长度应为 2–100 个字符' });
    expect(byField.extra.code).toBe('whitelistValidation');
    const en = await submitApplication(t, token, body, randomUUID(), { 'accept-language': 'en' });
    const enByField = Object.fromEntries(en.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]));
    expect(enByField.proposedName).toBe('must have 2-100 characters');
    expect(enByField.contactMobile).toContain('mainland China mobile');
    const missing = await submitApplication(t, token, {});
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['divisionCode', 'authorityCode', 'proposedName', 'organizationType', 'contactName', 'contactMobile']));
    expect(await countApplications(token)).toBe(0);
  });

  it('requires an Idempotency-Key and refuses a malformed one', async () => {
    const { token } = await newApplicant(t);
    const missing = await submitApplication(t, token, applicationBody(qianshan), null);
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    const malformed = await submitApplication(t, token, applicationBody(qianshan), 'has spaces in it');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
  });

  describe('Idempotency-Key', () => {
    it('a retry with the same key and body returns the first application (200, Idempotent-Replayed)', async () => {
      const { token } = await newApplicant(t);
      const key = randomUUID();
      const body = applicationBody(qianshan);
      const first = await submitApplication(t, token, body, key);
      const retry = await submitApplication(t, token, body, key);
      expect(first.status).toBe(201);
      expect(retry.status).toBe(200);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.body).toEqual(first.body);
      expect(await countApplications(token)).toBe(1);
      const events = await t.dataSource.query(`SELECT count(*)::int AS count FROM outbox_event WHERE aggregate_id = $1`, [first.body.id]);
      expect(events[0].count).toBe(1);
    });

    it('the same key with a different body is 422 IDEMPOTENCY_KEY_REUSED and changes nothing', async () => {
      const { token } = await newApplicant(t);
      const key = randomUUID();
      const body = applicationBody(qianshan);
      await submitApplication(t, token, body, key);
      const reused = await submitApplication(t, token, { ...body, contactMobile: '13900000000' }, key);
      expect(reused.status).toBe(422);
      expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await countApplications(token)).toBe(1);
    });

    it('10 concurrent retries with one key create one application and all answer it', async () => {
      const { token } = await newApplicant(t);
      const key = randomUUID();
      const body = applicationBody(qianshan);
      const responses = await Promise.all(Array.from({ length: 10 }, () => submitApplication(t, token, body, key)));
      expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
      expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
      expect(await countApplications(token)).toBe(1);
    });

    it('keys belong to one account: another account may use the same key', async () => {
      const key = randomUUID();
      const a = await submitApplication(t, (await newApplicant(t)).token, applicationBody(qianshan), key);
      const b = await submitApplication(t, (await newApplicant(t)).token, applicationBody(qianshan), key);
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(a.body.id).not.toBe(b.body.id);
    });

    it('a failed request stores no key: after fixing the body the same key works', async () => {
      const { token } = await newApplicant(t);
      const key = randomUUID();
      const failed = await submitApplication(t, token, applicationBody(anshan, { divisionCode: '210311' }), key);
      expect(failed.status).toBe(422);
      expect((await submitApplication(t, token, applicationBody(anshan), key)).status).toBe(201);
    });
  });

  async function countApplications(token: string): Promise<number> {
    const mine = await t.request('/v1/registration-applications/mine', { token });
    expect(mine.status).toBe(200);
    return mine.body.applications.length;
  }
});
