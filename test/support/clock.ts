import { Clock } from '../../src/common/clock';

/**
 * A clock the test moves by hand (`startTestApp(env, { clock })`). It starts at the real time (or
 * the instant given), so rows it stamps stay plausible next to rows stamped by the database.
 */
export class TestClock implements Clock {
  private current: number;

  constructor(start: Date = new Date()) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Move forward by a number of seconds, or by hours/minutes/seconds. */
  advance(by: number | { hours?: number; minutes?: number; seconds?: number }): void {
    const seconds = typeof by === 'number' ? by : (by.hours ?? 0) * 3600 + (by.minutes ?? 0) * 60 + (by.seconds ?? 0);
    if (seconds < 0) throw new Error('TestClock only moves forward');
    this.current += seconds * 1000;
  }

  /** Jump to an instant. */
  set(instant: Date): void {
    this.current = instant.getTime();
  }
}
