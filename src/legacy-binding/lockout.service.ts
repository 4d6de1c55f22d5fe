import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Clock, InjectClock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { RequestMeta } from '../common/http/request-meta';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { ActiveLock, activeLock, failureMemoryCutoff, lockedUntilAfter, LockoutPolicy, remainingAttempts } from './domain/lockout';
import { LockoutCounterEntity } from './entities/lockout-counter.entity';
import { LockoutCountersRepository, LockoutSubject } from './lockout-counters.repository';

/** One attempt charged to one counter. */
interface Charge {
  readonly subject: LockoutSubject;
  readonly failures: number;
  /** The lock this charge set, if it set one. */
  readonly lockedUntil: Date | null;
}

/** An attempt charged to its counters before the password is verified ({@link LockoutService.reserve}). */
export interface AttemptReservation {
  readonly now: Date;
  readonly charges: readonly Charge[];
}

/** What a counted failure means for the caller. */
export interface FailureOutcome {
  /** Failures left before the next lock (the smallest over the counters). */
  readonly remainingAttempts: number;
  /** The lock this failure started or extended, when it did. */
  readonly lock: ActiveLock | null;
}

/** How often forgotten counters are deleted (per replica). */
const HOUSEKEEPING_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Temporary lockout of legacy-binding attempts (domain/lockout.ts), per legacy login name and per
 * platform account, in PostgreSQL. An attempt is checked and charged before its password is
 * verified ({@link reserve}); a wrong password leaves it counted ({@link failed}), right credentials
 * give it back ({@link refund}) or, when the binding succeeds, clear the counters. Also the API to
 * read and clear a counter (operators now, registrars later).
 */
