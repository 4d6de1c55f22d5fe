import { Global, Module } from '@nestjs/common';
import { BindingsRepository } from './bindings.repository';

/** Bindings of platform accounts to organization accounts, shared by every capability. */
@Global()
@Module({ providers: [BindingsRepository], exports: [BindingsRepository] })
export class BindingsModule {}
