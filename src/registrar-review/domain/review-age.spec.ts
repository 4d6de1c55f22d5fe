import { AGE_BUCKETS, ageBucket, overdueSubmittedBefore, reviewAge, wholeDaysBetween } from './review-age';

const DAY = 24 * 60 * 60 * 1000;
const now = new Date('2026-11-20T08:00:00.000Z');
const daysAgo = (d: number, extraMs = 0) => new Date(now.getTime() - d * DAY - extraMs);

describe('review age', () => {
  it('counts whole days, never negative', () => {
    expect(wholeDaysBetween(daysAgo(0), now)).toBe(0);
    expect(wholeDaysBetween(daysAgo(1, -1), now)).toBe(0);
    expect(wholeDaysBetween(daysAgo(1), now)).toBe(1);
    expect(wholeDaysBetween(new Date(now.getTime() + DAY), now)).toBe(0);
  });

  it('is overdue only while pending and older than the limit', () => {
    expect(reviewAge({ status: 'pending', submittedAt: daysAgo(30, 3600_000), decidedAt: null, withdrawnAt: null }, now, 30)).toEqual({ ageDays: 30, overdue: false });
    expect(reviewAge({ status: 'pending', submittedAt: daysAgo(31), decidedAt: null, withdrawnAt: null }, now, 30)).toEqual({ ageDays: 31, overdue: true });
    expect(reviewAge({ status: 'pending', submittedAt: daysAgo(8), decidedAt: null, withdrawnAt: null }, now, 7)).toEqual({ ageDays: 8, overdue: true });
  });

  it('stops the age at the decision or withdrawal', () => {
    expect(reviewAge({ status: 'approved', submittedAt: daysAgo(90), decidedAt: daysAgo(85), withdrawnAt: null }, now, 30)).toEqual({ ageDays: 5, overdue: false });
    expect(reviewAge({ status: 'withdrawn', submittedAt: daysAgo(90), decidedAt: null, withdrawnAt: daysAgo(50) }, now, 30)).toEqual({ ageDays: 40, overdue: false });
  });

  it('gives the submission cut-off for overdue filtering consistent with reviewAge', () => {
    const cutoff = overdueSubmittedBefore(now, 30);
    expect(reviewAge({ status: 'pending', submittedAt: cutoff, decidedAt: null, withdrawnAt: null }, now, 30).overdue).toBe(true);
    expect(reviewAge({ status: 'pending', submittedAt: new Date(cutoff.getTime() + 1), decidedAt: null, withdrawnAt: null }, now, 30).overdue).toBe(false);
  });

  it('puts every age in exactly one bucket', () => {
    expect([0, 7, 8, 14, 15, 30, 31, 60, 61, 400].map((d) => ageBucket(d).label)).toEqual(['0-7', '0-7', '8-14', '8-14', '15-30', '15-30', '31-60', '31-60', '61+', '61+']);
    for (let d = 0; d < 200; d++) expect(AGE_BUCKETS.filter((b) => d >= b.minDays && (b.maxDays === null || d <= b.maxDays))).toHaveLength(1);
  });
});
