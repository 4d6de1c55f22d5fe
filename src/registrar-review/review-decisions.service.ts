import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { BindingsRepository, uniqueViolation } from '../bindings/bindings.repository';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { RequestMeta } from '../common/http/request-meta';
import { Clock, InjectClock } from '../common/clock';
import { EventsService } from '../events/events.service';
import { APPLICATION_AGGREGATE, applicationAudit, applicationEvent, ApplicationEventType } from '../registration-applications/application-events';
import { refusalError } from '../registration-applications/change-errors';
import { ApplicationAction } from '../registration-applications/domain/application-status';
import { refuseChange } from '../registration-applications/domain/change-precondition';
import { RegistrationApplicationEntity } from '../registration-applications/registration-application.entity';
import { RegistrationApplicationsRepository } from '../registration-applications/registration-applications.repository';
import { AuthoritiesRepository } from '../registry/authorities.repository';
import { OrganizationEntity } from '../registry/entities/organization.entity';
import { registrarKey, RegistrarPrincipal } from './registrar-principal';
import { ReviewRepository } from './review.repository';

/**
 * Registrar decisions on applications of the registrar's authorities. Each decision names the
 * version it saw (If-Match); the application row is locked, its status and version checked
 * (409 / 412), and the change written with `UPDATE … WHERE id AND version AND status =
 * 'pending'`: of concurrent decisions exactly one wins and the others change nothing.
 */
