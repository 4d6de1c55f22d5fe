import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { uniqueViolation } from '../bindings/bindings.repository';
import { chinaCalendarDay } from '../common/china-time';
import { Clock, InjectClock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { RequestValidationError } from '../common/errors/validation';
import { Language } from '../common/http/language';
import { EventsService, NewEvent } from '../events/events.service';
import { describeNameWarning, findSuspiciousNameIssues, NameWarningCode } from '../identity-claims/domain/name-input-checks';
import { resolveDivisionCode } from '../registry/domain/divisions';
import { OrganizationEntity } from '../registry/entities/organization.entity';
import { ActingParty } from '../sessions/acting-party';
import { mapRegistryConstraintError } from './constraint-errors';
import { checkTransition } from './domain/organization-transitions';
import { changedRecordFields, checkRecordDates, RegistryRecord } from './domain/registry-record';
import { OrganizationChangeResponseDto, UpsertOrganizationDto } from './dto/organization-record.dto';
import { OrganizationRecordsRepository } from './organization-records.repository';
import { changeResponse, recordOf } from './organization-presenter';
import { NO_EFFECTS, TransitionEffects, TransitionEffectsService } from './transition-effects.service';
import { readUscc } from './uscc-input';

/** Latin letters and digits are normal in certificate names (e.g. “IT”); brackets, punctuation and spaces are worth a warning. */
const NAME_WARNINGS_IGNORED: ReadonlySet<NameWarningCode> = new Set(['half-width-letter', 'half-width-digit']);

/**
 * `PUT /v1/organizations/{externalId}`: the management system (the system of record) syncs one
 * registry record. Idempotent: the same record again changes nothing (no version, no event).
 * Keyed by the external id; a record whose USCC is already registered without an external id
 * (file import) is adopted, never duplicated. A status change is a lifecycle transition, with
 * the same effects as the transition routes, in the same transaction.
 */
@Injectable()
export class OrganizationSyncService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectClock() private readonly clock: Clock,
    private readonly records: OrganizationRecordsRepository,
    private readonly effects: TransitionEffectsService,
    private readonly audit: AuditService,
    private readonly events: EventsService,
  ) {}

  async upsert(externalId: string, dto: UpsertOrganizationDto, party: ActingParty, language: Language): Promise<OrganizationChangeResponseDto> {
    const now = this.clock.now();
    const { record, warnings } = await this.desiredRecord(externalId, dto, now, language);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction((manager) => this.upsertIn(manager, record, warnings, now, party));
      } catch (error) {
        // Two first syncs of one external id: the loser retries and finds the winner's record.
        if (uniqueViolation(error) === 'ux_organization_external_id' && attempt < 3) continue;
        mapRegistryConstraintError(error, record);
      }
    }
  }

  private async upsertIn(manager: EntityManager, desired: RegistryRecord, warnings: string[], now: Date, party: ActingParty): Promise<OrganizationChangeResponseDto> {
    const externalId = desired.externalId!;
    let current = await this.records.lockByExternalId(manager, externalId);
    if (!current && desired.uscc) {
      const sameCode = await this.records.lockByUscc(manager, desired.uscc);
      if (sameCode && sameCode.externalId !== null) throw new DomainError(ErrorCode.USCC_ALREADY_REGISTERED, { uscc: desired.uscc });
      current = sameCode;
    }
    if (!current) {
      const created = await this.records.insert(manager, desired);
      await this.recordUpsert(manager, created, 'created', [], party);
      return changeResponse('created', null, [], warnings, created, NO_EFFECTS);
    }

    const check = checkTransition(current.status, desired.status);
    if (!check.allowed) {
      throw new DomainError(
        ErrorCode.ORGANIZATION_TRANSITION_INVALID,
        { currentStatus: check.from, requestedStatus: check.to },
        { currentStatus: check.from, requestedStatus: check.to, organizationId: current.id },
      );
    }
    const changed = changedRecordFields(recordOf(current), desired);
    if (changed.length === 0) return changeResponse('unchanged', null, [], warnings, current, NO_EFFECTS);

    const values = Object.fromEntries(changed.map((field) => [field, desired[field]])) as Partial<RegistryRecord>;
    const updated = await this.records.update(manager, current.id, values);
    const events = [await this.recordUpsert(manager, updated, 'updated', changed, party)];
    let effects: TransitionEffects = NO_EFFECTS;
    if (check.transition) {
      const applied = await this.effects.apply(manager, updated, check.transition, now, party);
      effects = applied.effects;
      events.push(...applied.events);
    }
    await this.events.append(manager, ...events);
    return changeResponse('updated', check.transition, changed, warnings, updated, effects);
  }

  /** Audit the upsert; for a creation append its event at once, else return it for the caller. */
  private async recordUpsert(manager: EntityManager, organization: OrganizationEntity, operation: 'created' | 'updated', changed: string[], party: ActingParty): Promise<NewEvent> {
    await this.audit.record({
      actorKind: party.actorKind,
      actor: party.actor,
      action: `organization.${operation}`,
      targetType: 'organization',
      targetId: organization.id,
      outcome: 'success',
      requestId: party.requestId,
      clientIp: party.clientIp,
      details: { externalId: organization.externalId, status: organization.status, version: organization.version, changedFields: changed },
    }, manager);
    const event: NewEvent = {
      type: 'organization.upserted',
      aggregateType: 'organization',
      aggregateId: organization.id,
      data: {
        organizationId: organization.id,
        externalId: organization.externalId,
        operation,
        status: organization.status,
        uscc: organization.uscc,
        version: organization.version,
        changedFields: changed,
      },
    };
    if (operation === 'created') await this.events.append(manager, event);
    return event;
  }

  /** The record to store, from the request: USCC read, authority checked, division derived, dates checked. */
  private async desiredRecord(externalId: string, dto: UpsertOrganizationDto, now: Date, language: Language): Promise<{ record: RegistryRecord; warnings: string[] }> {
    const warnings: string[] = findSuspiciousNameIssues(dto.name)
      .filter((w) => !NAME_WARNINGS_IGNORED.has(w.code))
      .map((w) => `name: ${describeNameWarning(w)[language]}`);
    const usccInput = dto.uscc ? readUscc(dto.uscc, false) : null;
    if (usccInput) warnings.push(...usccInput.warnings);
    const authorityCode = dto.authorityCode ?? null;
    const authority = authorityCode ? await this.records.findAuthority(this.dataSource.manager, authorityCode) : null;
    if (authorityCode && !authority) throw new DomainError(ErrorCode.REGISTRATION_AUTHORITY_NOT_FOUND, { authorityCode });
    if (authority && !authority.active) warnings.push(`authorityCode: ${authority.code} is marked inactive`);
    const usccType = usccInput?.check.valid ? usccInput.check.organizationType : null;
    if (usccType && usccType !== dto.type) warnings.push(`type: ${dto.type} differs from the USCC category (${usccType})`);

    const explicitDivision = dto.divisionCode ? resolveDivisionCode(dto.divisionCode) : null;
    const usccDivision = usccInput ? resolveDivisionCode(usccInput.uscc.slice(2, 8)) : null;
    const divisionCode = explicitDivision?.code ?? authority?.divisionCode ?? usccDivision?.code ?? null;

    const record: RegistryRecord = {
      externalId,
      name: dto.name,
      type: dto.type,
      status: dto.status,
      uscc: usccInput?.uscc ?? null,
      authorityCode,
      divisionCode,
      establishedAt: dto.establishedAt ?? null,
      deregisteredAt: dto.deregisteredAt ?? null,
    };
    const problems = checkRecordDates(record, chinaCalendarDay(now));
    if (problems.length > 0) {
      throw new RequestValidationError(problems.map((p) => ({ field: p.field, constraint: p.constraint, detail: `${p.field} ${p.constraint}` })));
    }
    return { record, warnings };
  }
}
