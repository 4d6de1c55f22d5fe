import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, auditRow } from '../audit/audit.service';
import { EventsService } from '../events/events.service';
import { platformAccountKey, PlatformPrincipal } from '../auth/platform-principal';
import { ActiveBinding, BindingsRepository, uniqueViolation } from '../bindings/bindings.repository';
import { chinaDateTime } from '../common/china-time';
import { Clock, InjectClock } from '../common/clock';
import { fillTemplate, localize } from '../common/errors/problem';
import { Language } from '../common/http/language';
import { RequestMeta } from '../common/http/request-meta';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { MetricsService } from '../metrics/metrics.service';
import { OrganizationEntity } from '../registry/entities/organization.entity';
import { OrganizationsRepository } from '../registry/organizations.repository';
import { normalizeUscc, validateUscc, UsccCheck } from '../registry/domain/uscc';
import { isUnchangedBoundLogin } from './domain/bound-login';
import { describeNameDifference } from './domain/name-comparison';
import {
  AccountBindingFacts, decideLegalPerson, decideNaturalPerson, EndedBindingFacts, LatestApplicationFacts, OrganizationFacts, ResolutionDecision,
} from './domain/resolution';
import { ResolutionApplicationDto, ResolutionResponseDto, ResolvedOrganizationDto } from './dto/resolution-response.dto';
import { ApplicationWithAuthority } from '../registration-applications/application.presenter';
import { RegistrationApplicationsRepository } from '../registration-applications/registration-applications.repository';
import { GRACE_PERIOD_NOTICE, RESOLUTION_MESSAGES, USCC_NORMALIZATION_HINT, USCC_RULE_MESSAGES } from './resolution-messages';
import { BoundResolutionRepository } from './bound-resolution.repository';
import { resolutionAuditEvent } from './resolution-audit';

const MAX_ATTEMPTS = 3;

/**
 * Resolves a verified platform login to one resolution (DOMAIN.md table): gathers the facts
 * from the registry and bindings, lets the pure decision rule decide, creates the legal-person
 * binding on the first matching login (one transaction with its audit event), and audits
 * every outcome. A returning user whose claims still match its binding is resolved and
 * audited in one round trip ({@link resolveUnchangedBound}).
 */
