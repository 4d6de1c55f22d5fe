import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { platformAccountKey, PlatformPrincipal } from '../auth/platform-principal';
import { BindingsRepository, uniqueViolation } from '../bindings/bindings.repository';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { RequestValidationError } from '../common/errors/validation';
import { RequestMeta } from '../common/http/request-meta';
import { Clock, InjectClock } from '../common/clock';
import { EventsService } from '../events/events.service';
import { findForbiddenNameCharacters, findSuspiciousNameIssues } from '../identity-claims/domain/name-input-checks';
import { AuthoritiesRepository } from '../registry/authorities.repository';
import { findDivision } from '../registry/domain/divisions';
import { PersonalDataProtector } from '../personal-data/personal-data-protector';
import { contactColumns } from './application-contact';
import { applicationAudit, applicationEvent, ApplicationEventType } from './application-events';
import { ApplicationWithAuthority } from './application.presenter';
import { refusalError } from './change-errors';
import { readIdempotencyKey, requestFingerprint } from './domain/application-input';
import { refuseChange } from './domain/change-precondition';
import { CreateRegistrationApplicationDto } from './dto/create-registration-application.dto';
import { APPLICANT_USER_TYPES, ApplicantUserType, RegistrationApplicationEntity } from './registration-application.entity';
import { RegistrationApplicationsRepository } from './registration-applications.repository';

const MAX_ATTEMPTS = 3;

/** A submission's outcome: the application, and whether it is the replay of an earlier request. */
export interface Submission {
  readonly application: ApplicationWithAuthority;
  readonly replayed: boolean;
}

/**
 * The applicant's side of registration applications (guide 图9 option 二, 图10): submit
 * (idempotent), list one's own, withdraw. Every change is one transaction with its audit
 * event and its feed event.
 */
