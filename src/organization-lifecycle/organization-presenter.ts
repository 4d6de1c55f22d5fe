import { OrganizationEntity } from '../registry/entities/organization.entity';
import { RegistryRecord } from './domain/registry-record';
import { LifecycleEffectsDto, OrganizationChangeResponseDto, OrganizationRecordDto } from './dto/organization-record.dto';
import { TransitionEffects } from './transition-effects.service';

/** The stored organization as a registry record (the fields the sync compares). */
export function recordOf(organization: OrganizationEntity): RegistryRecord {
  const { externalId, name, type, status, uscc, authorityCode, divisionCode, establishedAt, deregisteredAt } = organization;
  return { externalId, name, type, status, uscc, authorityCode, divisionCode, establishedAt, deregisteredAt };
}

export function presentOrganizationRecord(organization: OrganizationEntity): OrganizationRecordDto {
  return { id: organization.id, ...recordOf(organization), version: organization.version, updatedAt: organization.updatedAt.toISOString() };
}

export function presentEffects(effects: TransitionEffects): LifecycleEffectsDto {
  return { ...effects, supersedeAt: effects.supersedeAt ? effects.supersedeAt.toISOString() : null };
}

/** The answer of a sync or transition. */
export function changeResponse(
  outcome: OrganizationChangeResponseDto['outcome'],
  transition: OrganizationChangeResponseDto['transition'],
  changedFields: string[],
  warnings: string[],
  organization: OrganizationEntity,
  effects: TransitionEffects,
): OrganizationChangeResponseDto {
  return { outcome, transition, changedFields, warnings, organization: presentOrganizationRecord(organization), effects: presentEffects(effects) };
}
