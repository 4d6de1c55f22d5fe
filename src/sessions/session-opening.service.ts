import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { PlatformPrincipal } from '../auth/platform-principal';
import { uniqueViolation } from '../bindings/bindings.repository';
import { chinaDateTime } from '../common/china-time';
import { Clock, InjectClock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { maskIp } from '../common/http/client-ip';
import { RequestMeta } from '../common/http/request-meta';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { EventsService, NewEvent } from '../events/events.service';
import { ResolutionService } from '../identity-claims/resolution.service';
import { BindingSupersessionService } from '../organization-lifecycle/binding-supersession.service';
import { isWithinGracePeriod } from '../organization-lifecycle/domain/organization-transitions';
import { ActingParty, systemParty, userParty } from './acting-party';
import { describeDevice } from './domain/device-description';
import { decideSessionOpening } from './domain/session-policy';
import { sessionDeadlines, sessionExpiry, SessionTimeouts } from './domain/session-timeouts';
import { OpenSessionDto, OpenSessionResponseDto } from './dto/session.dto';
import { SessionEndingService } from './session-ending.service';
import { presentSession, summarizeSession } from './session-presenter';
import { SessionEntity } from './session.entity';

const MAX_ATTEMPTS = 3;

/** The login as the management system reports it. */
interface Login {
  readonly clientIp: string | null;
  readonly userAgent: string | null;
  readonly takeover: boolean;
}

type Attempt =
  | { readonly kind: 'opened'; readonly session: SessionEntity; readonly replaced: SessionEntity | null }
  | { readonly kind: 'prompt' | 'deny'; readonly other: SessionEntity }
  /** The binding or organization changed since the resolution (or a concurrent opening won): resolve again. */
  | { readonly kind: 'retry' };

/**
 * `POST /v1/sessions`: open the one session of an organization account (guide 图11).
 *
 * The platform user must resolve to BOUND (the same resolution as `POST /v1/resolutions`).
 * Then, in one transaction holding the organization's row lock (`FOR NO KEY UPDATE`: openings,
 * establishment and deregistration of one organization queue on it, on every replica) and a
 * share lock on the binding: an expired session is ended (it does not count), the policy
 * decides (prompt / deny_new / terminate_oldest, `takeover`), the other session is ended and the
 * new one inserted. The partial unique index `ux_session_active_organization` is the last word:
 * a lost race is retried and then answered like any other conflict, never a 5xx.
 */
@Injectable()
export class SessionOpeningService {
  private readonly timeouts: SessionTimeouts;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectClock() private readonly clock: Clock,
    private readonly resolutions: ResolutionService,
    private readonly supersession: BindingSupersessionService,
    private readonly ending: SessionEndingService,
    private readonly audit: AuditService,
    private readonly events: EventsService,
  ) {
    this.timeouts = { idleSeconds: config.sessions.idleTimeoutSeconds, absoluteSeconds: config.sessions.absoluteTimeoutSeconds };
  }

  /** Open a session; `requestUserAgent` (this request's User-Agent header) is the fallback for `dto.userAgent`. */
  async open(principal: PlatformPrincipal, dto: OpenSessionDto, meta: RequestMeta, requestUserAgent?: string): Promise<OpenSessionResponseDto> {
    const party = userParty(principal, meta);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const resolution = await this.resolutions.resolve(principal, meta);
      if (resolution.status !== 'BOUND' || !resolution.binding || !resolution.organization) {
        if (resolution.status === 'LEGAL_PERSON_ACCOUNT_REQUIRED') {
          // A grace period that is over: make it so in the store now (the resolution already says so).
          await this.supersession.applyDue({ platformAccount: { issuer: principal.issuer, subject: principal.subject } }, systemParty('grace-period', meta));
        }
        await this.recordRefusal(party, resolution.organization?.id ?? null, ErrorCode.SESSION_REQUIRES_BOUND_ACCOUNT, { resolutionStatus: resolution.status });
        throw new DomainError(
          ErrorCode.SESSION_REQUIRES_BOUND_ACCOUNT,
          { resolutionStatus: resolution.status },
          { resolution: { status: resolution.status, message: resolution.message } },
        );
      }
      const login = { clientIp: dto.clientIp ?? meta.clientIp ?? null, userAgent: dto.userAgent ?? requestUserAgent ?? null, takeover: dto.takeover ?? false };
      const result = await this.attempt(principal, resolution.organization.id, resolution.binding.id, login, meta, party);
      if (result.kind === 'retry') continue;
      if (result.kind === 'opened') {
        return { ...presentSession(result.session, this.timeouts), replaced: result.replaced ? summarizeSession(result.replaced) : null };
      }
      throw await this.conflict(result.kind, result.other, principal, party);
    }
    throw new Error('session opening did not converge');
  }

  private async attempt(
    principal: PlatformPrincipal,
    organizationId: string,
    bindingId: string,
    login: Login,
    meta: RequestMeta,
    party: ActingParty,
  ): Promise<Attempt> {
    try {
      return await this.dataSource.transaction((manager) => this.attemptIn(manager, principal, organizationId, bindingId, login, meta, party));
    } catch (error) {
      if (uniqueViolation(error) === 'ux_session_active_organization') return { kind: 'retry' };
      throw error;
    }
  }

  private async attemptIn(
    manager: EntityManager,
    principal: PlatformPrincipal,
    organizationId: string,
    bindingId: string,
    login: Login,
    meta: RequestMeta,
    party: ActingParty,
  ): Promise<Attempt> {
    const [organization] = await manager.query(`SELECT status FROM organization WHERE id = $1 FOR NO KEY UPDATE`, [organizationId]) as { status: string }[];
    const [binding] = await manager.query(
      `SELECT status, supersede_at FROM binding WHERE id = $1 AND organization_id = $2 AND issuer = $3 AND subject = $4 FOR SHARE`,
      [bindingId, organizationId, principal.issuer, principal.subject],
    ) as { status: string; supersede_at: Date | null }[];
    const now = this.clock.now();
    if (!organization || organization.status === 'deregistered' || !binding || binding.status !== 'active' || !isWithinGracePeriod(binding.supersede_at, now)) {
      return { kind: 'retry' };
    }

    const events: NewEvent[] = [];
    let other = await manager.findOne(SessionEntity, { where: { organizationId, status: 'active' }, lock: { mode: 'pessimistic_write' } });
    if (other) {
      const expiry = sessionExpiry(other, this.timeouts, now);
      if (expiry) {
        events.push(...(await this.ending.endOne(manager, other.id, expiry.reason, expiry.at, systemParty('session-timeout', meta))));
        other = null;
      }
    }
    const decision = decideSessionOpening({ policy: this.config.sessions.policy, takeover: login.takeover, otherActive: other !== null });
    if (decision.action !== 'open') return { kind: decision.action, other: other! };

    const id = randomUUID();
    if (other && decision.endOther) events.push(...(await this.ending.endOne(manager, other.id, decision.endOther, now, party, id)));
    await manager.insert(SessionEntity, {
      id,
      organizationId,
      bindingId,
      issuer: principal.issuer,
      subject: principal.subject,
      status: 'active',
      startedAt: now,
      lastActivityAt: now,
      endedAt: null,
      endReason: null,
      replacedBySessionId: null,
      clientIpMasked: maskIp(login.clientIp),
      device: describeDevice(login.userAgent),
    });
    await this.audit.record({
      actorKind: party.actorKind,
      actor: party.actor,
      action: 'session.started',
      targetType: 'session',
      targetId: id,
      outcome: 'success',
      reason: other && decision.endOther ? decision.endOther : null,
      requestId: party.requestId,
      clientIp: login.clientIp,
      details: { organizationId, bindingId, replacedSessionId: other && decision.endOther ? other.id : null },
    }, manager);
    events.push({
      type: 'session.started',
      aggregateType: 'session',
      aggregateId: id,
      data: { sessionId: id, organizationId, bindingId, replacedSessionId: other && decision.endOther ? other.id : null },
    });
    await this.events.append(manager, ...events);
    const session = await manager.findOneOrFail(SessionEntity, { where: { id } });
    return { kind: 'opened', session, replaced: other && decision.endOther ? other : null };
  }

  /** The 409 for a login while another session is active, with that session's whereabouts. */
  private async conflict(kind: 'prompt' | 'deny', other: SessionEntity, principal: PlatformPrincipal, party: ActingParty): Promise<DomainError> {
    const code = kind === 'prompt' ? ErrorCode.SESSION_ACTIVE_ELSEWHERE : ErrorCode.SESSION_LIMIT_REACHED;
    await this.recordRefusal(party, other.organizationId, code, { otherSessionId: other.id });
    const expiresAt = sessionDeadlines(other, this.timeouts).expiresAt.toISOString();
    const summary = summarizeSession(other);
    return new DomainError(
      code,
      { startedAt: chinaDateTime(summary.startedAt), clientIp: summary.clientIpMasked ?? '-', device: summary.device ?? '-', expiresAt: chinaDateTime(expiresAt) },
      {
        activeSession: { ...summary, expiresAt, sameAccount: other.issuer === principal.issuer && other.subject === principal.subject },
        takeoverAllowed: kind === 'prompt',
        policy: this.config.sessions.policy,
      },
    );
  }

  private recordRefusal(party: ActingParty, organizationId: string | null, code: ErrorCode, details: Record<string, string | null>): Promise<void> {
    return this.audit.record({
      actorKind: party.actorKind,
      actor: party.actor,
      action: 'session.started',
      targetType: 'organization',
      targetId: organizationId,
      outcome: 'denied',
      reason: code,
      requestId: party.requestId,
      clientIp: party.clientIp,
      details,
    });
  }
}
