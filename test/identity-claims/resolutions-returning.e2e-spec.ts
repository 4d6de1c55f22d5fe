import { randomUUID } from 'node:crypto';
import { importJWK, SignJWT, type JWK } from 'jose';
import pg from 'pg';
import { generateSigningKey, PrivateJwk } from '../../src/dev-platform/dev-platform-keys';
import { OrganizationEntity } from '../../src/registry/entities/organization.entity';
import { createOrganization, fakeSubject, fakeUscc } from '../support/factories';
import { startTestApp, TEST_AUDIENCE, TestApp } from '../support/test-app';

/**
 * Returning users: an unchanged bound login is resolved and audited in ONE round trip to the
 * database; every other login still takes the full path, and every resolution leaves exactly
 * one audit event, with the same content on both paths.
 */
describe('POST /v1/resolutions for returning users', () => {
  let t: TestApp;
  let key: PrivateJwk;

  beforeAll(async () => {
    key = await generateSigningKey();
    t = await startTestApp({}, { jwks: { keys: [key as JWK] } });
  });
  afterAll(async () => {
    await t.close();
  });

  /** Statements sent to PostgreSQL while `work` runs (the app runs in this process). */
  async function countingStatements<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
    const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    const original = prototype.query;
    const statements: string[] = [];
    prototype.query = function (this: unknown, ...args: unknown[]) {
      const first = args[0] as string | { text?: string; name?: string };
      statements.push(typeof first === 'string' ? first : (first.name ?? first.text ?? '?'));
      return original.apply(this, args);
    };
    try {
      return { result: await work(), statements };
    } finally {
      prototype.query = original;
    }
  }

  async function resolveAs(claims: Parameters<TestApp['mint']>[0], requestId = `returning-${randomUUID()}`) {
    const token = await t.mint(claims);
    const response = await t.request('/v1/resolutions', { method: 'POST', token, headers: { 'x-request-id': requestId } });
    return { response, requestId, token };
  }

  async function auditRowsOf(requestId: string) {
    return t.dataSource.query(
      `SELECT actor_kind, actor, action, target_type, target_id, outcome, reason, client_ip_masked, details
       FROM audit_event WHERE request_id = $1 AND action = 'resolution.resolved'`,
      [requestId],
    );
  }

  async function bindDirectly(organization: OrganizationEntity, subject: string, userType: 'legal_person' | 'natural_person', kind: 'legal_person' | 'legacy_account') {
    await t.dataSource.query(
      `INSERT INTO binding (organization_id, issuer, subject, user_type, kind) VALUES ($1, $2, $3, $4, $5)`,
      [organization.id, t.platform.issuer, subject, userType, kind],
    );
  }

  it('answers a returning legal-person user BOUND in one statement, audited exactly like the first login', async () => {
    const organization = await createOrganization(t.dataSource);
    const claims = { sub: fakeSubject('returning'), userType: 'legal_person', uscc: organization.uscc!, name: organization.name };
    const first = await resolveAs(claims);
    expect(first.response.body.status).toBe('BOUND');

    const requestId = `returning-${randomUUID()}`;
    const { result: second, statements } = await countingStatements(() =>
      t.request('/v1/resolutions', { method: 'POST', token: first.token, headers: { 'x-request-id': requestId } }),
    );
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.response.body);
    expect(statements).toEqual(['orgbind_bound_resolution_v2']);

    const [firstAudit] = await auditRowsOf(first.requestId);
    const secondAudit = await auditRowsOf(requestId);
    expect(secondAudit).toEqual([firstAudit]);
    expect(firstAudit).toMatchObject({
      actor_kind: 'platform_user', actor: `${t.platform.issuer}|${claims.sub}`, target_type: 'organization', target_id: organization.id,
      outcome: 'success', reason: 'BOUND', client_ip_masked: '127.0.0.*', details: { userType: 'legal_person' },
    });
  });

  it('sends a bound user whose platform name changed through the full path: ORGANIZATION_NAME_MISMATCH, one audit event', async () => {
    const organization = await createOrganization(t.dataSource, { name: `鞍山市${randomUUID().slice(0, 6)}（社区）服务中心` });
    const sub = fakeSubject('renamed');
    expect((await resolveAs({ sub, userType: 'legal_person', uscc: organization.uscc!, name: organization.name })).response.body.status).toBe('BOUND');
    const { response, requestId } = await resolveAs({ sub, userType: 'legal_person', uscc: organization.uscc!, name: organization.name.replace('（', '(') });
    expect(response.body.status).toBe('ORGANIZATION_NAME_MISMATCH');
    expect(await auditRowsOf(requestId)).toEqual([expect.objectContaining({ outcome: 'failure', reason: 'ORGANIZATION_NAME_MISMATCH', target_id: organization.id })]);
    const active = await t.dataSource.query(`SELECT count(*)::int AS n FROM binding WHERE organization_id = $1 AND status = 'active'`, [organization.id]);
    expect(active).toEqual([{ n: 1 }]);
  });

  it('does not take a USCC with a trailing space for the bound one (USCC_INVALID, one audit event)', async () => {
    const organization = await createOrganization(t.dataSource);
    const sub = fakeSubject('space');
    await bindDirectly(organization, sub, 'legal_person', 'legal_person');
    const { response, requestId } = await resolveAs({ sub, userType: 'legal_person', uscc: `${organization.uscc} `, name: organization.name });
    expect(response.body.status).toBe('USCC_INVALID');
    expect(await auditRowsOf(requestId)).toEqual([expect.objectContaining({ reason: 'USCC_INVALID', outcome: 'failure' })]);
  });

  it('re-checks the registry on every login: a deregistered organization is ORGANIZATION_DEREGISTERED', async () => {
    const organization = await createOrganization(t.dataSource);
    const sub = fakeSubject('deregistered');
    await bindDirectly(organization, sub, 'legal_person', 'legal_person');
    const claims = { sub, userType: 'legal_person', uscc: organization.uscc!, name: organization.name };
    expect((await resolveAs(claims)).response.body.status).toBe('BOUND');
    await t.dataSource.query(`UPDATE organization SET status = 'deregistered' WHERE id = $1`, [organization.id]);
    const { response, requestId } = await resolveAs(claims);
    expect(response.body.status).toBe('ORGANIZATION_DEREGISTERED');
    expect(await auditRowsOf(requestId)).toEqual([expect.objectContaining({ reason: 'ORGANIZATION_DEREGISTERED' })]);
  });

  it('answers a natural person bound to an organization in formation BOUND in one statement, and LEGAL_PERSON_ACCOUNT_REQUIRED once it is established', async () => {
    const organization = await createOrganization(t.dataSource, { status: 'in_formation', uscc: null, externalId: `legacy-${randomUUID()}` });
    const sub = fakeSubject('person');
    await bindDirectly(organization, sub, 'natural_person', 'legacy_account');
    const token = await t.mint({ sub, userType: 'natural_person', name: '张测试' });
    const requestId = `returning-${randomUUID()}`;
    const { result: bound, statements } = await countingStatements(() =>
      t.request('/v1/resolutions', { method: 'POST', token, headers: { 'x-request-id': requestId } }),
    );
    expect(bound.body).toMatchObject({ status: 'BOUND', organization: { id: organization.id, status: 'in_formation' }, binding: { kind: 'legacy_account' } });
    expect(statements).toEqual(['orgbind_bound_resolution_v2']);
    expect(await auditRowsOf(requestId)).toEqual([expect.objectContaining({ reason: 'BOUND', outcome: 'success', details: { userType: 'natural_person' } })]);

    await t.dataSource.query(`UPDATE organization SET status = 'established', uscc = $2 WHERE id = $1`, [organization.id, fakeUscc()]);
    const { response, requestId: laterId } = await resolveAs({ sub, userType: 'natural_person', name: '张测试' });
    expect(response.body).toMatchObject({ status: 'LEGAL_PERSON_ACCOUNT_REQUIRED', organization: { id: organization.id } });
    expect(await auditRowsOf(laterId)).toEqual([expect.objectContaining({ reason: 'LEGAL_PERSON_ACCOUNT_REQUIRED', outcome: 'failure' })]);
  });

  it('never matches a claim PostgreSQL would read differently (a lone surrogate arrives as U+FFFD): such a claim is refused before any query', async () => {
    const organization = await createOrganization(t.dataSource, { name: `辽宁省${randomUUID().slice(0, 6)}基金会\uFFFD` });
    const sub = fakeSubject('surrogate');
    await bindDirectly(organization, sub, 'legal_person', 'legal_person');
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ user_type: 'legal_person', uscc: organization.uscc, name: organization.name.replace('\uFFFD', '\uD800') })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid })
      .setIssuer(t.platform.issuer).setAudience(TEST_AUDIENCE).setSubject(sub).setIssuedAt(now).setExpirationTime(now + 300)
      .sign(await importJWK(key, 'RS256'));
    const requestId = `returning-${randomUUID()}`;
    const response = await t.request('/v1/resolutions', { method: 'POST', token, headers: { 'x-request-id': requestId } });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('TOKEN_CLAIMS_INVALID');
    expect(await auditRowsOf(requestId)).toEqual([]);
  });

  it('still reads the registry for a first login after the one-statement read found no binding (no extra round trip)', async () => {
    const organization = await createOrganization(t.dataSource);
    const token = await t.mint({ sub: fakeSubject('first'), userType: 'legal_person', uscc: organization.uscc!, name: organization.name });
    const { result, statements } = await countingStatements(() => t.request('/v1/resolutions', { method: 'POST', token }));
    expect(result.body.status).toBe('BOUND');
    expect(statements[0]).toBe('orgbind_bound_resolution_v2');
    expect(statements.filter((s) => /WHERE[\s\S]*"issuer"\s*=/.test(s))).toEqual([]);
  });
});
