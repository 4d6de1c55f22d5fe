import { sessionDeadlines, sessionExpiry, shouldRecordActivity } from './session-timeouts';

const T0 = new Date('2026-11-02T08:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const TIMEOUTS = { idleSeconds: 30 * 60, absoluteSeconds: 12 * 3600 };

describe('session timeouts', () => {
  it('computes both deadlines and the earlier one', () => {
    const d = sessionDeadlines({ startedAt: T0, lastActivityAt: at(600) }, TIMEOUTS);
    expect(d.idleExpiresAt).toEqual(at(600 + 1800));
    expect(d.absoluteExpiresAt).toEqual(at(12 * 3600));
    expect(d.expiresAt).toEqual(d.idleExpiresAt);
    const late = sessionDeadlines({ startedAt: T0, lastActivityAt: at(12 * 3600 - 60) }, TIMEOUTS);
    expect(late.expiresAt).toEqual(late.absoluteExpiresAt);
  });

  it('is not expired one millisecond before the idle deadline, expired at it', () => {
    const times = { startedAt: T0, lastActivityAt: T0 };
    expect(sessionExpiry(times, TIMEOUTS, new Date(at(1800).getTime() - 1))).toBeNull();
    expect(sessionExpiry(times, TIMEOUTS, at(1800))).toEqual({ reason: 'idle_timeout', at: at(1800) });
  });

  it('expires absolutely after 12 hours even when active a minute ago', () => {
    const times = { startedAt: T0, lastActivityAt: at(12 * 3600 - 60) };
    expect(sessionExpiry(times, TIMEOUTS, at(12 * 3600 - 1))).toBeNull();
    expect(sessionExpiry(times, TIMEOUTS, at(12 * 3600))).toEqual({ reason: 'absolute_timeout', at: at(12 * 3600) });
  });

  it('names the deadline reached first when both have passed', () => {
    const idleFirst = sessionExpiry({ startedAt: T0, lastActivityAt: at(3600) }, TIMEOUTS, at(48 * 3600));
    expect(idleFirst).toEqual({ reason: 'idle_timeout', at: at(3600 + 1800) });
    const absoluteFirst = sessionExpiry({ startedAt: T0, lastActivityAt: at(12 * 3600 - 10) }, TIMEOUTS, at(48 * 3600));
    expect(absoluteFirst).toEqual({ reason: 'absolute_timeout', at: at(12 * 3600) });
  });

  it('records activity only when the last write is at least the interval old', () => {
    expect(shouldRecordActivity(T0, at(29), 30)).toBe(false);
    expect(shouldRecordActivity(T0, at(30), 30)).toBe(true);
    expect(shouldRecordActivity(T0, T0, 0)).toBe(true);
  });
});
