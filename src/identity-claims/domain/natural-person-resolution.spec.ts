import { AccountBindingFacts, decideNaturalPerson, LatestApplicationFacts } from './resolution';

/** The natural-person rows of the DOMAIN.md resolution table. */
describe('decideNaturalPerson', () => {
  const application = (status: LatestApplicationFacts['status']): LatestApplicationFacts => ({
    id: 'a1',
    status,
    authorityCode: 'MZ-210311',
    authorityName: '鞍山市千山区民政局',
    submittedAt: new Date('2026-11-01T00:00:00Z'),
    decidedAt: status === 'rejected' || status === 'approved' ? new Date('2026-11-02T00:00:00Z') : null,
    rejectionReason: status === 'rejected' ? '名称不规范' : null,
  });
  const binding: AccountBindingFacts = {
    bindingId: 'b1',
    supersedeAt: null,
    kind: 'application',
    since: new Date('2026-11-02T00:00:00Z'),
    organization: { id: 'o1', name: '鞍山市千山区测试协会', uscc: null, status: 'in_formation', type: 'social_group', authorityCode: 'MZ-210311', divisionCode: '210311' },
  };

  it('BINDING_REQUIRED with both options when there is nothing yet', () => {
    expect(decideNaturalPerson({ endedBinding: null, now: new Date(), accountBinding: null })).toEqual({ status: 'BINDING_REQUIRED', options: ['LEGACY_ACCOUNT', 'REGISTRATION_APPLICATION'] });
    expect(decideNaturalPerson({ endedBinding: null, now: new Date(), accountBinding: null, latestApplication: null }).status).toBe('BINDING_REQUIRED');
  });

  it('APPLICATION_PENDING with the application while it waits', () => {
    expect(decideNaturalPerson({ endedBinding: null, now: new Date(), accountBinding: null, latestApplication: application('pending') })).toEqual({ status: 'APPLICATION_PENDING', application: application('pending') });
  });

  it('APPLICATION_REJECTED with the reason, and the options to apply again', () => {
    expect(decideNaturalPerson({ endedBinding: null, now: new Date(), accountBinding: null, latestApplication: application('rejected') })).toEqual({
      status: 'APPLICATION_REJECTED',
      application: application('rejected'),
      options: ['LEGACY_ACCOUNT', 'REGISTRATION_APPLICATION'],
    });
  });

  it('BINDING_REQUIRED after a withdrawal, or an approval whose binding has ended', () => {
    expect(decideNaturalPerson({ endedBinding: null, now: new Date(), accountBinding: null, latestApplication: application('withdrawn') }).status).toBe('BINDING_REQUIRED');
    expect(decideNaturalPerson({ endedBinding: null, now: new Date(), accountBinding: null, latestApplication: application('approved') }).status).toBe('BINDING_REQUIRED');
  });

  it('an active binding wins over any application', () => {
    expect(decideNaturalPerson({ endedBinding: null, now: new Date(), accountBinding: binding, latestApplication: application('pending') })).toEqual({ status: 'BOUND', binding });
  });
});