@Injectable()
export class LockoutService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(LockoutService.name);
  private readonly policy: LockoutPolicy;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectConfig() config: AppConfig,
    @InjectClock() private readonly clock: Clock,
    private readonly counters: LockoutCountersRepository,
    private readonly audit: AuditService,
  ) {
    this.policy = config.lockout;
  }

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.deleteForgotten().catch((error: unknown) => this.logger.warn({ err: error }, 'lockout housekeeping failed'));
    }, HOUSEKEEPING_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * Check and charge one attempt to each of `subjects`, before the password is looked at.
   * @throws ACCOUNT_TEMPORARILY_LOCKED (429, `Retry-After`) when any counter is locked; then
   *   nothing stays charged.
   */
  async reserve(subjects: readonly LockoutSubject[]): Promise<AttemptReservation> {
    const now = this.clock.now();
    const locked = await this.counters.findLocked(subjects, now);
    if (locked.length > 0) throw lockedErrorFor(locked, now);
    const forgetBefore = failureMemoryCutoff(now, this.policy);
    const charges: Charge[] = [];
    for (const subject of subjects) {
      const charged = await this.counters.chargeAttempt(subject, now, forgetBefore, (failures) => lockedUntilAfter(failures, now, this.policy));
      if (!charged) {
        // Locked by a concurrent attempt since the check: give back what this attempt charged.
        await this.refund({ now, charges });
        throw lockedErrorFor(await this.counters.findLocked(subjects, now), now);
      }
      charges.push({ subject, ...charged });
    }
    return { now, charges };
  }

  /**
   * The reserved attempt failed (wrong password or unknown login): it stays counted. Audits each
   * lock it started and tells the caller how many attempts remain and whether it is now locked.
   */
  async failed(reservation: AttemptReservation, meta: RequestMeta, actor: string): Promise<FailureOutcome> {
    let lock: ActiveLock | null = null;
    for (const charge of reservation.charges) {
      const started = activeLock(charge.lockedUntil, reservation.now);
      if (!started) continue;
      if (!lock || started.retryAt > lock.retryAt) lock = started;
      await this.audit.record({
        actorKind: 'platform_user',
        actor,
        action: 'lockout.locked',
        targetType: `lockout:${charge.subject.kind}`,
        targetId: charge.subject.key,
        outcome: 'success',
        requestId: meta.requestId,
        clientIp: meta.clientIp,
        details: { kind: charge.subject.kind, failures: charge.failures, lockedUntil: started.retryAt.toISOString() },
      });
    }
    const remaining = Math.min(...reservation.charges.map((c) => remainingAttempts(c.failures, this.policy)));
    return { remainingAttempts: Number.isFinite(remaining) ? remaining : this.policy.maxFailures, lock };
  }

  /** The credentials were right (binding refused for another reason): give the attempt back. */
  async refund(reservation: AttemptReservation): Promise<void> {
    for (const charge of reservation.charges) await this.counters.refund(charge.subject, charge.lockedUntil);
  }

  /** Forget the counters of a successful binding (inside its transaction). */
  async clearOnSuccess(subjects: readonly LockoutSubject[], manager: EntityManager): Promise<void> {
    for (const subject of subjects) await this.counters.delete(subject, manager);
  }

  /** The counter as it is now (with whether it locks at this instant). */
  async get(subject: LockoutSubject): Promise<{ counter: LockoutCounterEntity; lock: ActiveLock | null }> {
    const counter = await this.counters.find(subject);
    if (!counter) throw new DomainError(ErrorCode.NOT_FOUND);
    return { counter, lock: activeLock(counter.lockedUntil, this.clock.now()) };
  }

  /** Clear a counter (and any lock) on an operator's or registrar's request, audited with the reason. */
  async clear(
    subject: LockoutSubject,
    by: { actorKind: 'service' | 'registrar'; actor: string; reason: string },
    meta: RequestMeta,
  ): Promise<{ counter: LockoutCounterEntity; lock: ActiveLock | null }> {
    const now = this.clock.now();
    const counter = await this.counters.delete(subject);
    if (!counter) throw new DomainError(ErrorCode.NOT_FOUND);
    const lock = activeLock(counter.lockedUntil, now);
    await this.audit.record({
      actorKind: by.actorKind,
      actor: by.actor,
      action: 'lockout.cleared',
      targetType: `lockout:${subject.kind}`,
      targetId: subject.key,
      outcome: 'success',
      reason: by.reason,
      requestId: meta.requestId,
      clientIp: meta.clientIp,
      details: { kind: subject.kind, failures: counter.failures, wasLocked: lock !== null, lockedUntil: counter.lockedUntil?.toISOString() ?? null },
    });
    return { counter, lock };
  }

  /** Delete counters whose failures are forgotten and whose lock is over. */
  deleteForgotten(): Promise<number> {
    const now = this.clock.now();
    return this.counters.deleteForgotten(failureMemoryCutoff(now, this.policy), now);
  }
}

/** ACCOUNT_TEMPORARILY_LOCKED for the latest of the locks in force. */
function lockedErrorFor(locked: readonly LockoutCounterEntity[], now: Date): DomainError {
  const retryAt = locked.reduce<Date | null>((latest, c) => (c.lockedUntil && (!latest || c.lockedUntil > latest) ? c.lockedUntil : latest), null);
  // The lock ended in the instant between the two reads: tell the caller to retry at once.
  const lock = activeLock(retryAt, now) ?? { retryAt: new Date(now.getTime() + 1000), retryAfterSeconds: 1 };
  return lockedError(lock, locked.map((c) => c.kind));
}

/** ACCOUNT_TEMPORARILY_LOCKED with `Retry-After` and the retry time in the body. */
export function lockedError(lock: ActiveLock, kinds: readonly string[]): DomainError {
  return new DomainError(
    ErrorCode.ACCOUNT_TEMPORARILY_LOCKED,
    { retryAt: beijingTime(lock.retryAt), retryAfterSeconds: lock.retryAfterSeconds },
    { retryAt: lock.retryAt.toISOString(), retryAfterSeconds: lock.retryAfterSeconds, lockedBy: [...new Set(kinds)].sort() },
    { 'retry-after': String(lock.retryAfterSeconds) },
  );
}

const BEIJING = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});

/** `2026-11-29 16:05:00` in Beijing time (UTC+8), for messages. */
export function beijingTime(instant: Date): string {
  return BEIJING.format(instant);
}
