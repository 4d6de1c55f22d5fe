import { createOrganization, fakeOrganizationName, fakeSubject } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** NAME_COMPARISON_POLICY=equivalent: NFKC, whitespace and invisible characters ignored; never 繁→简. */
describe('POST /v1/resolutions with the equivalent name policy', () => {
  let lenient: TestApp;

  beforeAll(async () => {
    lenient = await startTestApp({ NAME_COMPARISON_POLICY: 'equivalent' });
  });
  afterAll(async () => {
    await lenient.close();
  });

  it('accepts width and whitespace differences', async () => {
    const organization = await createOrganization(lenient.dataSource, { name: `鞍山市${fakeOrganizationName().slice(3)}（社区）` });
    const token = await lenient.mint({ sub: fakeSubject(), userType: 'legal_person', uscc: organization.uscc!, name: ` ${organization.name.replace('（', '(').replace('）', ')')}` });
    const ok = await lenient.request('/v1/resolutions', { method: 'POST', token });
    expect(ok.body.status).toBe('BOUND');
  });

  it('still rejects traditional characters and says which policy applied', async () => {
    const other = await createOrganization(lenient.dataSource, { name: `辽宁省${fakeOrganizationName().slice(3)}` });
    const token = await lenient.mint({ sub: fakeSubject(), userType: 'legal_person', uscc: other.uscc!, name: other.name.replace('辽宁', '遼寧') });
    const rejected = await lenient.request('/v1/resolutions', { method: 'POST', token });
    expect(rejected.body.status).toBe('ORGANIZATION_NAME_MISMATCH');
    expect(rejected.body.nameMismatch.policy).toBe('equivalent');
    expect(rejected.body.nameMismatch.differences.map((d: { kind: string }) => d.kind)).toEqual(['traditional-vs-simplified', 'traditional-vs-simplified']);
  });
});
