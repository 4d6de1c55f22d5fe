import { Clock } from '../../src/common/clock';

/**
 * A clock the test moves by hand (`startTestApp(env, { clock })`). It starts at the real time, so
 * rows it stamps stay plausible next to rows stamped by the database, and only moves forward.
 */
export class TestClock implements Clock {
  private current = new Date();

  now(): Date {
    return new Date(this.current.getTime());
  }

  /** Move forward by minutes/hours/seconds. */
  advance(by: { hours?: number; minutes?: number; seconds?: number }): void {
    const ms = ((by.hours ?? 0) * 3600 + (by.minutes ?? 0) * 60 + (by.seconds ?? 0)) * 1000;
    if (ms < 0) throw new Error('TestClock only moves forward');
    this.current = new Date(this.current.getTime() + ms);
  }
}