@Injectable()
export class ReviewDecisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly review: ReviewRepository,
    private readonly applications: RegistrationApplicationsRepository,
    private readonly authorities: AuthoritiesRepository,
    private readonly bindings: BindingsRepository,
    private readonly audit: AuditService,
    private readonly events: EventsService,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /**
   * Approve, in one transaction: the application becomes approved, an organization in formation
   * is created under its authority (division of the authority, the exact proposed name, the
   * applied type), the applicant's platform account is bound to it (kind `application`), with
   * audit and feed events. The resolution then answers BOUND.
   */
  async approve(registrar: RegistrarPrincipal, id: string, seen: number[], note: string | null, meta: RequestMeta): Promise<void> {
    await this.decide(registrar, id, 'approve', seen, meta, async (manager, current) => {
      if (await this.applications.organizationNameInUse(current.proposedName, manager)) {
        throw new DomainError(ErrorCode.NAME_TAKEN, { proposedName: current.proposedName });
      }
      if (await this.bindings.findActiveByPlatformAccount(current.issuer, current.subject, manager)) throw new DomainError(ErrorCode.ALREADY_BOUND);
      const authority = await this.authorities.findByCode(current.authorityCode, manager);
      if (!authority) throw new Error(`authority ${current.authorityCode} of application ${current.id} vanished`);
      const organization = manager.create(OrganizationEntity, {
        id: randomUUID(),
        externalId: null,
        name: current.proposedName,
        type: current.organizationType,
        status: 'in_formation',
        uscc: null,
        divisionCode: authority.divisionCode,
        authorityCode: authority.code,
        establishedAt: null,
        version: 1,
      });
      await manager.insert(OrganizationEntity, organization);
      const binding = await this.bindings.createActive(manager, {
        organizationId: organization.id,
        issuer: current.issuer,
        subject: current.subject,
        userType: current.applicantUserType,
        kind: 'application',
        person: {
          personNameMasked: current.applicantNameMasked,
          residentIdHash: current.applicantResidentIdHash,
          residentIdMasked: current.applicantResidentIdMasked,
          phoneMasked: current.applicantPhoneMasked,
        },
      });
      const changed = await this.change(manager, current, {
        status: 'approved',
        decidedAt: this.clock.now(),
        decidedBy: registrarKey(registrar),
        decisionNote: note,
        organizationId: organization.id,
      });
      const actor = registrarKey(registrar);
      await this.audit.record(applicationAudit({
        actorKind: 'registrar', actor, action: 'registration_application.approved', application: changed, fromStatus: current.status,
        requestId: meta.requestId, clientIp: meta.clientIp, details: { organizationId: organization.id, bindingId: binding.id },
      }), manager);
      await this.audit.record({
        actorKind: 'registrar', actor, action: 'organization.created', targetType: 'organization', targetId: organization.id, outcome: 'success',
        requestId: meta.requestId, clientIp: meta.clientIp,
        details: { status: 'in_formation', authorityCode: authority.code, divisionCode: authority.divisionCode, applicationId: changed.id },
      }, manager);
      await this.audit.record({
        actorKind: 'registrar', actor, action: 'binding.created', targetType: 'organization', targetId: organization.id, outcome: 'success',
        requestId: meta.requestId, clientIp: meta.clientIp,
        details: { bindingId: binding.id, kind: 'application', applicationId: changed.id },
      }, manager);
      await this.events.append(
        manager,
        applicationEvent(ApplicationEventType.APPROVED, changed, { organizationId: organization.id, bindingId: binding.id }),
        {
          type: ApplicationEventType.BINDING_CREATED,
          aggregateType: 'binding',
          aggregateId: binding.id,
          data: { bindingId: binding.id, organizationId: organization.id, kind: 'application', userType: binding.userType, applicationId: changed.id },
        },
      );
    });
  }

  /** Reject with a reason (shown to the applicant, who may apply again). */
  async reject(registrar: RegistrarPrincipal, id: string, seen: number[], reason: string, meta: RequestMeta): Promise<void> {
    await this.decide(registrar, id, 'reject', seen, meta, async (manager, current) => {
      const changed = await this.change(manager, current, {
        status: 'rejected',
        decidedAt: this.clock.now(),
        decidedBy: registrarKey(registrar),
        rejectionReason: reason,
      });
      await this.audit.record(applicationAudit({
        actorKind: 'registrar', actor: registrarKey(registrar), action: 'registration_application.rejected', application: changed,
        fromStatus: current.status, requestId: meta.requestId, clientIp: meta.clientIp, details: { reasonLength: [...reason].length },
      }), manager);
      await this.events.append(manager, applicationEvent(ApplicationEventType.REJECTED, changed));
    });
  }

  /**
   * Lock, check, apply `work` in one transaction. A refused decision (not found in the
   * registrar's authorities, wrong status, stale version, name taken, already bound) changes
   * nothing and is audited as a failure.
   */
  private async decide(
    registrar: RegistrarPrincipal,
    id: string,
    action: ApplicationAction,
    seen: number[],
    meta: RequestMeta,
    work: (manager: EntityManager, current: RegistrationApplicationEntity) => Promise<void>,
  ): Promise<void> {
    try {
      await this.dataSource.transaction(async (manager) => {
        const current = await this.review.lockInAuthorities(manager, id, registrar.authorityCodes);
        if (!current) throw new DomainError(ErrorCode.NOT_FOUND);
        // Four eyes: nobody decides on an application filed from their own platform account.
        if (current.issuer === registrar.issuer && current.subject === registrar.subject) {
          throw new DomainError(ErrorCode.FORBIDDEN, {}, { reason: 'OWN_APPLICATION' });
        }
        const refusal = refuseChange(current, action, seen);
        if (refusal) throw refusalError(refusal, seen);
        await work(manager, current);
      });
    } catch (error) {
      const refused = uniqueViolation(error) === 'ux_binding_active_platform_account' ? new DomainError(ErrorCode.ALREADY_BOUND) : error;
      if (refused instanceof DomainError) {
        await this.audit.record({
          actorKind: 'registrar',
          actor: registrarKey(registrar),
          action: `registration_application.${action}`,
          targetType: APPLICATION_AGGREGATE,
          targetId: id,
          outcome: 'failure',
          reason: refused.code,
          requestId: meta.requestId,
          clientIp: meta.clientIp,
        });
      }
      throw refused;
    }
  }

  /** The conditional update; the row is locked, so it cannot miss. */
  private async change(manager: EntityManager, current: RegistrationApplicationEntity, changes: Parameters<RegistrationApplicationsRepository['applyChange']>[3]): Promise<RegistrationApplicationEntity> {
    const changed = await this.applications.applyChange(manager, current.id, current, changes);
    if (!changed) throw new Error(`application ${current.id} changed while locked`);
    return changed;
  }
}
