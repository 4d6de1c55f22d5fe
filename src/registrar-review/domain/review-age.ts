/**
 * How long an application has waited for review, and the age buckets of the statistics. Pure.
 * Ages are whole days (floor) from submission to the decision or withdrawal, or to now while
 * pending. An application is overdue while pending and older than the configured limit
 * (`REVIEW_OVERDUE_DAYS`, default 30: `ageDays > 30`), as Corppass expires approvals.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** An age bucket: `minDays` to `maxDays` whole days (inclusive), the last open-ended. */
export interface AgeBucket {
  readonly label: string;
  readonly minDays: number;
  readonly maxDays: number | null;
}

/** The statistics' buckets: within a week, two weeks, a month, two months, older. */
export const AGE_BUCKETS: readonly AgeBucket[] = [
  { label: '0-7', minDays: 0, maxDays: 7 },
  { label: '8-14', minDays: 8, maxDays: 14 },
  { label: '15-30', minDays: 15, maxDays: 30 },
  { label: '31-60', minDays: 31, maxDays: 60 },
  { label: '61+', minDays: 61, maxDays: null },
];

/** Whole days from `from` to `until` (never negative). */
export function wholeDaysBetween(from: Date, until: Date): number {
  return Math.max(0, Math.floor((until.getTime() - from.getTime()) / DAY_MS));
}

/** The facts the age of an application depends on. */
export interface AgeFacts {
  readonly status: string;
  readonly submittedAt: Date;
  readonly decidedAt: Date | null;
  readonly withdrawnAt: Date | null;
}

/** Age in days and whether the application is overdue. */
export function reviewAge(facts: AgeFacts, now: Date, overdueDays: number): { ageDays: number; overdue: boolean } {
  const until = facts.decidedAt ?? facts.withdrawnAt ?? now;
  const ageDays = wholeDaysBetween(facts.submittedAt, until);
  return { ageDays, overdue: facts.status === 'pending' && ageDays > overdueDays };
}

/**
 * The latest submission time that is overdue at `now`: `ageDays > overdueDays` ⇔ at least
 * `overdueDays + 1` whole days have passed.
 */
export function overdueSubmittedBefore(now: Date, overdueDays: number): Date {
  return new Date(now.getTime() - (overdueDays + 1) * DAY_MS);
}

/** The bucket of an age. */
export function ageBucket(ageDays: number): AgeBucket {
  return AGE_BUCKETS.find((b) => ageDays >= b.minDays && (b.maxDays === null || ageDays <= b.maxDays)) ?? AGE_BUCKETS[0];
}
