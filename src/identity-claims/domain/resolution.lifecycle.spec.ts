import { AccountBindingFacts, decideNaturalPerson, EndedBindingFacts, OrganizationFacts } from './resolution';

/** The natural-person rows that depend on the organization's lifecycle (establishment, deregistration). */
describe('decideNaturalPerson after establishment and deregistration', () => {
  const now = new Date('2026-11-02T08:00:00Z');
  const organization = (status: OrganizationFacts['status']): OrganizationFacts => ({
    id: 'org-1',
    name: '鞍山市测试行业协会',
    uscc: status === 'in_formation' ? null : '51210300MJ0000000X',
    status,
    type: 'social_group',
    authorityCode: null,
    divisionCode: '210300',
  });
  const active = (status: OrganizationFacts['status'], supersedeAt: Date | null = null): AccountBindingFacts => ({
    bindingId: 'b-1',
    kind: 'legacy_account',
    since: new Date('2025-01-01T00:00:00Z'),
    organization: organization(status),
    supersedeAt,
  });
  const ended = (status: EndedBindingFacts['status'], organizationStatus: OrganizationFacts['status'], kind: EndedBindingFacts['kind'] = 'application'): EndedBindingFacts => ({
    bindingId: 'b-0',
    kind,
    endedAt: new Date('2026-01-01T00:00:00Z'),
    status,
    organization: organization(organizationStatus),
  });

  it('BOUND while the organization is in formation', () => {
    expect(decideNaturalPerson({ accountBinding: active('in_formation'), endedBinding: null, now }).status).toBe('BOUND');
  });

  it('LEGAL_PERSON_ACCOUNT_REQUIRED for an active binding to an established organization without a grace period', () => {
    expect(decideNaturalPerson({ accountBinding: active('established'), endedBinding: null, now })).toMatchObject({
      status: 'LEGAL_PERSON_ACCOUNT_REQUIRED',
      organization: { uscc: '51210300MJ0000000X', name: '鞍山市测试行业协会' },
    });
  });

  it('BOUND during the grace period, LEGAL_PERSON_ACCOUNT_REQUIRED from its end on', () => {
    const deadline = new Date('2026-11-02T09:00:00Z');
    expect(decideNaturalPerson({ accountBinding: active('established', deadline), endedBinding: null, now }).status).toBe('BOUND');
    expect(decideNaturalPerson({ accountBinding: active('established', deadline), endedBinding: null, now: deadline }).status).toBe('LEGAL_PERSON_ACCOUNT_REQUIRED');
  });

  it('LEGAL_PERSON_ACCOUNT_REQUIRED for a binding superseded by establishment', () => {
    expect(decideNaturalPerson({ accountBinding: null, endedBinding: ended('superseded', 'established'), now }).status).toBe('LEGAL_PERSON_ACCOUNT_REQUIRED');
  });

  it('ORGANIZATION_DEREGISTERED for an active or ended binding of a deregistered organization', () => {
    expect(decideNaturalPerson({ accountBinding: active('deregistered'), endedBinding: null, now }).status).toBe('ORGANIZATION_DEREGISTERED');
    expect(decideNaturalPerson({ accountBinding: null, endedBinding: ended('revoked', 'deregistered'), now }).status).toBe('ORGANIZATION_DEREGISTERED');
    expect(decideNaturalPerson({ accountBinding: null, endedBinding: ended('superseded', 'deregistered'), now }).status).toBe('ORGANIZATION_DEREGISTERED');
  });

  it('BINDING_REQUIRED after a revocation of an organization in good standing (the user may bind again), or with nothing at all', () => {
    expect(decideNaturalPerson({ accountBinding: null, endedBinding: ended('revoked', 'in_formation'), now }).status).toBe('BINDING_REQUIRED');
    expect(decideNaturalPerson({ accountBinding: null, endedBinding: ended('revoked', 'established'), now }).status).toBe('BINDING_REQUIRED');
    expect(decideNaturalPerson({ accountBinding: null, endedBinding: null, now })).toEqual({ status: 'BINDING_REQUIRED', options: ['LEGACY_ACCOUNT', 'REGISTRATION_APPLICATION'] });
  });

  it('ignores an ended legal-person binding (a natural-person login never has one)', () => {
    expect(decideNaturalPerson({ accountBinding: null, endedBinding: ended('revoked', 'deregistered', 'legal_person'), now }).status).toBe('BINDING_REQUIRED');
  });
});
