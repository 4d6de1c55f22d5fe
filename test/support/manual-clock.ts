import { Clock } from '../../src/common/clock';

/** A clock a test moves by hand (pass it to `startTestApp(env, { clock })`). */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date = new Date()) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Move forward by `seconds`. */
  advance(seconds: number): void {
    this.current += seconds * 1000;
  }

  set(instant: Date): void {
    this.current = instant.getTime();
  }
}
