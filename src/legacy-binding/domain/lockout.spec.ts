import fc from 'fast-check';
import {
  activeLock, applyFailure, DEFAULT_LOCKOUT_POLICY, failureMemoryCutoff, LockoutState, lockoutWaitSeconds, remainingAttempts,
} from './lockout';

const policy = DEFAULT_LOCKOUT_POLICY;
const t0 = new Date('2026-11-29T08:00:00.000Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe('lockoutWaitSeconds (Keycloak: increment × ⌊failures / max⌋, capped)', () => {
  it('does not lock below the threshold', () => {
    for (let failures = 0; failures < 5; failures++) expect(lockoutWaitSeconds(failures, policy)).toBe(0);
  });

  it('escalates by one increment per further multiple of the threshold, up to the maximum', () => {
    expect([5, 9, 10, 14, 15, 70, 74, 75, 1000].map((f) => lockoutWaitSeconds(f, policy))).toEqual([60, 60, 120, 120, 180, 840, 840, 900, 900]);
  });

  it('never exceeds the maximum and never decreases with more failures', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000 }), (failures) => {
      const wait = lockoutWaitSeconds(failures, policy);
      expect(wait).toBeLessThanOrEqual(policy.maxWaitSeconds);
      expect(lockoutWaitSeconds(failures + 1, policy)).toBeGreaterThanOrEqual(wait);
    }));
  });
});

describe('applyFailure', () => {
  it('locks for one minute at the fifth failure, then for another minute at each further failure', () => {
    let state: LockoutState | null = null;
    for (let i = 0; i < 4; i++) state = applyFailure(state, at(i), policy);
    expect(state).toEqual({ failures: 4, lastFailureAt: at(3), lockedUntil: null });
    state = applyFailure(state, at(10), policy);
    expect(state).toEqual({ failures: 5, lastFailureAt: at(10), lockedUntil: at(70) });
    state = applyFailure(state, at(80), policy);
    expect(state.lockedUntil).toEqual(at(140));
  });

  it('reaches two minutes at the tenth failure', () => {
    let state: LockoutState | null = null;
    for (let i = 0; i < 10; i++) state = applyFailure(state, at(i * 100), policy);
    expect(state).toMatchObject({ failures: 10, lockedUntil: at(900 + 120) });
  });

  it('forgets failures after twelve hours without one', () => {
    let state: LockoutState | null = null;
    for (let i = 0; i < 7; i++) state = applyFailure(state, at(i * 100), policy);
    const quiet = 12 * 3600;
    expect(applyFailure(state, at(600 + quiet), policy)).toEqual({ failures: 1, lastFailureAt: at(600 + quiet), lockedUntil: null });
    expect(applyFailure(state, at(600 + quiet - 1), policy).failures).toBe(8);
  });

  it('never shortens an earlier lock', () => {
    const state: LockoutState = { failures: 3, lastFailureAt: at(0), lockedUntil: at(10_000) };
    expect(applyFailure(state, at(5), policy).lockedUntil).toEqual(at(10_000));
  });

  it('counts every failure once (property: n failures within the memory make n)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 3600 }), { minLength: 1, maxLength: 50 }), (gaps) => {
      let state: LockoutState | null = null;
      let clock = 0;
      for (const gap of gaps) {
        clock += gap;
        state = applyFailure(state, at(clock), policy);
      }
      expect(state!.failures).toBe(gaps.length);
    }));
  });
});

describe('activeLock', () => {
  it('is in force until the instant it ends, with Retry-After rounded up', () => {
    expect(activeLock(at(60), at(0))).toEqual({ retryAt: at(60), retryAfterSeconds: 60 });
    expect(activeLock(at(60), new Date(t0.getTime() + 59_001))).toEqual({ retryAt: at(60), retryAfterSeconds: 1 });
    expect(activeLock(at(60), at(60))).toBeNull();
    expect(activeLock(null, at(0))).toBeNull();
  });
});

describe('remainingAttempts and failureMemoryCutoff', () => {
  it('counts down to the threshold', () => {
    expect([0, 1, 4, 5, 9].map((f) => remainingAttempts(f, policy))).toEqual([5, 4, 1, 0, 0]);
  });

  it('places the cutoff twelve hours back', () => {
    expect(failureMemoryCutoff(at(43_200), policy)).toEqual(t0);
  });
});
