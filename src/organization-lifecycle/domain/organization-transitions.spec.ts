import {
  bindingEffect, checkTransition, isWithinGracePeriod, LifecycleStatus, ORGANIZATION_LIFECYCLE_STATUSES, supersessionDeadline,
} from './organization-transitions';

describe('organization state machine', () => {
  it.each([
    ['in_formation', 'established', 'establish'],
    ['in_formation', 'deregistered', 'deregister'],
    ['established', 'deregistered', 'deregister'],
  ] as const)('%s → %s is %s', (from, to, transition) => {
    expect(checkTransition(from, to)).toEqual({ allowed: true, transition });
  });

  it.each(ORGANIZATION_LIFECYCLE_STATUSES)('staying %s is allowed and no transition', (status) => {
    expect(checkTransition(status, status)).toEqual({ allowed: true, transition: null });
  });

  it.each([
    ['established', 'in_formation'],
    ['deregistered', 'in_formation'],
    ['deregistered', 'established'],
  ] as [LifecycleStatus, LifecycleStatus][])('%s → %s is refused with both statuses', (from, to) => {
    expect(checkTransition(from, to)).toEqual({ allowed: false, from, to });
  });

  it('establishment supersedes natural-person bindings and keeps legal-person ones', () => {
    expect(bindingEffect('establish', 'legacy_account')).toBe('supersede');
    expect(bindingEffect('establish', 'application')).toBe('supersede');
    expect(bindingEffect('establish', 'legal_person')).toBe('keep');
  });

  it('deregistration revokes every binding', () => {
    expect(bindingEffect('deregister', 'legacy_account')).toBe('revoke');
    expect(bindingEffect('deregister', 'application')).toBe('revoke');
    expect(bindingEffect('deregister', 'legal_person')).toBe('revoke');
  });

  it('a grace period postpones supersession by whole hours; none supersedes at once', () => {
    const now = new Date('2026-11-02T08:00:00Z');
    expect(supersessionDeadline(now, 0)).toBeNull();
    expect(supersessionDeadline(now, 72)).toEqual(new Date('2026-11-05T08:00:00Z'));
    const deadline = new Date('2026-11-05T08:00:00Z');
    expect(isWithinGracePeriod(deadline, new Date('2026-11-05T07:59:59.999Z'))).toBe(true);
    expect(isWithinGracePeriod(deadline, deadline)).toBe(false);
    expect(isWithinGracePeriod(null, now)).toBe(true);
  });
});
