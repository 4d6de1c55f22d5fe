import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { platformAccountKey, PlatformPrincipal } from '../auth/platform-principal';
import { BindingEntity } from '../bindings/binding.entity';
import { BindingsRepository, uniqueViolation } from '../bindings/bindings.repository';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { fillTemplate, localize } from '../common/errors/problem';
import { Language } from '../common/http/language';
import { RequestMeta } from '../common/http/request-meta';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { EventsService } from '../events/events.service';
import { describeNameDifference, NameDifference } from '../identity-claims/domain/name-comparison';
import { NameMismatchDto, ResolvedOrganizationDto } from '../identity-claims/dto/resolution-response.dto';
import { BindingAttemptOutcome } from '../metrics/metric-names';
import { MetricsService } from '../metrics/metrics.service';
import { PersonalDataProtector } from '../personal-data/personal-data-protector';
import { OrganizationEntity } from '../registry/entities/organization.entity';
import { OrganizationsRepository } from '../registry/organizations.repository';
import { decideLegacyBinding, LegacyBindingDecision } from './domain/legacy-binding-decision';
import { loginNameKey } from './domain/login-name';
import { CreateLegacyBindingDto } from './dto/create-legacy-binding.dto';
import { LegacyBindingResponseDto } from './dto/legacy-binding-response.dto';
import { LegacyAccountEntity } from './entities/legacy-account.entity';
import { LegacyAccountsRepository } from './legacy-accounts.repository';
import { LEGACY_BINDING_SUCCESS, NATURAL_PERSON_USER_TYPES } from './legacy-binding-messages';
import { createDummyCredential, StoredLegacyCredential, verifyLegacyPassword } from './legacy-verifier';
import { AttemptReservation, LockoutService } from './lockout.service';
import { LockoutSubject } from './lockout-counters.repository';

/** Attempts when the account's credentials change between verification and the row lock (a re-import). */
const MAX_ATTEMPTS = 3;

type Refusal = Exclude<LegacyBindingDecision, { outcome: 'BIND' }>;

/** What the transaction produced: a binding, a refusal, or "credentials changed meanwhile, verify again". */
type TransactionOutcome =
  | { readonly kind: 'bound'; readonly binding: BindingEntity; readonly organization: OrganizationEntity }
  | { readonly kind: 'refused'; readonly refusal: Refusal; readonly organization: OrganizationEntity }
  | { readonly kind: 'credentials-changed' };

/**
 * Binds a natural-person (or individual-business) platform account to an organization in
 * formation by re-authentication with the old system's credentials (guide 图9 option 一).
 * Order of checks: domain/legacy-binding-decision.ts. The binding, the legacy account's new
 * state, the cleared lockout counters and the audit event are one transaction, under a row lock
 * on the legacy account: concurrent attempts on one account yield one binding, and the unique
 * index on active bindings per platform account does the same for one platform account racing
 * on several legacy accounts.
 */
