import { DynamicModule, Global, Inject, Module } from '@nestjs/common';

/**
 * The time source of rules that depend on time (lockout waits, failure memory, timeouts).
 * Inject it instead of calling `new Date()` so that tests can move time (test/support/manual-clock.ts).
 */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };

/** Injection token of the {@link Clock}. */
export const CLOCK = Symbol('CLOCK');

/** Inject the {@link Clock}. */
export const InjectClock = (): ParameterDecorator => Inject(CLOCK);

/** Provides the clock everywhere: the wall clock, or the one a test passes to `createApp`. */
@Global()
@Module({})
export class ClockModule {
  static forRoot(clock: Clock = systemClock): DynamicModule {
    return { module: ClockModule, providers: [{ provide: CLOCK, useValue: clock }], exports: [CLOCK] };
  }
}