@Injectable()
export class ResolutionService {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bindings: BindingsRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly audit: AuditService,
    private readonly events: EventsService,
    private readonly metrics: MetricsService,
    private readonly applications: RegistrationApplicationsRepository,
    @InjectClock() private readonly clock: Clock,
    private readonly boundResolutions: BoundResolutionRepository,
  ) {}

  /** Resolve the login of `principal`. Never throws for a business outcome: the status says it. */
  async resolve(principal: PlatformPrincipal, meta: RequestMeta): Promise<ResolutionResponseDto> {
    const returning = await this.resolveUnchangedBound(principal, meta);
    if (returning.response) return returning.response;
    let outcome: { decision: ResolutionDecision; usccCheck: UsccCheck | null } | undefined;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS && !outcome; attempt++) {
      outcome = await this.attempt(principal, meta, attempt === 1 && returning.unbound);
    }
    if (!outcome) throw new Error('resolution did not converge');
    const { decision, usccCheck } = outcome;
    if (decision.status === 'CREATE_LEGAL_PERSON_BINDING') throw new Error('unreachable: binding not created');
    this.metrics.recordResolution(decision.status);
    const targetId = 'organization' in decision ? decision.organization.id : decision.status === 'BOUND' ? decision.binding.organization.id : null;
    await this.audit.record(resolutionAuditEvent(principal, meta, decision.status, targetId));
    return this.present(decision, principal, usccCheck, meta.language);
  }

  /**
   * The hot path of every returning user, in ONE round trip: one statement reads the account's
   * active binding with its organization and, when the login is unchanged
   * ({@link isUnchangedBoundLogin}: same USCC and exact name as the bound, established
   * organization; or a natural person's organization still in formation), records the BOUND
   * audit event, the same row the full path writes. Otherwise nothing is written and the full
   * path decides (`unbound` tells it there is no binding to read again).
   */
  private async resolveUnchangedBound(principal: PlatformPrincipal, meta: RequestMeta): Promise<{ response?: ResolutionResponseDto; unbound: boolean }> {
    const login = { userType: principal.userType, claimedUscc: principal.uscc, claimedName: principal.name };
    const { targetId: _target, ...audit } = auditRow(resolutionAuditEvent(principal, meta, 'BOUND', null));
    const read = await this.boundResolutions.readAndAuditUnchanged(principal, login, audit);
    if (!read.binding || !read.audited) return { unbound: read.binding === null };
    const binding = read.binding;
    const usccCheck = principal.userType === 'legal_person' ? validateUscc(principal.uscc ?? '') : null;
    const decision = usccCheck
      ? decideLegalPerson({
        claimedName: principal.name,
        claimedUscc: principal.uscc,
        uscc: usccCheck.valid ? { valid: true } : { valid: false, rule: usccCheck.rule },
        accountBinding: binding,
        organization: binding.organization,
        otherLegalPersonBindingSince: null,
        policy: this.config.nameComparisonPolicy,
      })
      : decideNaturalPerson({ accountBinding: binding, endedBinding: null, now: this.clock.now() });
    if (decision.status !== 'BOUND' || !isUnchangedBoundLogin(login, binding)) {
      throw new Error(`an unchanged bound login was decided ${decision.status}: the SQL twin of isUnchangedBoundLogin and the decision rules disagree`);
    }
    this.metrics.recordResolution('BOUND');
    return { response: this.present(decision, principal, null, meta.language), unbound: false };
  }

  /**
   * One pass; `undefined` when a concurrent login changed the facts and the pass must be redone.
   * `knownUnbound`: the account had no active binding a moment ago (skip reading it again).
   */
  private async attempt(principal: PlatformPrincipal, meta: RequestMeta, knownUnbound = false) {
    const accountBinding = knownUnbound ? null : await this.bindings.findActiveByPlatformAccount(principal.issuer, principal.subject);
    if (principal.userType !== 'legal_person') {
      // The BOUND fast path stays one query: ended bindings and applications are looked up only without a binding.
      const [ended, latest] = accountBinding
        ? [null, null]
        : await Promise.all([
            this.bindings.findLatestEndedByPlatformAccount(principal.issuer, principal.subject),
            this.applications.findLatestForAccount(principal.issuer, principal.subject),
          ]);
      const decision = decideNaturalPerson({
        accountBinding: toBindingFacts(accountBinding),
        endedBinding: toEndedBindingFacts(ended),
        latestApplication: toApplicationFacts(latest),
        now: this.clock.now(),
      });
      return { decision, usccCheck: null };
    }
    const claimedUscc = principal.uscc ?? '';
    const usccCheck = validateUscc(claimedUscc);
    const boundToClaimed = accountBinding && accountBinding.organization.uscc === claimedUscc ? accountBinding.organization : null;
    const organization = boundToClaimed ?? (claimedUscc.length === 18 ? await this.organizations.findByUscc(claimedUscc) : null);
    const otherBinding = organization && !boundToClaimed
      ? await this.bindings.findActiveLegalPersonByOrganization(organization.id)
      : null;
    // Our own binding, committed by a concurrent login of this account after our first read: redo the pass.
    if (otherBinding && otherBinding.issuer === principal.issuer && otherBinding.subject === principal.subject) return undefined;
    const decision = decideLegalPerson({
      claimedName: principal.name,
      claimedUscc,
      uscc: usccCheck.valid ? { valid: true } : { valid: false, rule: usccCheck.rule },
      accountBinding: toBindingFacts(accountBinding),
      organization: organization ? toOrganizationFacts(organization) : null,
      otherLegalPersonBindingSince: otherBinding ? otherBinding.createdAt : null,
      policy: this.config.nameComparisonPolicy,
    });
    if (decision.status !== 'CREATE_LEGAL_PERSON_BINDING' || !organization) return { decision, usccCheck };
    const created = await this.createLegalPersonBinding(principal, organization, meta);
    return created ? { decision: created, usccCheck } : undefined;
  }

  /**
   * Bind the legal-person account to the organization, with its audit event, in one
   * transaction. The partial unique indexes decide concurrent first logins: exactly one wins;
   * the others see LEGAL_PERSON_ALREADY_BOUND (or, for the same account, re-resolve).
   */
  private async createLegalPersonBinding(
    principal: PlatformPrincipal,
    organization: OrganizationEntity,
    meta: RequestMeta,
  ): Promise<ResolutionDecision | undefined> {
    try {
      const binding = await this.dataSource.transaction(async (manager) => {
        const created = await this.bindings.createActive(manager, {
          organizationId: organization.id,
          issuer: principal.issuer,
          subject: principal.subject,
          userType: 'legal_person',
          kind: 'legal_person',
        });
        await this.audit.record({
          actorKind: 'platform_user',
          actor: platformAccountKey(principal),
          action: 'binding.created',
          targetType: 'organization',
          targetId: organization.id,
          outcome: 'success',
          requestId: meta.requestId,
          clientIp: meta.clientIp,
          details: { bindingId: created.id, kind: 'legal_person', verificationLevel: principal.verificationLevel ?? null },
        }, manager);
        await this.events.append(manager, {
          type: 'binding.created',
          aggregateType: 'binding',
          aggregateId: created.id,
          data: { bindingId: created.id, organizationId: organization.id, kind: 'legal_person', userType: 'legal_person' },
        });
        return created;
      });
      this.metrics.recordBindingAttempt('legal_person', 'bound');
      return {
        status: 'BOUND',
        binding: { bindingId: binding.id, kind: 'legal_person', since: binding.createdAt, organization: toOrganizationFacts(organization), supersedeAt: null },
      };
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint === 'ux_binding_active_legal_person' || constraint === 'ux_binding_active_platform_account') {
        this.metrics.recordBindingAttempt('legal_person', 'conflict');
        return undefined;
      }
      throw error;
    }
  }

  private present(decision: ResolutionDecision, principal: PlatformPrincipal, usccCheck: UsccCheck | null, language: Language): ResolutionResponseDto {
    if (decision.status === 'CREATE_LEGAL_PERSON_BINDING') throw new Error('unreachable: binding not created');
    const message = (params: Record<string, string>) => fillTemplate(localize(RESOLUTION_MESSAGES[decision.status], language), params);
    switch (decision.status) {
      case 'BOUND': {
        const organization = decision.binding.organization;
        const supersedeAt = decision.binding.supersedeAt;
        const notice = supersedeAt
          ? fillTemplate(localize(GRACE_PERIOD_NOTICE, language), { supersedeAt: chinaDateTime(supersedeAt), uscc: organization.uscc ?? '' })
          : '';
        return {
          status: 'BOUND',
          message: message({ organizationName: organization.name }) + notice,
          organization: presentOrganization(organization),
          binding: {
            id: decision.binding.bindingId,
            kind: decision.binding.kind,
            since: decision.binding.since.toISOString(),
            ...(supersedeAt ? { supersedeAt: supersedeAt.toISOString() } : {}),
          },
          ...(supersedeAt ? { legalPersonAccount: { name: organization.name, uscc: organization.uscc ?? '' } } : {}),
        };
      }
      case 'USCC_INVALID': {
        const check = usccCheck && !usccCheck.valid ? usccCheck : null;
        const ruleText = check ? USCC_RULE_MESSAGES[check.rule] : undefined;
        const params = {
          position: String(check?.position ?? ''),
          expected: check?.expected ?? '',
          actual: check?.actual ?? String([...(principal.uscc ?? '')].length),
        };
        const ruleDetail = ruleText ? fillTemplate(localize(ruleText, language), params) : '';
        // A lower-case or full-width code that is valid once cleaned up: say so (the import accepts it that way).
        const normalized = normalizeUscc(principal.uscc ?? '');
        const suggestion = normalized !== principal.uscc && validateUscc(normalized).valid ? normalized : undefined;
        const detail = suggestion
          ? `${ruleDetail}${fillTemplate(localize(USCC_NORMALIZATION_HINT, language), { normalized: suggestion })}`
          : ruleDetail;
        return {
          status: 'USCC_INVALID',
          message: message({ detail }),
          usccCheck: {
            rule: check?.rule ?? 'LENGTH',
            message: detail,
            ...(check?.position !== undefined ? { position: check.position } : {}),
            ...(check?.expected !== undefined ? { expected: check.expected } : {}),
            ...(check?.actual !== undefined ? { actual: check.actual } : {}),
            ...(suggestion ? { normalized: suggestion } : {}),
          },
        };
      }
      case 'ORGANIZATION_NOT_FOUND':
        return { status: 'ORGANIZATION_NOT_FOUND', message: message({ uscc: principal.uscc ?? '' }) };
      case 'ORGANIZATION_NAME_MISMATCH': {
        const explanations = decision.differences.map((d) => describeNameDifference(d)[language]);
        return {
          status: 'ORGANIZATION_NAME_MISMATCH',
          message: message({ detail: `${explanations.join(language === 'en' ? '; ' : '；')}${language === 'en' ? '.' : '。'}` }),
          organization: presentOrganization(decision.organization),
          nameMismatch: {
            claimedName: principal.name ?? '',
            registeredName: decision.organization.name,
            policy: this.config.nameComparisonPolicy,
            differences: decision.differences.map((d, i) => ({
              kind: d.kind,
              position: d.position,
              ...(d.claimedChar !== undefined ? { claimedChar: d.claimedChar, claimedCodePoint: d.claimedCodePoint } : {}),
              ...(d.registeredChar !== undefined ? { registeredChar: d.registeredChar, registeredCodePoint: d.registeredCodePoint } : {}),
              explanation: explanations[i],
            })),
          },
        };
      }
      case 'LEGAL_PERSON_ALREADY_BOUND':
        return {
          status: 'LEGAL_PERSON_ALREADY_BOUND',
          message: message({ uscc: decision.organization.uscc ?? '' }),
          organization: presentOrganization(decision.organization),
          boundSince: decision.boundSince.toISOString(),
        };
      case 'LEGAL_PERSON_ACCOUNT_REQUIRED':
        return {
          status: decision.status,
          message: message({ organizationName: decision.organization.name, uscc: decision.organization.uscc ?? '' }),
          organization: presentOrganization(decision.organization),
          legalPersonAccount: { name: decision.organization.name, uscc: decision.organization.uscc ?? '' },
        };
      case 'ORGANIZATION_DEREGISTERED':
      case 'ORGANIZATION_NOT_ESTABLISHED':
        return {
          status: decision.status,
          message: message({ organizationName: decision.organization.name, uscc: decision.organization.uscc ?? '' }),
          organization: presentOrganization(decision.organization),
        };
      case 'PLATFORM_ACCOUNT_BOUND_ELSEWHERE':
        return {
          status: decision.status,
          message: message({ organizationName: decision.binding.organization.name }),
          organization: presentOrganization(decision.binding.organization),
        };
      case 'APPLICATION_PENDING':
        return {
          status: 'APPLICATION_PENDING',
          message: message({ authorityName: decision.application.authorityName }),
          application: presentApplicationFacts(decision.application),
        };
      case 'APPLICATION_REJECTED':
        return {
          status: 'APPLICATION_REJECTED',
          // The template ends the reason with its own full stop.
          message: message({ reason: (decision.application.rejectionReason ?? '').replace(/[。．.！!\s]+$/u, '') }),
          application: presentApplicationFacts(decision.application),
          options: [...decision.options],
        };
      case 'BINDING_REQUIRED':
        return { status: 'BINDING_REQUIRED', message: message({}), options: [...decision.options] };
    }
  }
}