@Injectable()
export class LegacyBindingService implements OnModuleInit {
  private dummyCredential: Promise<StoredLegacyCredential> | undefined;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bindings: BindingsRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly accounts: LegacyAccountsRepository,
    private readonly lockouts: LockoutService,
    private readonly audit: AuditService,
    private readonly protector: PersonalDataProtector,
    private readonly metrics: MetricsService,
    private readonly events: EventsService,
  ) {}

  onModuleInit(): void {
    this.dummyCredential = createDummyCredential(this.config.legacyAccounts.argon2);
    this.dummyCredential.catch(() => undefined);
  }

  /** Bind `principal` with the legacy credentials in `dto`; throws a DomainError for every refusal. */
  async bind(principal: PlatformPrincipal, dto: CreateLegacyBindingDto, meta: RequestMeta): Promise<LegacyBindingResponseDto> {
    const actor = platformAccountKey(principal);
    if (principal.userType === 'legal_person') {
      this.metrics.recordBindingAttempt('legacy_account', 'rejected');
      await this.auditRefusal(actor, meta, ErrorCode.USER_TYPE_NOT_ALLOWED, null, 'denied');
      throw new DomainError(ErrorCode.USER_TYPE_NOT_ALLOWED, { expected: localize(NATURAL_PERSON_USER_TYPES, meta.language) });
    }
    const current = await this.bindings.findActiveByPlatformAccount(principal.issuer, principal.subject);
    if (current) {
      this.metrics.recordBindingAttempt('legacy_account', 'conflict');
      await this.auditRefusal(actor, meta, ErrorCode.ALREADY_BOUND, null, 'failure');
      throw alreadyBound(current.organization);
    }
    const subjects: LockoutSubject[] = [
      { kind: 'legacy_login', key: loginNameKey(dto.loginName) },
      { kind: 'platform_account', key: actor },
    ];
    let reservation: AttemptReservation;
    try {
      reservation = await this.lockouts.reserve(subjects);
    } catch (error) {
      this.metrics.recordBindingAttempt('legacy_account', 'locked_out');
      await this.auditRefusal(actor, meta, ErrorCode.ACCOUNT_TEMPORARILY_LOCKED, null, 'denied');
      throw error;
    }

    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const account = await this.accounts.findByLoginKeyWithVerifier(subjects[0].key);
      if (!(await this.verify(account, dto.password)) || !account) {
        const failure = await this.lockouts.failed(reservation, meta, actor);
        this.metrics.recordBindingAttempt('legacy_account', 'invalid_credentials');
        if (failure.lock) this.metrics.recordLockout();
        await this.auditRefusal(actor, meta, ErrorCode.INVALID_CREDENTIALS, account?.id ?? null, 'denied', { remainingAttempts: failure.remainingAttempts });
        const lock = failure.lock;
        throw new DomainError(
          ErrorCode.INVALID_CREDENTIALS,
          {},
          { remainingAttempts: failure.remainingAttempts, ...(lock ? { retryAt: lock.retryAt.toISOString(), retryAfterSeconds: lock.retryAfterSeconds } : {}) },
          lock ? { 'retry-after': String(lock.retryAfterSeconds) } : {},
        );
      }
      let outcome: TransactionOutcome;
      try {
        outcome = await this.bindVerified(principal, dto, account, subjects, meta, actor);
      } catch (error) {
        await this.lockouts.refund(reservation).catch(() => undefined);
        throw error;
      }
      if (outcome.kind === 'credentials-changed') continue;
      if (outcome.kind === 'refused') {
        // Right credentials: the attempt is given back (a refused binding is no guess).
        await this.lockouts.refund(reservation);
        this.metrics.recordBindingAttempt('legacy_account', attemptOutcomeOf(outcome.refusal));
        await this.auditRefusal(actor, meta, outcome.refusal.outcome, account.id, 'failure');
        throw this.refusalError(outcome.refusal, outcome.organization, dto.organizationName, meta.language);
      }
      const { binding, organization } = outcome;
      this.metrics.recordBindingAttempt('legacy_account', 'bound');
      return {
        status: 'BOUND',
        message: fillTemplate(localize(LEGACY_BINDING_SUCCESS, meta.language), { organizationName: organization.name }),
        organization: presentOrganization(organization),
        binding: { id: binding.id, kind: binding.kind, since: binding.createdAt.toISOString() },
      };
    }
    await this.lockouts.refund(reservation);
    throw new Error('legacy account credentials kept changing during the binding');
  }

  /** Verify against the account, or against a dummy verifier when the login is unknown (similar time). */
  private async verify(account: LegacyAccountEntity | null, password: string): Promise<boolean> {
    const stored = account ?? (await (this.dummyCredential ??= createDummyCredential(this.config.legacyAccounts.argon2)));
    const valid = await verifyLegacyPassword(stored, password);
    return account !== null && valid;
  }

  /** The decision and the binding, in one transaction under the legacy account's row lock. */
  private async bindVerified(
    principal: PlatformPrincipal,
    dto: CreateLegacyBindingDto,
    verified: LegacyAccountEntity,
    subjects: readonly LockoutSubject[],
    meta: RequestMeta,
    actor: string,
  ): Promise<TransactionOutcome> {
    try {
      return await this.dataSource.transaction(async (manager): Promise<TransactionOutcome> => {
        const account = await this.accounts.lockById(verified.id, manager);
        if (!account || !sameCredentials(account, verified)) return { kind: 'credentials-changed' };
        const organization = await this.organizations.findById(account.organizationId, manager);
        if (!organization) throw new Error(`legacy account ${account.id} has no organization`);
        const platformBinding = await this.bindings.findActiveByPlatformAccount(principal.issuer, principal.subject, manager);
        const decision = decideLegacyBinding({
          accountStatus: account.status,
          organization,
          claimedOrganizationName: dto.organizationName,
          policy: this.config.nameComparisonPolicy,
          platformAccountBound: platformBinding !== null,
        });
        if (decision.outcome !== 'BIND') {
          return { kind: 'refused', refusal: decision, organization: decision.outcome === 'ALREADY_BOUND' && platformBinding ? platformBinding.organization : organization };
        }
        const binding = await this.bindings.createActive(manager, {
          organizationId: organization.id,
          issuer: principal.issuer,
          subject: principal.subject,
          userType: principal.userType,
          kind: 'legacy_account',
          person: this.protector.boundPerson(principal),
        });
        await this.accounts.markBound(manager, account, binding.id, binding.createdAt);
        await this.lockouts.clearOnSuccess(subjects, manager);
        await this.audit.record({
          actorKind: 'platform_user',
          actor,
          action: 'binding.created',
          targetType: 'organization',
          targetId: organization.id,
          outcome: 'success',
          requestId: meta.requestId,
          clientIp: meta.clientIp,
          details: { bindingId: binding.id, kind: 'legacy_account', legacyAccountId: account.id, userType: principal.userType },
        }, manager);
        // The management system learns of the binding from the feed, as of every other binding (same transaction).
        await this.events.append(manager, {
          type: 'binding.created',
          aggregateType: 'binding',
          aggregateId: binding.id,
          data: { bindingId: binding.id, organizationId: organization.id, kind: 'legacy_account', userType: principal.userType },
        });
        return { kind: 'bound', binding, organization };
      });
    } catch (error) {
      // The same platform account won a race on another legacy account: one active binding per account.
      if (uniqueViolation(error) !== 'ux_binding_active_platform_account') throw error;
      const winner = await this.bindings.findActiveByPlatformAccount(principal.issuer, principal.subject);
      if (!winner) throw error;
      return { kind: 'refused', refusal: { outcome: 'ALREADY_BOUND' }, organization: winner.organization };
    }
  }

  private refusalError(refusal: Refusal, organization: OrganizationEntity, claimedName: string, language: Language): DomainError {
    const name = { organizationName: organization.name };
    switch (refusal.outcome) {
      case 'ALREADY_BOUND':
        return alreadyBound(organization);
      case 'LEGACY_ACCOUNT_DISABLED':
        return new DomainError(ErrorCode.LEGACY_ACCOUNT_DISABLED);
      case 'LEGACY_ACCOUNT_ALREADY_BOUND':
        return new DomainError(ErrorCode.LEGACY_ACCOUNT_ALREADY_BOUND);
      case 'ORGANIZATION_DEREGISTERED':
        return new DomainError(ErrorCode.ORGANIZATION_DEREGISTERED, name, { organization: presentOrganization(organization) });
      case 'LEGAL_PERSON_ACCOUNT_REQUIRED':
        return new DomainError(ErrorCode.LEGAL_PERSON_ACCOUNT_REQUIRED, { ...name, uscc: organization.uscc ?? '' }, { organization: presentOrganization(organization) });
      case 'ORGANIZATION_NAME_MISMATCH': {
        const nameMismatch = presentNameMismatch(claimedName, organization.name, this.config.nameComparisonPolicy, refusal.differences, language);
        const sentences = nameMismatch.differences.map((d) => d.explanation);
        const detail = `${sentences.join(language === 'en' ? '; ' : '；')}${language === 'en' ? '.' : '。'}`;
        return new DomainError(ErrorCode.ORGANIZATION_NAME_MISMATCH, { detail }, { organization: presentOrganization(organization), nameMismatch });
      }
    }
  }

  private auditRefusal(
    actor: string,
    meta: RequestMeta,
    code: string,
    legacyAccountId: string | null,
    outcome: 'denied' | 'failure',
    details: Record<string, number> = {},
  ): Promise<void> {
    return this.audit.record({
      actorKind: 'platform_user',
      actor,
      action: 'legacy_binding.refused',
      targetType: legacyAccountId ? 'legacy_account' : null,
      targetId: legacyAccountId,
      outcome,
      reason: code,
      requestId: meta.requestId,
      clientIp: meta.clientIp,
      details,
    });
  }
}

