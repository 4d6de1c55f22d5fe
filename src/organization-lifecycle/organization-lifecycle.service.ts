import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { chinaCalendarDay } from '../common/china-time';
import { Clock, InjectClock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { RequestValidationError } from '../common/errors/validation';
import { EventsService } from '../events/events.service';
import { OrganizationEntity } from '../registry/entities/organization.entity';
import { ActingParty } from '../sessions/acting-party';
import { mapRegistryConstraintError } from './constraint-errors';
import { checkTransition, LifecycleStatus } from './domain/organization-transitions';
import { changedRecordFields, checkRecordDates, RegistryRecord } from './domain/registry-record';
import { DeregisterOrganizationDto, EstablishOrganizationDto, OrganizationChangeResponseDto } from './dto/organization-record.dto';
import { OrganizationRecordsRepository } from './organization-records.repository';
import { changeResponse, recordOf } from './organization-presenter';
import { NO_EFFECTS, TransitionEffectsService } from './transition-effects.service';
import { readUscc } from './uscc-input';

/**
 * The explicit lifecycle transitions the management system reports:
 * establishment (`in_formation → established`, certificate issued and seal/bank filing done) and
 * deregistration (`→ deregistered`). Each runs in one transaction holding the organization's row
 * lock: status, bindings, sessions, audit and events commit together. Repeating a transition that
 * already happened with the same data answers `unchanged` (safe retries); anything else that the
 * state machine refuses is 409 ORGANIZATION_TRANSITION_INVALID with the current status.
 */
@Injectable()
export class OrganizationLifecycleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectClock() private readonly clock: Clock,
    private readonly records: OrganizationRecordsRepository,
    private readonly effects: TransitionEffectsService,
    private readonly events: EventsService,
  ) {}

  /** Establishment: USCC checked strictly and unique; the certificate name becomes the name. */
  async establish(id: string, dto: EstablishOrganizationDto, party: ActingParty): Promise<OrganizationChangeResponseDto> {
    const { uscc, warnings } = readUscc(dto.uscc, true);
    const now = this.clock.now();
    this.checkDates({ status: 'established', establishedAt: dto.establishedAt, deregisteredAt: null }, now);
    try {
      return await this.dataSource.transaction((manager) =>
        this.transition(manager, id, 'established', party, now, warnings, (current) => ({
          ...recordOf(current),
          status: 'established',
          uscc,
          name: dto.certificateName,
          establishedAt: dto.establishedAt,
        })),
      );
    } catch (error) {
      mapRegistryConstraintError(error, { uscc, authorityCode: null });
    }
  }

  /** Deregistration: every binding revoked, every session ended. */
  async deregister(id: string, dto: DeregisterOrganizationDto, party: ActingParty): Promise<OrganizationChangeResponseDto> {
    const now = this.clock.now();
    return this.dataSource.transaction((manager) =>
      this.transition(manager, id, 'deregistered', party, now, [], (current) => {
        const desired: RegistryRecord = { ...recordOf(current), status: 'deregistered', deregisteredAt: dto.deregisteredAt ?? current.deregisteredAt };
        this.checkDates(desired, now);
        return desired;
      }),
    );
  }

  private async transition(
    manager: EntityManager,
    id: string,
    target: LifecycleStatus,
    party: ActingParty,
    now: Date,
    warnings: string[],
    desiredOf: (current: OrganizationEntity) => RegistryRecord,
  ): Promise<OrganizationChangeResponseDto> {
    const current = await this.records.lockById(manager, id);
    if (!current) throw new DomainError(ErrorCode.NOT_FOUND);
    const desired = desiredOf(current);
    const changed = changedRecordFields(recordOf(current), desired);
    const check = checkTransition(current.status, target);
    if (check.allowed && check.transition === null && changed.length === 0) {
      return changeResponse('unchanged', null, [], warnings, current, NO_EFFECTS);
    }
    if (!check.allowed || check.transition === null) {
      throw new DomainError(
        ErrorCode.ORGANIZATION_TRANSITION_INVALID,
        { currentStatus: current.status, requestedStatus: target },
        { currentStatus: current.status, requestedStatus: target, organizationId: current.id },
      );
    }
    const values = Object.fromEntries(changed.map((field) => [field, desired[field]])) as Partial<RegistryRecord>;
    const updated = await this.records.update(manager, current.id, values);
    const { effects, events } = await this.effects.apply(manager, updated, check.transition, now, party);
    await this.events.append(manager, ...events);
    return changeResponse('updated', check.transition, changed, warnings, updated, effects);
  }

  private checkDates(record: Pick<RegistryRecord, 'status' | 'establishedAt' | 'deregisteredAt'>, now: Date): void {
    const problems = checkRecordDates(record, chinaCalendarDay(now));
    if (problems.length > 0) {
      throw new RequestValidationError(problems.map((p) => ({ field: p.field, constraint: p.constraint, detail: `${p.field} ${p.constraint}` })));
    }
  }
}
