import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditActorKind } from '../audit/audit-event.entity';
import { AuditScope } from '../audit/audit-scope';
import { AuditService } from '../audit/audit.service';
import { BindingEntity } from '../bindings/binding.entity';
import { Clock, InjectClock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { RequestValidationError } from '../common/errors/validation';
import { RequestMeta } from '../common/http/request-meta';
import { EventsService } from '../events/events.service';
import { loginNameKey } from '../legacy-binding/domain/login-name';
import { LockoutService } from '../legacy-binding/lockout.service';
import { LockoutSubject } from '../legacy-binding/lockout-counters.repository';
import { PersonalDataProtector } from '../personal-data/personal-data-protector';
import { OrganizationEntity } from '../registry/entities/organization.entity';
import { SessionEndingService } from '../sessions/session-ending.service';
import { decodeSearchCursor, encodeSearchCursor } from './domain/support-search';
import {
  ClearSupportLockoutDto, LockoutResponseDto, RevokedBindingResponseDto, SearchOrganizationsDto, SupportBindingDto, SupportOrganizationDetailDto,
  SupportOrganizationDto, SupportOrganizationPageDto,
} from './dto/support.dto';
import { SearchCriterion, SupportRepository } from './support.repository';

/** Who uses the support API: a registrar (scoped to their authorities) or an operator (all). */
export interface SupportActor {
  readonly actorKind: Extract<AuditActorKind, 'registrar' | 'service'>;
  readonly actor: string;
  readonly scope: AuditScope;
}

const DEFAULT_LIMIT = 20;

/**
 * The support tools shared by registrars and operators; only the scope differs. Anything outside
 * the scope is NOT_FOUND exactly like a missing row, so a registrar learns nothing about other
 * jurisdictions. Every look-up and change is audited (look-ups show personal data, masked).
 */
@Injectable()
export class SupportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectClock() private readonly clock: Clock,
    private readonly repository: SupportRepository,
    private readonly protector: PersonalDataProtector,
    private readonly audit: AuditService,
    private readonly events: EventsService,
    private readonly sessions: SessionEndingService,
    private readonly lockouts: LockoutService,
  ) {}

  /** Organizations matching exactly one criterion, a page at a time. */
  async search(by: SupportActor, query: SearchOrganizationsDto, meta: RequestMeta): Promise<SupportOrganizationPageDto> {
    const criterion = this.criterionOf(query);
    // `@IsOptional()` lets JSON null through: null means "not given", like an absent member.
    const cursor = query.cursor == null ? null : decodeSearchCursor(query.cursor);
    if (query.cursor != null && !cursor) {
      throw new RequestValidationError([{ field: 'cursor', constraint: 'cursor', detail: 'cursor must be the nextCursor of a previous page' }]);
    }
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.repository.search(by.scope, criterion, cursor, limit);
    const page = rows.slice(0, limit);
    await this.audit.record({
      actorKind: by.actorKind,
      actor: by.actor,
      action: 'support.organizations_searched',
      targetType: 'registry',
      outcome: 'success',
      requestId: meta.requestId,
      clientIp: meta.clientIp,
      // The criterion's kind only: a resident ID or a name fragment is not repeated in the trail.
      details: { criterion: criterion.kind, returned: page.length, scope: scopeLabel(by.scope) },
    });
    const last = page[page.length - 1];
    return { organizations: page.map(presentOrganization), nextCursor: rows.length > limit && last ? encodeSearchCursor({ name: last.name, id: last.id }) : null };
  }

  /** The organization with its bindings (person masked) and legacy accounts. */
  async organization(by: SupportActor, id: string, meta: RequestMeta): Promise<SupportOrganizationDetailDto> {
    const organization = await this.repository.findOrganization(by.scope, id);
    if (!organization) throw new DomainError(ErrorCode.NOT_FOUND);
    const [bindings, accounts] = await Promise.all([this.repository.bindingsOf(id), this.repository.legacyAccountsOf(id)]);
    await this.audit.record({
      actorKind: by.actorKind,
      actor: by.actor,
      action: 'support.organization_viewed',
      targetType: 'organization',
      targetId: organization.id,
      outcome: 'success',
      requestId: meta.requestId,
      clientIp: meta.clientIp,
      details: { bindings: bindings.length, legacyAccounts: accounts.length },
    });
    return {
      ...presentOrganization(organization),
      bindings: bindings.map(presentBinding),
      legacyAccounts: accounts.map((a) => ({
        id: a.id,
        loginName: a.loginName,
        status: a.status,
        boundBindingId: a.boundBindingId,
        boundAt: a.boundAt ? a.boundAt.toISOString() : null,
      })),
    };
  }

  /**
   * Revoke an active binding, in one transaction: the binding becomes `revoked`, its sessions end,
   * a legacy account bound through it returns to `unbound` (so that the rightful person can bind
   * it again with the old credentials), with audit events and the feed events `binding.revoked`
   * and `session.ended`. The platform account then resolves as if never bound (BINDING_REQUIRED).
   */
  async revoke(by: SupportActor, bindingId: string, reason: string, meta: RequestMeta): Promise<RevokedBindingResponseDto> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const found = await this.repository.lockBinding(by.scope, bindingId, manager);
      if (!found) throw new DomainError(ErrorCode.NOT_FOUND);
      const { binding, organization } = found;
      if (binding.status !== 'active') throw new DomainError(ErrorCode.BINDING_NOT_ACTIVE, { status: binding.status }, { bindingStatus: binding.status });
      const endedReason = by.actorKind === 'registrar' ? 'revoked_by_registrar' : 'revoked_by_operator';
      await manager.update(BindingEntity, { id: binding.id }, { status: 'revoked', endedAt: now, endedReason });
      const party = { actorKind: by.actorKind, actor: by.actor, requestId: meta.requestId, clientIp: meta.clientIp ?? null };
      const sessionEvents = await this.sessions.endForBindings(manager, [binding.id], 'binding_revoked', now, party);
      const releasedLegacyAccountId = binding.kind === 'legacy_account' ? await this.repository.releaseLegacyAccount(binding.id, manager) : null;
      await this.audit.record({
        actorKind: by.actorKind,
        actor: by.actor,
        action: 'binding.revoked',
        targetType: 'organization',
        targetId: organization.id,
        outcome: 'success',
        reason,
        requestId: meta.requestId,
        clientIp: meta.clientIp,
        details: { bindingId: binding.id, kind: binding.kind, userType: binding.userType, sessionsEnded: sessionEvents.length, releasedLegacyAccountId },
      }, manager);
      if (releasedLegacyAccountId) {
        await this.audit.record({
          actorKind: by.actorKind,
          actor: by.actor,
          action: 'legacy_account.released',
          targetType: 'legacy_account',
          targetId: releasedLegacyAccountId,
          outcome: 'success',
          reason: 'binding_revoked',
          requestId: meta.requestId,
          clientIp: meta.clientIp,
          details: { organizationId: organization.id, bindingId: binding.id },
        }, manager);
      }
      await this.events.append(
        manager,
        {
          type: 'binding.revoked',
          aggregateType: 'binding',
          aggregateId: binding.id,
          data: { bindingId: binding.id, organizationId: organization.id, kind: binding.kind, userType: binding.userType, endedReason },
        },
        ...sessionEvents,
      );
      const revoked = await manager.findOneOrFail(BindingEntity, { where: { id: binding.id } });
      return { binding: presentBinding(revoked), sessionsEnded: sessionEvents.length, releasedLegacyAccountId };
    });
  }

  /**
   * Clear a lockout counter. Registrars: a legacy login name of an organization of their
   * authorities, or a platform account bound to such an organization or with a pending
   * application to one of their authorities; anything else is NOT_FOUND (as is a counter that
   * does not exist). Operators: any counter.
   */
  async clearLockout(by: SupportActor, dto: ClearSupportLockoutDto, meta: RequestMeta): Promise<LockoutResponseDto> {
    const subject: LockoutSubject = { kind: dto.kind, key: dto.kind === 'legacy_login' ? loginNameKey(dto.key) : dto.key };
    if (!(await this.lockoutInScope(by.scope, subject))) throw new DomainError(ErrorCode.NOT_FOUND);
    const { counter, lock } = await this.lockouts.clear(subject, { actorKind: by.actorKind === 'registrar' ? 'registrar' : 'service', actor: by.actor, reason: dto.reason }, meta);
    return {
      kind: counter.kind,
      key: counter.key,
      failures: counter.failures,
      lastFailureAt: counter.lastFailureAt.toISOString(),
      lockedUntil: counter.lockedUntil?.toISOString() ?? null,
      locked: lock !== null,
    };
  }

  private async lockoutInScope(scope: AuditScope, subject: LockoutSubject): Promise<boolean> {
    if (scope.kind === 'all') return true;
    if (subject.kind === 'legacy_login') return this.repository.legacyLoginInScope(scope, subject.key);
    const separator = subject.key.lastIndexOf('|');
    if (separator <= 0) return false;
    return this.repository.platformAccountInScope(scope, subject.key.slice(0, separator), subject.key.slice(separator + 1));
  }

  private criterionOf(query: SearchOrganizationsDto): SearchCriterion {
    // JSON null is "not given" (`@IsOptional()` lets it through), as an absent member is.
    const given = (['uscc', 'name', 'nameContains', 'residentId'] as const).filter((k) => query[k] != null);
    if (given.length !== 1) {
      throw new RequestValidationError([{ field: 'uscc', constraint: 'exactlyOne', detail: 'give exactly one of uscc, name, nameContains, residentId' }]);
    }
    if (query.uscc != null) return { kind: 'uscc', uscc: query.uscc.toUpperCase() };
    if (query.name != null) return { kind: 'name', name: query.name };
    if (query.nameContains != null) return { kind: 'nameContains', fragment: query.nameContains };
    return { kind: 'residentIdHash', hash: this.protector.residentIdHash(query.residentId!) };
  }
}

function scopeLabel(scope: AuditScope): string {
  return scope.kind === 'all' ? 'all' : scope.authorityCodes.join(',');
}

function presentOrganization(o: OrganizationEntity): SupportOrganizationDto {
  return { id: o.id, name: o.name, uscc: o.uscc, type: o.type, status: o.status, authorityCode: o.authorityCode, divisionCode: o.divisionCode };
}

function presentBinding(b: BindingEntity): SupportBindingDto {
  return {
    id: b.id,
    kind: b.kind,
    status: b.status,
    userType: b.userType,
    platformAccount: `${b.issuer}|${b.subject}`,
    since: b.createdAt.toISOString(),
    endedAt: b.endedAt ? b.endedAt.toISOString() : null,
    endedReason: b.endedReason,
    person: b.kind === 'legal_person' ? null : { name: b.personNameMasked, residentId: b.residentIdMasked, mobile: b.phoneMasked },
  };
}
