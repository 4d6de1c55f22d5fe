import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, Not } from 'typeorm';
import { BindingEntity, BindingKind, UserType } from './binding.entity';
import { BoundPersonColumns } from '../personal-data/personal-data-protector';
import { OrganizationEntity } from '../registry/entities/organization.entity';

/** An active binding with the organization it binds to. */
export interface ActiveBinding {
  readonly binding: BindingEntity;
  readonly organization: OrganizationEntity;
}

/** PostgreSQL unique-violation constraint name, when `error` is one. */
export function uniqueViolation(error: unknown): string | null {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError ?? (error as { code?: string; constraint?: string });
  return driverError && driverError.code === '23505' ? (driverError.constraint ?? 'unknown') : null;
}

/** Bindings, always looked up by their owner (platform account or organization). */
@Injectable()
export class BindingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The platform account's active binding with its organization (one indexed query). */
  async findActiveByPlatformAccount(issuer: string, subject: string, manager: EntityManager = this.dataSource.manager): Promise<ActiveBinding | null> {
    const binding = await manager.findOne(BindingEntity, {
      where: { issuer, subject, status: 'active' },
      relations: { organization: true },
    });
    if (!binding || !binding.organization) return null;
    return { binding, organization: binding.organization };
  }

  /**
   * The platform account's most recently ended binding (superseded or revoked) with its
   * organization: what happened to an account that no longer has an active binding.
   */
  async findLatestEndedByPlatformAccount(issuer: string, subject: string, manager: EntityManager = this.dataSource.manager): Promise<ActiveBinding | null> {
    const binding = await manager.findOne(BindingEntity, {
      where: { issuer, subject, status: Not('active') },
      relations: { organization: true },
      order: { endedAt: 'DESC', createdAt: 'DESC' },
    });
    if (!binding || !binding.organization) return null;
    return { binding, organization: binding.organization };
  }

  /** The organization's active legal-person binding, if any. */
  async findActiveLegalPersonByOrganization(organizationId: string, manager: EntityManager = this.dataSource.manager): Promise<BindingEntity | null> {
    return manager.findOne(BindingEntity, { where: { organizationId, status: 'active', kind: 'legal_person' } });
  }

  /** Insert an active binding (unique indexes enforce the invariants; the caller maps violations). */
  async createActive(
    manager: EntityManager,
    values: { organizationId: string; issuer: string; subject: string; userType: UserType; kind: BindingKind; person?: BoundPersonColumns },
  ): Promise<BindingEntity> {
    const { person, ...rest } = values;
    const binding = manager.create(BindingEntity, {
      id: randomUUID(),
      status: 'active',
      endedAt: null,
      endedReason: null,
      personNameMasked: person?.personNameMasked ?? null,
      residentIdHash: person?.residentIdHash ?? null,
      residentIdMasked: person?.residentIdMasked ?? null,
      phoneMasked: person?.phoneMasked ?? null,
      ...rest,
    });
    await manager.insert(BindingEntity, binding);
    return manager.findOneOrFail(BindingEntity, { where: { id: binding.id } });
  }
}
