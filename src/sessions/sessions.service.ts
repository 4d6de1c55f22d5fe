import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, InjectClock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { RequestMeta } from '../common/http/request-meta';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { EventsService } from '../events/events.service';
import { BindingSupersessionService } from '../organization-lifecycle/binding-supersession.service';
import { isWithinGracePeriod } from '../organization-lifecycle/domain/organization-transitions';
import { ActingParty, serviceParty, systemParty, userParty } from './acting-party';
import { SessionEndReason } from './domain/session-end-reasons';
import { sessionExpiry, SessionTimeouts, shouldRecordActivity } from './domain/session-timeouts';
import { SessionResponseDto } from './dto/session.dto';
import { SessionCaller } from './session-caller.guard';
import { SessionEndingService } from './session-ending.service';
import { presentSession } from './session-presenter';
import { SessionEntity } from './session.entity';

/** A session with the state of what it stands on. */
interface SessionFacts {
  readonly session: SessionEntity;
  readonly bindingStatus: string;
  readonly supersedeAt: Date | null;
  readonly organizationStatus: string;
}

/**
 * `GET` (check, records activity) and `DELETE` (logout) of a session. Whatever made a session
 * stop counting is applied when the session is met, in its own transaction with audit and event:
 * timeouts, the end of an establishment grace period, and (defensively) a binding or
 * organization that ended without ending it.
 */
@Injectable()
export class SessionsService {
  private readonly timeouts: SessionTimeouts;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectClock() private readonly clock: Clock,
    private readonly supersession: BindingSupersessionService,
    private readonly ending: SessionEndingService,
    private readonly events: EventsService,
  ) {
    this.timeouts = { idleSeconds: config.sessions.idleTimeoutSeconds, absoluteSeconds: config.sessions.absoluteTimeoutSeconds };
  }

  /** The session's state for the management system's check on each request; records activity while active. */
  async check(id: string, caller: SessionCaller, meta: RequestMeta): Promise<SessionResponseDto> {
    let facts = await this.load(id, caller);
    const now = this.clock.now();
    if (facts.session.status === 'active') {
      if (await this.settle(facts, now, meta)) {
        facts = await this.load(id, caller);
      } else if (shouldRecordActivity(facts.session.lastActivityAt, now, this.config.sessions.activityWriteIntervalSeconds)) {
        await this.dataSource.query(
          `UPDATE session SET last_activity_at = $2 WHERE id = $1 AND ended_at IS NULL AND last_activity_at < $2`,
          [id, now],
        );
        facts = await this.load(id, caller);
      }
    }
    return this.present(facts.session);
  }

  /** Log out: end the session (reason `logout`). Idempotent: an ended session is answered as it is. */
  async logout(id: string, caller: SessionCaller, meta: RequestMeta): Promise<SessionResponseDto> {
    const facts = await this.load(id, caller);
    const now = this.clock.now();
    if (facts.session.status === 'active' && !(await this.settle(facts, now, meta))) {
      await this.dataSource.transaction(async (manager) => {
        await this.events.append(manager, ...(await this.ending.endOne(manager, id, 'logout', now, this.partyOf(caller, meta))));
      });
    }
    return this.present((await this.load(id, caller)).session);
  }

  /**
   * End the session if it no longer counts. @returns whether it was ended (by us or meanwhile).
   */
  private async settle(facts: SessionFacts, now: Date, meta: RequestMeta): Promise<boolean> {
    const { session } = facts;
    const party = systemParty('session-check', meta);
    if (facts.bindingStatus === 'active' && facts.organizationStatus !== 'deregistered' && !isWithinGracePeriod(facts.supersedeAt, now)) {
      await this.supersession.applyDue({ bindingId: session.bindingId }, party);
      return true;
    }
    const reason = this.groundReason(facts);
    const expiry = reason ? null : sessionExpiry(session, this.timeouts, now);
    if (!reason && !expiry) return false;
    await this.dataSource.transaction(async (manager) => {
      const events = reason
        ? await this.ending.endOne(manager, session.id, reason, now, party)
        : await this.ending.endOne(manager, session.id, expiry!.reason, expiry!.at, party);
      await this.events.append(manager, ...events);
    });
    return true;
  }

  /** Why a session must end because what it stands on ended (normally ended with it already). */
  private groundReason(facts: SessionFacts): SessionEndReason | null {
    if (facts.organizationStatus === 'deregistered') return 'organization_deregistered';
    if (facts.bindingStatus === 'superseded') return 'binding_superseded';
    if (facts.bindingStatus !== 'active') return 'binding_revoked';
    return null;
  }

  private async present(session: SessionEntity): Promise<SessionResponseDto> {
    const replacedBy = session.replacedBySessionId
      ? await this.dataSource.manager.findOne(SessionEntity, { where: { id: session.replacedBySessionId } })
      : null;
    return presentSession(session, this.timeouts, replacedBy);
  }

  /** The session, if the caller may see it (owner or service); else 404. One query (checked on every request). */
  private async load(id: string, caller: SessionCaller): Promise<SessionFacts> {
    const session = await this.dataSource.manager
      .createQueryBuilder(SessionEntity, 's')
      .innerJoin('s.binding', 'b')
      .addSelect(['b.id', 'b.status', 'b.supersedeAt'])
      .innerJoin('s.organization', 'o')
      .addSelect(['o.id', 'o.status'])
      .where('s.id = :id', { id })
      .getOne();
    const visible = session && (caller.kind === 'service' || (session.issuer === caller.principal.issuer && session.subject === caller.principal.subject));
    if (!session || !visible || !session.binding || !session.organization) throw new DomainError(ErrorCode.NOT_FOUND);
    return { session, bindingStatus: session.binding.status, supersedeAt: session.binding.supersedeAt, organizationStatus: session.organization.status };
  }

  private partyOf(caller: SessionCaller, meta: RequestMeta): ActingParty {
    return caller.kind === 'service' ? serviceParty(caller.service, meta) : userParty(caller.principal, meta);
  }
}
