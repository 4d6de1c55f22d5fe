import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';
import { AuditSealer, SealRound } from './audit-sealer';

/** Warn about a gap that blocks sealing once it has been watched this long, and then every as long again. */
const BLOCKED_WARNING_MS = 60_000;

/**
 * Runs the {@link AuditSealer} in the background of every replica, every
 * `AUDIT_SEAL_INTERVAL_MS` (each round seals until caught up). Off the request path: requests
 * only insert events. Stops, and waits for the round in flight, when the application closes.
 */
@Injectable()
export class AuditSealerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AuditSealer');
  private readonly sealer: AuditSealer;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private stopped = false;
  private nextBlockedWarningMs = BLOCKED_WARNING_MS;

  constructor(@InjectConfig() private readonly config: AppConfig, @InjectDataSource() dataSource: DataSource) {
    const { batchSize, gapGraceMs } = config.audit.sealer;
    this.sealer = new AuditSealer(dataSource, { batchSize, gapGraceMs });
  }

  onApplicationBootstrap(): void {
    if (this.config.audit.sealer.enabled) this.schedule();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.inFlight;
  }

  /** One round now (until caught up); the loop uses it too. */
  async sealRound(): Promise<SealRound> {
    return this.sealer.sealUntilCaughtUp();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.inFlight = this.tick().finally(() => {
        this.inFlight = undefined;
        this.schedule();
      });
    }, this.config.audit.sealer.intervalMs);
  }

  private async tick(): Promise<void> {
    try {
      const round = await this.sealRound();
      const watched = round.blockedBy?.watchedMs ?? null;
      if (watched === null || watched < BLOCKED_WARNING_MS) {
        this.nextBlockedWarningMs = BLOCKED_WARNING_MS;
      } else if (watched >= this.nextBlockedWarningMs) {
        this.nextBlockedWarningMs = watched + BLOCKED_WARNING_MS;
        this.logger.warn(
          `audit sealing has waited ${Math.round(watched / 1000)} s at missing ids ${round.blockedBy!.fromId}–${round.blockedBy!.throughId}: ` +
            'a database transaction older than that is still open (see pg_stat_activity); sealing resumes when it ends',
        );
      }
    } catch (error) {
      if (!this.stopped) this.logger.warn(`audit sealing round failed (retried in ${this.config.audit.sealer.intervalMs} ms): ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
