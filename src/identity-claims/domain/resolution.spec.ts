import { AccountBindingFacts, decideLegalPerson, decideNaturalPerson, LegalPersonFacts, OrganizationFacts } from './resolution';

const organization = (over: Partial<OrganizationFacts> = {}): OrganizationFacts => ({
  id: 'org-1',
  name: '鞍山市见义勇为基金会',
  uscc: '53210000076270488R',
  status: 'established',
  type: 'foundation',
  authorityCode: null,
  divisionCode: '210000',
  ...over,
});

const binding = (org: OrganizationFacts, kind: AccountBindingFacts['kind'] = 'legal_person'): AccountBindingFacts => ({
  bindingId: 'b-1',
  kind,
  supersedeAt: null,
  since: new Date('2026-01-01T00:00:00Z'),
  organization: org,
});

const facts = (over: Partial<LegalPersonFacts> = {}): LegalPersonFacts => ({
  claimedName: '鞍山市见义勇为基金会',
  claimedUscc: '53210000076270488R',
  uscc: { valid: true },
  accountBinding: null,
  organization: organization(),
  otherLegalPersonBindingSince: null,
  policy: 'exact',
  ...over,
});

describe('decideLegalPerson (DOMAIN.md resolution table, legal-person rows)', () => {
  it('binds on a first exact match', () => {
    expect(decideLegalPerson(facts()).status).toBe('CREATE_LEGAL_PERSON_BINDING');
  });

  it('answers BOUND for the account already bound to the claimed organization', () => {
    const org = organization();
    const decision = decideLegalPerson(facts({ accountBinding: binding(org), organization: null }));
    expect(decision).toMatchObject({ status: 'BOUND', binding: { bindingId: 'b-1' } });
  });

  it('USCC_INVALID when the code is malformed and the registry does not hold it', () => {
    expect(decideLegalPerson(facts({ uscc: { valid: false, rule: 'CHECK_CHARACTER' }, organization: null })).status).toBe('USCC_INVALID');
  });

  it('a registered code that fails a check still resolves: registry data is authoritative', () => {
    expect(decideLegalPerson(facts({ uscc: { valid: false, rule: 'ORGANIZATION_CODE_CHECK' } })).status).toBe('CREATE_LEGAL_PERSON_BINDING');
  });

  it('ORGANIZATION_NOT_FOUND for a valid code nobody registered', () => {
    expect(decideLegalPerson(facts({ organization: null })).status).toBe('ORGANIZATION_NOT_FOUND');
  });

  it('ORGANIZATION_DEREGISTERED before any name check', () => {
    expect(decideLegalPerson(facts({ organization: organization({ status: 'deregistered' }), claimedName: 'x' })).status).toBe('ORGANIZATION_DEREGISTERED');
  });

  it('ORGANIZATION_NOT_ESTABLISHED for an organization still in formation', () => {
    expect(decideLegalPerson(facts({ organization: organization({ status: 'in_formation' }) })).status).toBe('ORGANIZATION_NOT_ESTABLISHED');
  });

  it('ORGANIZATION_NAME_MISMATCH with the differences, also for an already bound account', () => {
    const decision = decideLegalPerson(facts({ claimedName: '鞍山市见义勇为基金' }));
    expect(decision.status).toBe('ORGANIZATION_NAME_MISMATCH');
    if (decision.status === 'ORGANIZATION_NAME_MISMATCH') expect(decision.differences[0]).toMatchObject({ kind: 'missing', registeredChar: '会' });
    const org = organization();
    expect(decideLegalPerson(facts({ accountBinding: binding(org), claimedName: '鞍山市见义勇为基金' })).status).toBe('ORGANIZATION_NAME_MISMATCH');
  });

  it('a missing name claim is a mismatch, never a match', () => {
    expect(decideLegalPerson(facts({ claimedName: undefined })).status).toBe('ORGANIZATION_NAME_MISMATCH');
  });

  it('LEGAL_PERSON_ALREADY_BOUND when another account holds the organization', () => {
    const since = new Date('2025-05-05T00:00:00Z');
    expect(decideLegalPerson(facts({ otherLegalPersonBindingSince: since }))).toMatchObject({ status: 'LEGAL_PERSON_ALREADY_BOUND', boundSince: since });
  });

  it('PLATFORM_ACCOUNT_BOUND_ELSEWHERE when the account is bound to another organization', () => {
    const other = organization({ id: 'org-2', uscc: '53210000MJ2831229F', name: '辽宁省爱梦成真青年发展基金会' });
    expect(decideLegalPerson(facts({ accountBinding: binding(other) })).status).toBe('PLATFORM_ACCOUNT_BOUND_ELSEWHERE');
  });
});

describe('decideNaturalPerson', () => {
  it('BINDING_REQUIRED with both options when nothing is bound', () => {
    expect(decideNaturalPerson({ endedBinding: null, now: new Date(), accountBinding: null })).toEqual({ status: 'BINDING_REQUIRED', options: ['LEGACY_ACCOUNT', 'REGISTRATION_APPLICATION'] });
  });

  it('BOUND for an organization in formation', () => {
    const org = organization({ status: 'in_formation', uscc: null });
    expect(decideNaturalPerson({ endedBinding: null, now: new Date(), accountBinding: binding(org, 'legacy_account') }).status).toBe('BOUND');
  });

  it('LEGAL_PERSON_ACCOUNT_REQUIRED once the organization is established', () => {
    expect(decideNaturalPerson({ endedBinding: null, now: new Date(), accountBinding: binding(organization(), 'application') }).status).toBe('LEGAL_PERSON_ACCOUNT_REQUIRED');
  });

  it('ORGANIZATION_DEREGISTERED for a deregistered organization', () => {
    expect(decideNaturalPerson({ endedBinding: null, now: new Date(), accountBinding: binding(organization({ status: 'deregistered' }), 'legacy_account') }).status).toBe('ORGANIZATION_DEREGISTERED');
  });
});
