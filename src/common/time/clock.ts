import { Global, Module } from '@nestjs/common';

/**
 * The current time, injected wherever a rule depends on it (application age, overdue review),
 * so that tests control it (`jest.spyOn(app.get(Clock), 'now')`). Never call `new Date()` for
 * such rules directly.
 */
export abstract class Clock {
  abstract now(): Date;
}

/** The wall clock. */
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** Provides the one {@link Clock} of the application. */
@Global()
@Module({ providers: [{ provide: Clock, useClass: SystemClock }], exports: [Clock] })
export class ClockModule {}
