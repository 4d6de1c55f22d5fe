import { ExecutionContext, Global, Inject, Injectable, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ThrottlerModule, ThrottlerStorage } from '@nestjs/throttler';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { platformAccountKey, PlatformPrincipal } from '../auth/platform-principal';
import { Clock, CLOCK } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { PostgresThrottlerStorage } from './postgres-throttler.storage';
import { rateLimitGroupOf, RateLimitGuard } from './rate-limit.guard';

function limitFor(config: AppConfig, kind: 'perAccount' | 'perIp') {
  return (context: ExecutionContext): number => {
    const group = rateLimitGroupOf(context);
    return group ? config.rateLimits[group][kind] : Number.MAX_SAFE_INTEGER;
  };
}

/** Deletes counters of ended windows now and then (they would be reset on their next hit anyway). */
@Injectable()
class RateLimitBucketPurger implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimits');
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(ThrottlerStorage) private readonly storage: PostgresThrottlerStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    const everyMs = Math.max(60, this.config.rateLimits.windowSeconds) * 1000;
    this.timer = setInterval(() => {
      this.storage.purgeEnded(this.clock.now()).catch((error: unknown) => this.logger.warn(`purging ended rate-limit windows failed: ${(error as Error).message}`));
    }, everyMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

/**
 * Rate limits on the binding, application and review endpoints, per platform account and per
 * client IP, counted in PostgreSQL so that every replica sees the same counts.
 */
@Global()
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG, getDataSourceToken(), CLOCK],
      useFactory: (config: AppConfig, dataSource: DataSource, clock: Clock) => ({
        storage: new PostgresThrottlerStorage(dataSource, clock),
        setHeaders: false,
        generateKey: (context: ExecutionContext, tracker: string, name: string) => `${rateLimitGroupOf(context) ?? 'none'}:${name}:${tracker}`,
        throttlers: [
          {
            name: 'account',
            ttl: config.rateLimits.windowSeconds * 1000,
            limit: limitFor(config, 'perAccount'),
            getTracker: (request: Record<string, unknown>) => {
              const principal = request.user as PlatformPrincipal | undefined;
              return principal?.subject ? platformAccountKey(principal) : `ip:${(request as unknown as FastifyRequest).ip}`;
            },
          },
          {
            name: 'ip',
            ttl: config.rateLimits.windowSeconds * 1000,
            limit: limitFor(config, 'perIp'),
            getTracker: (request: Record<string, unknown>) => (request as unknown as FastifyRequest).ip,
          },
        ],
      }),
    }),
  ],
  providers: [
    RateLimitGuard,
    RateLimitBucketPurger,
  ],
  exports: [ThrottlerModule, RateLimitGuard],
})
export class RateLimitsModule {}