function toOrganizationFacts(organization: OrganizationEntity): OrganizationFacts {
  const { id, name, uscc, status, type, authorityCode, divisionCode } = organization;
  return { id, name, uscc, status, type, authorityCode, divisionCode };
}

function toBindingFacts(active: ActiveBinding | null): AccountBindingFacts | null {
  if (!active) return null;
  return {
    bindingId: active.binding.id,
    kind: active.binding.kind,
    since: active.binding.createdAt,
    organization: toOrganizationFacts(active.organization),
    supersedeAt: active.binding.supersedeAt,
  };
}

function toEndedBindingFacts(ended: ActiveBinding | null): EndedBindingFacts | null {
  if (!ended || ended.binding.status === 'active') return null;
  return {
    bindingId: ended.binding.id,
    kind: ended.binding.kind,
    status: ended.binding.status,
    endedAt: ended.binding.endedAt ?? ended.binding.createdAt,
    organization: toOrganizationFacts(ended.organization),
  };
}

function toApplicationFacts(found: ApplicationWithAuthority | null): LatestApplicationFacts | null {
  if (!found) return null;
  const { application, authority } = found;
  return {
    id: application.id,
    status: application.status,
    authorityCode: authority.code,
    authorityName: authority.name,
    submittedAt: application.submittedAt,
    decidedAt: application.decidedAt,
    rejectionReason: application.rejectionReason,
  };
}

function presentApplicationFacts(facts: LatestApplicationFacts): ResolutionApplicationDto {
  return {
    id: facts.id,
    status: facts.status,
    authority: { code: facts.authorityCode, name: facts.authorityName },
    submittedAt: facts.submittedAt.toISOString(),
    decidedAt: facts.decidedAt ? facts.decidedAt.toISOString() : null,
    rejectionReason: facts.rejectionReason,
  };
}

function presentOrganization(facts: OrganizationFacts): ResolvedOrganizationDto {
  const { id, name, uscc, type, status, authorityCode, divisionCode } = facts;
  return { id, name, uscc, type, status, authorityCode, divisionCode };
}
