import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BindingsModule } from './bindings/bindings.module';
import { Clock, ClockModule } from './common/clock';
import { ProblemDetailsFilter } from './common/errors/problem-details.filter';
import { loggerOptions } from './common/logging';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source';
import { HealthModule } from './health/health.module';
import { IdentityClaimsModule } from './identity-claims/identity-claims.module';
import { LegacyBindingModule } from './legacy-binding/legacy-binding.module';
import { RegistryModule } from './registry/registry.module';

/** The application, wired from a validated and resolved configuration. */
@Module({})
export class AppModule {
  /** `overrides.clock`: the time source (tests move it); the wall clock otherwise. */
  static forRoot(config: AppConfig, overrides: { clock?: Clock } = {}): DynamicModule {
    const url = config.database.url;
    if (!url) throw new Error('database URL not resolved');
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule.forRoot(overrides.clock),
        LoggerModule.forRootAsync({ useFactory: () => loggerOptions(config) }),
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...dataSourceOptions({
              url,
              poolSize: config.database.poolSize,
              statementTimeoutMs: config.database.statementTimeoutMs,
            }),
            retryAttempts: 0,
          }),
        }),
        AuditModule,
        BindingsModule,
        RegistryModule,
        AuthModule,
        IdentityClaimsModule,
        LegacyBindingModule,
        HealthModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
