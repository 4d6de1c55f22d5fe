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
import { reportLostConnections } from './database/lost-connections';
import { DataSource } from 'typeorm';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { ProblemsModule } from './problems/problems.module';
import { IdentityClaimsModule } from './identity-claims/identity-claims.module';
import { LifecycleModule } from './lifecycle/lifecycle.module';
import { MetricsModule } from './metrics/metrics.module';
import { PersonalDataModule } from './personal-data/personal-data.module';
import { RegistrarReviewModule } from './registrar-review/registrar-review.module';
import { RegistrationApplicationsModule } from './registration-applications/registration-applications.module';
import { OrganizationLifecycleModule } from './organization-lifecycle/organization-lifecycle.module';
import { LegacyBindingModule } from './legacy-binding/legacy-binding.module';
import { RegistryModule } from './registry/registry.module';
import { SessionsModule } from './sessions/sessions.module';
import { SupportModule } from './support/support.module';
import { RateLimitsModule } from './rate-limits/rate-limits.module';

/** What tests may replace when building the application. */
export interface AppOverrides {
  /** The clock of every time-dependent rule (default: the system clock). */
  readonly clock?: Clock;
}

/** The application, wired from a validated and resolved configuration. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, overrides: AppOverrides = {}): DynamicModule {
    const url = config.database.url;
    if (!url) throw new Error('database URL not resolved');
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LifecycleModule,
        MetricsModule,
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
          dataSourceFactory: async (options) => reportLostConnections(await new DataSource(options!).initialize()),
        }),
        RateLimitsModule,
        AuditModule,
        PersonalDataModule,
        EventsModule,
        BindingsModule,
        RegistryModule,
        AuthModule,
        IdentityClaimsModule,
        RegistrationApplicationsModule,
        RegistrarReviewModule,
        OrganizationLifecycleModule,
        SessionsModule,
        LegacyBindingModule,
        SupportModule,
        HealthModule,
        ProblemsModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
