import { Global, Module } from '@nestjs/common';
import { LifecycleState } from './lifecycle-state';

/** The process's lifecycle phase (readiness, shutdown), one instance per application. */
@Global()
@Module({ providers: [{ provide: LifecycleState, useFactory: () => new LifecycleState() }], exports: [LifecycleState] })
export class LifecycleModule {}
