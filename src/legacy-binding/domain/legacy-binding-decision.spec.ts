import { decideLegacyBinding, LegacyBindingFacts } from './legacy-binding-decision';

const NAME = '鞍山市千山区太极拳运动协会';
const facts = (overrides: Partial<LegacyBindingFacts> = {}): LegacyBindingFacts => ({
  accountStatus: 'unbound',
  organization: { name: NAME, status: 'in_formation' },
  claimedOrganizationName: NAME,
  policy: 'exact',
  platformAccountBound: false,
  ...overrides,
});

describe('decideLegacyBinding', () => {
  it('binds an unbound account of an organization in formation whose name is typed exactly', () => {
    expect(decideLegacyBinding(facts())).toEqual({ outcome: 'BIND' });
  });

  it('refuses a platform account that is already bound, before anything else', () => {
    expect(decideLegacyBinding(facts({ platformAccountBound: true, accountStatus: 'disabled' }))).toEqual({ outcome: 'ALREADY_BOUND' });
  });

  it('refuses a disabled legacy account', () => {
    expect(decideLegacyBinding(facts({ accountStatus: 'disabled', claimedOrganizationName: 'x' }))).toEqual({ outcome: 'LEGACY_ACCOUNT_DISABLED' });
  });

  it('sends established organizations to a legal-person user and refuses deregistered ones', () => {
    expect(decideLegacyBinding(facts({ organization: { name: NAME, status: 'established' } }))).toEqual({ outcome: 'LEGAL_PERSON_ACCOUNT_REQUIRED' });
    expect(decideLegacyBinding(facts({ organization: { name: NAME, status: 'deregistered' }, accountStatus: 'bound' }))).toEqual({ outcome: 'ORGANIZATION_DEREGISTERED' });
  });

  it('refuses a legacy account bound to someone else even when the name is also wrong (nothing to fix)', () => {
    expect(decideLegacyBinding(facts({ accountStatus: 'bound', claimedOrganizationName: '鞍山市千山区太极拳协会' }))).toEqual({ outcome: 'LEGACY_ACCOUNT_ALREADY_BOUND' });
  });

  it('explains a name that differs from the registered one', () => {
    const decision = decideLegacyBinding(facts({ claimedOrganizationName: '鞍山市千山区太极拳协会' }));
    expect(decision.outcome).toBe('ORGANIZATION_NAME_MISMATCH');
    expect(decision.outcome === 'ORGANIZATION_NAME_MISMATCH' && decision.differences.map((d) => [d.kind, d.registeredChar])).toEqual([['missing', '运'], ['missing', '动']]);
  });

  it('follows the configured name policy', () => {
    const spaced = `${NAME} `;
    expect(decideLegacyBinding(facts({ claimedOrganizationName: spaced })).outcome).toBe('ORGANIZATION_NAME_MISMATCH');
    expect(decideLegacyBinding(facts({ claimedOrganizationName: spaced, policy: 'equivalent' })).outcome).toBe('BIND');
  });
});
