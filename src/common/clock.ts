import { DynamicModule, Global, Inject, Module } from '@nestjs/common';

/** The current time. Rules that depend on time (session timeouts, grace periods) read it here, so tests control it. */
export interface Clock {
  now(): Date;
}

/** Injection token of the {@link Clock}. */
export const CLOCK = Symbol('CLOCK');

/** Inject the {@link Clock}. */
export const InjectClock = (): ParameterDecorator => Inject(CLOCK);

/** The wall clock. */
export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

/** Provides the clock: the system clock, or the one given (tests). */
@Global()
@Module({})
export class ClockModule {
  static forRoot(clock: Clock = new SystemClock()): DynamicModule {
    return { module: ClockModule, providers: [{ provide: CLOCK, useValue: clock }], exports: [CLOCK] };
  }
}

/** The wall clock, as a value. */
export const systemClock: Clock = new SystemClock();
