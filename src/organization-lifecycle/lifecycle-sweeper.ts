import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Clock, InjectClock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { systemParty } from '../sessions/acting-party';
import { SessionEndingService } from '../sessions/session-ending.service';
import { BindingSupersessionService } from './binding-supersession.service';

/**
 * Every `LIFECYCLE_SWEEP_INTERVAL_SECONDS` (0: never), on each replica: supersede the bindings
 * whose grace period is over and end the sessions that have expired. Correctness does not depend
 * on it (both are also applied whenever met); it keeps the stored state and the event feed timely.
 * Replicas share the work (`SKIP LOCKED`).
 */
@Injectable()
export class LifecycleSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('LifecycleSweeper');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectClock() private readonly clock: Clock,
    private readonly supersession: BindingSupersessionService,
    private readonly sessions: SessionEndingService,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.lifecycle.sweepIntervalSeconds;
    if (seconds === 0) return;
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.sweep().catch((error: unknown) => this.logger.error({ err: error }, 'lifecycle sweep failed')).finally(() => {
        this.running = undefined;
      });
    }, seconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One sweep. @returns what it did. */
  async sweep(): Promise<{ supersededBindings: number; expiredSessions: number }> {
    const supersededBindings = await this.supersession.applyDue({ all: true }, systemParty('lifecycle-sweeper'));
    const expiredSessions = await this.sessions.endExpired(this.clock.now());
    return { supersededBindings, expiredSessions };
  }
}