@Injectable()
export class RegistrationApplicationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applications: RegistrationApplicationsRepository,
    private readonly authorities: AuthoritiesRepository,
    private readonly bindings: BindingsRepository,
    private readonly audit: AuditService,
    private readonly events: EventsService,
    private readonly protector: PersonalDataProtector,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /**
   * Submit an application, or replay the one an earlier request with the same
   * `Idempotency-Key` and the same body created.
   */
  async submit(principal: PlatformPrincipal, idempotencyKeyHeader: string | string[] | undefined, input: CreateRegistrationApplicationDto, meta: RequestMeta): Promise<Submission> {
    const userType = applicantUserType(principal);
    const key = readIdempotencyKey(idempotencyKeyHeader);
    if (key.kind === 'missing') throw new DomainError(ErrorCode.IDEMPOTENCY_KEY_REQUIRED);
    if (key.kind === 'invalid') {
      throw new RequestValidationError([{ field: 'Idempotency-Key', constraint: 'matches', detail: 'Idempotency-Key must be 1-255 printable ASCII characters without spaces' }]);
    }
    const fields = {
      divisionCode: input.divisionCode,
      authorityCode: input.authorityCode,
      proposedName: input.proposedName,
      organizationType: input.organizationType,
      contactName: input.contactName,
      contactMobile: input.contactMobile,
      note: input.note ?? null,
    };
    const fingerprint = requestFingerprint(fields);

    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const replay = await this.replay(principal, key.key, fingerprint);
      if (replay) return { application: replay, replayed: true };
      await this.checkRouting(input);
      try {
        return { application: await this.create(principal, userType, key.key, fingerprint, input, meta), replayed: false };
      } catch (error) {
        switch (uniqueViolation(error)) {
          case 'pk_registration_application_idempotency_key':
            continue; // a concurrent request with this key committed first: replay it
          case 'ux_registration_application_pending_name':
            throw new DomainError(ErrorCode.NAME_TAKEN, { proposedName: input.proposedName });
          case 'ux_registration_application_pending_account':
            throw await this.alreadyPending(principal);
          default:
            throw error;
        }
      }
    }
    throw new Error('submission did not converge');
  }

  /** The applicant's applications, newest first. */
  listMine(principal: PlatformPrincipal): Promise<ApplicationWithAuthority[]> {
    return this.applications.listForAccount(principal.issuer, principal.subject);
  }

  /**
   * Withdraw one's own pending application (If-Match optional). Another account's application
   * is a 404; a decided one a 409 with its status; a stale If-Match a 412.
   */
  async withdraw(principal: PlatformPrincipal, id: string, seen: number[] | null, meta: RequestMeta): Promise<ApplicationWithAuthority> {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.applications.lockForAccount(manager, id, principal.issuer, principal.subject);
      if (!current) throw new DomainError(ErrorCode.NOT_FOUND);
      const refusal = refuseChange(current, 'withdraw', seen);
      if (refusal) throw refusalError(refusal, seen);
      const changed = await this.applications.applyChange(manager, id, current, { status: 'withdrawn', withdrawnAt: this.clock.now() });
      if (!changed) throw new Error('locked application changed');
      await this.audit.record(applicationAudit({
        actorKind: 'platform_user',
        actor: platformAccountKey(principal),
        action: 'registration_application.withdrawn',
        application: changed,
        fromStatus: current.status,
        requestId: meta.requestId,
        clientIp: meta.clientIp,
      }), manager);
      await this.events.append(manager, applicationEvent(ApplicationEventType.WITHDRAWN, changed));
    });
    const withdrawn = await this.applications.findForAccount(id, principal.issuer, principal.subject);
    if (!withdrawn) throw new DomainError(ErrorCode.NOT_FOUND);
    return withdrawn;
  }

  /** The application created by an earlier request with this key, if the body is the same. */
  private async replay(principal: PlatformPrincipal, key: string, fingerprint: string): Promise<ApplicationWithAuthority | null> {
    const stored = await this.applications.findIdempotencyKey(principal.issuer, principal.subject, key);
    if (!stored) return null;
    if (stored.requestFingerprint !== fingerprint) throw new DomainError(ErrorCode.IDEMPOTENCY_KEY_REUSED);
    return this.applications.findForAccount(stored.applicationId, principal.issuer, principal.subject);
  }

  /**
   * The name's characters, the division and the authority (guide 图10 注1: the authority must be
   * in the chosen division, else it never receives the application).
   */
  private async checkRouting(input: CreateRegistrationApplicationDto): Promise<void> {
    const forbidden = findForbiddenNameCharacters(input.proposedName);
    if (forbidden.length > 0) {
      throw new DomainError(
        ErrorCode.NAME_INVALID_CHARACTERS,
        { positions: forbidden.map((f) => f.position).join(', '), codePoints: forbidden.map((f) => f.codePoint).join(', ') },
        { forbiddenCharacters: forbidden.map((f) => ({ position: f.position, codePoint: f.codePoint, kind: f.kind })) },
      );
    }
    if (!findDivision(input.divisionCode)) throw new DomainError(ErrorCode.DIVISION_NOT_FOUND, { divisionCode: input.divisionCode });
    const authority = await this.authorities.findByCode(input.authorityCode);
    if (!authority || !authority.active) throw new DomainError(ErrorCode.AUTHORITY_NOT_FOUND, { authorityCode: input.authorityCode });
    if (authority.divisionCode !== input.divisionCode) {
      throw new DomainError(
        ErrorCode.AUTHORITY_NOT_IN_DIVISION,
        { authorityName: authority.name, divisionCode: input.divisionCode, authorityDivisionCode: authority.divisionCode },
        { authorityDivisionCode: authority.divisionCode },
      );
    }
  }

  /** One transaction: idempotency key first, then the rules, the application, audit and event. */
  private async create(
    principal: PlatformPrincipal,
    userType: ApplicantUserType,
    key: string,
    fingerprint: string,
    input: CreateRegistrationApplicationDto,
    meta: RequestMeta,
  ): Promise<ApplicationWithAuthority> {
    const id = randomUUID();
    await this.dataSource.transaction(async (manager) => {
      await this.applications.insertIdempotencyKey(manager, { issuer: principal.issuer, subject: principal.subject, idempotencyKey: key, requestFingerprint: fingerprint, applicationId: id });
      if (await this.bindings.findActiveByPlatformAccount(principal.issuer, principal.subject, manager)) throw new DomainError(ErrorCode.ALREADY_BOUND);
      const pending = await this.applications.findPendingForAccount(principal.issuer, principal.subject, manager);
      if (pending) throw new DomainError(ErrorCode.APPLICATION_ALREADY_PENDING, { authorityName: pending.authority.name }, { pendingApplicationId: pending.application.id });
      if (await this.applications.organizationNameInUse(input.proposedName, manager)) throw new DomainError(ErrorCode.NAME_TAKEN, { proposedName: input.proposedName });
      const applicant = this.protector.boundPerson(principal);
      const application = manager.create(RegistrationApplicationEntity, {
        id,
        issuer: principal.issuer,
        subject: principal.subject,
        applicantUserType: userType,
        applicantNameMasked: applicant.personNameMasked,
        applicantResidentIdHash: applicant.residentIdHash,
        applicantResidentIdMasked: applicant.residentIdMasked,
        applicantPhoneMasked: applicant.phoneMasked,
        divisionCode: input.divisionCode,
        authorityCode: input.authorityCode,
        proposedName: input.proposedName,
        organizationType: input.organizationType,
        contact: contactColumns({ name: input.contactName, mobile: input.contactMobile }, this.protector),
        note: input.note ?? null,
        status: 'pending',
        version: 1,
        submittedAt: this.clock.now(),
        decidedAt: null,
        decidedBy: null,
        decisionNote: null,
        rejectionReason: null,
        withdrawnAt: null,
        organizationId: null,
      });
      await this.applications.insert(manager, application);
      await this.audit.record(applicationAudit({
        actorKind: 'platform_user',
        actor: platformAccountKey(principal),
        action: 'registration_application.submitted',
        application,
        fromStatus: null,
        requestId: meta.requestId,
        clientIp: meta.clientIp,
        details: { userType, nameWarnings: findSuspiciousNameIssues(input.proposedName).length },
      }), manager);
      await this.events.append(manager, applicationEvent(ApplicationEventType.SUBMITTED, application));
    });
    const created = await this.applications.findForAccount(id, principal.issuer, principal.subject);
    if (!created) throw new Error('created application not found');
    return created;
  }

  private async alreadyPending(principal: PlatformPrincipal): Promise<DomainError> {
    const pending = await this.applications.findPendingForAccount(principal.issuer, principal.subject, this.dataSource.manager);
    return new DomainError(ErrorCode.APPLICATION_ALREADY_PENDING, { authorityName: pending?.authority.name ?? '' }, pending ? { pendingApplicationId: pending.application.id } : {});
  }
}

/** The applicant's user type; legal-person users cannot apply (they act for an established organization). */
function applicantUserType(principal: PlatformPrincipal): ApplicantUserType {
  const userType = principal.userType as string;
  if (!(APPLICANT_USER_TYPES as readonly string[]).includes(userType)) {
    throw new DomainError(ErrorCode.USER_TYPE_NOT_ALLOWED, { expected: '自然人 (natural-person)' });
  }
  return userType as ApplicantUserType;
}