/** The metrics outcome of a refusal after right credentials. */
function attemptOutcomeOf(refusal: Refusal): BindingAttemptOutcome {
  if (refusal.outcome === 'ORGANIZATION_NAME_MISMATCH') return 'name_mismatch';
  if (refusal.outcome === 'ALREADY_BOUND' || refusal.outcome === 'LEGACY_ACCOUNT_ALREADY_BOUND') return 'conflict';
  return 'rejected';
}

function alreadyBound(organization: OrganizationEntity): DomainError {
  return new DomainError(ErrorCode.ALREADY_BOUND, { organizationName: organization.name }, { organization: presentOrganization(organization) });
}

/** Whether the credentials verified outside the transaction are still the account's. */
function sameCredentials(a: LegacyAccountEntity, b: LegacyAccountEntity): boolean {
  return a.verifier === b.verifier && a.scheme === b.scheme && a.legacySalt === b.legacySalt;
}

/** The organization as the API shows it (same shape as in resolutions). */
export function presentOrganization(organization: OrganizationEntity): ResolvedOrganizationDto {
  const { id, name, uscc, type, status, authorityCode, divisionCode } = organization;
  return { id, name, uscc, type, status, authorityCode, divisionCode };
}

/** The name-mismatch explanation, in the same shape and words as the resolution's (NameMismatchDto). */
export function presentNameMismatch(
  claimedName: string,
  registeredName: string,
  policy: string,
  differences: readonly NameDifference[],
  language: Language,
): NameMismatchDto {
  return {
    claimedName,
    registeredName,
    policy,
    differences: differences.map((d) => ({
      kind: d.kind,
      position: d.position,
      ...(d.claimedChar !== undefined ? { claimedChar: d.claimedChar, claimedCodePoint: d.claimedCodePoint } : {}),
      ...(d.registeredChar !== undefined ? { registeredChar: d.registeredChar, registeredCodePoint: d.registeredCodePoint } : {}),
      explanation: describeNameDifference(d)[language],
    })),
  };
}
