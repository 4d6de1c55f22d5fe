import fc from 'fast-check';
import { isUnchangedBoundLogin } from './bound-login';
import { AccountBindingFacts, decideLegalPerson, decideNaturalPerson, OrganizationFacts } from './resolution';

const NAME_CHARS = ['辽', '宁', '省', '基', '金', '会', '（', '）', '(', ')', ' ', '\u3000', '遼', 'A', 'Ａ'];
const name = fc.array(fc.constantFrom(...NAME_CHARS), { minLength: 0, maxLength: 6 }).map((chars) => chars.join(''));
const uscc = fc.constantFrom('53210000MJ2831229F', '53210000MJ2831229X', '51210300MB00000012', '5321000', '53210000mj2831229f', '53210000MJ2831229F ');

const organization: fc.Arbitrary<OrganizationFacts> = fc.record({
  id: fc.uuid(),
  name,
  uscc: fc.option(uscc, { nil: null }),
  status: fc.constantFrom('established', 'in_formation', 'deregistered'),
  type: fc.constantFrom('social_group', 'private_non_enterprise', 'foundation'),
  authorityCode: fc.constant(null),
  divisionCode: fc.constant('210000'),
});

const binding: fc.Arbitrary<AccountBindingFacts> = fc.record({
  bindingId: fc.uuid(),
  kind: fc.constantFrom('legal_person', 'legacy_account', 'application'),
  since: fc.date({ noInvalidDate: true }),
  // Mostly none: a scheduled supersession (establishment grace period) always takes the full path.
  supersedeAt: fc.oneof({ arbitrary: fc.constant(null), weight: 5 }, { arbitrary: fc.date({ noInvalidDate: true }), weight: 1 }),
  organization,
});

/** The login as the one-statement path sees it: sometimes exactly the bound organization's claims, sometimes anything. */
const loginFor = (bound: AccountBindingFacts) => fc.record({
  userType: fc.constantFrom('legal_person', 'natural_person', 'individual_business'),
  claimedUscc: fc.oneof(fc.constant(bound.organization.uscc ?? undefined), fc.option(uscc, { nil: undefined })),
  claimedName: fc.oneof(fc.constant(bound.organization.name), fc.option(name, { nil: undefined })),
});

/**
 * The decision for a login whose account holds `bound`, with the facts gathered as the full
 * path of ResolutionService gathers them when the claimed USCC is the bound organization's.
 */
function decide(login: { userType: string; claimedUscc: string | undefined; claimedName: string | undefined }, bound: AccountBindingFacts, policy: 'exact' | 'equivalent', usccValid: boolean) {
  if (login.userType !== 'legal_person') return decideNaturalPerson({ accountBinding: bound, endedBinding: null, now: new Date() });
  return decideLegalPerson({
    claimedName: login.claimedName,
    claimedUscc: login.claimedUscc,
    uscc: usccValid ? { valid: true } : { valid: false, rule: 'CHECK_CHARACTER' },
    accountBinding: bound,
    organization: bound.organization,
    otherLegalPersonBindingSince: null,
    policy,
  });
}

describe('isUnchangedBoundLogin (the one-statement path of a returning user)', () => {
  it('implies BOUND for every binding, login, policy and USCC verdict', () => {
    let held = 0;
    fc.assert(
      fc.property(
        binding.chain((bound) => fc.tuple(fc.constant(bound), loginFor(bound), fc.constantFrom('exact', 'equivalent'), fc.boolean())),
        ([bound, login, policy, usccValid]) => {
          if (!isUnchangedBoundLogin(login, bound)) return;
          held++;
          const decision = decide(login, bound, policy as 'exact' | 'equivalent', usccValid);
          expect(decision).toEqual({ status: 'BOUND', binding: bound });
        },
      ),
      { numRuns: 5000 },
    );
    expect(held).toBeGreaterThan(500); // not vacuous
  });

  const bound: AccountBindingFacts = {
    bindingId: '00000000-0000-4000-8000-000000000001',
    kind: 'legal_person',
    supersedeAt: null,
    since: new Date('2026-01-01T00:00:00Z'),
    organization: {
      id: '00000000-0000-4000-8000-000000000002',
      name: '辽宁省爱梦成真青年发展基金会',
      uscc: '53210000MJ2831229F',
      status: 'established',
      type: 'foundation',
      authorityCode: null,
      divisionCode: '210000',
    },
  };
  const legal = { userType: 'legal_person', claimedUscc: '53210000MJ2831229F', claimedName: '辽宁省爱梦成真青年发展基金会' };

  it('holds for a legal-person login with exactly the bound organization\'s USCC and name', () => {
    expect(isUnchangedBoundLogin(legal, bound)).toBe(true);
  });

  it.each([
    ['a half-width bracket or any other character differs', { claimedName: '辽宁省爱梦成真青年发展基金会 ' }],
    ['the name is missing', { claimedName: undefined }],
    ['the USCC has a trailing space', { claimedUscc: '53210000MJ2831229F ' }],
    ['the USCC is lower case', { claimedUscc: '53210000mj2831229f' }],
    ['the USCC names another organization', { claimedUscc: '51210300MB00000012' }],
  ])('does not hold when %s (the full path decides)', (_case, change) => {
    expect(isUnchangedBoundLogin({ ...legal, ...change }, bound)).toBe(false);
  });

  it('does not hold for a legal-person login once the organization is deregistered or not established', () => {
    for (const status of ['deregistered', 'in_formation'] as const) {
      expect(isUnchangedBoundLogin(legal, { ...bound, organization: { ...bound.organization, status } })).toBe(false);
    }
  });

  it('holds for a natural person whose organization is in formation, not once it is established (guide §3 注4)', () => {
    const person = { userType: 'natural_person', claimedUscc: undefined, claimedName: '张测试' };
    const inFormation = { ...bound, kind: 'legacy_account' as const, organization: { ...bound.organization, status: 'in_formation' as const, uscc: null } };
    expect(isUnchangedBoundLogin(person, inFormation)).toBe(true);
    expect(isUnchangedBoundLogin({ ...person, userType: 'individual_business' }, inFormation)).toBe(true);
    expect(isUnchangedBoundLogin(person, { ...inFormation, organization: { ...inFormation.organization, status: 'established' } })).toBe(false);
    expect(isUnchangedBoundLogin(person, { ...inFormation, organization: { ...inFormation.organization, status: 'deregistered' } })).toBe(false);
  });
});
