import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OrganizationEntity } from '../registry/entities/organization.entity';
import { RegistrationAuthorityEntity } from '../registry/entities/registration-authority.entity';
import { RegistryRecord } from './domain/registry-record';

/**
 * Registry records as the sync and the transitions change them: every read for a change takes
 * the organization's row lock (`FOR NO KEY UPDATE`), which serialises changes, transitions and
 * session openings of one organization across replicas while bindings may still reference it.
 */
@Injectable()
export class OrganizationRecordsRepository {
  lockById(manager: EntityManager, id: string): Promise<OrganizationEntity | null> {
    return this.lockWhere(manager, 'o.id = :value', id);
  }

  lockByExternalId(manager: EntityManager, externalId: string): Promise<OrganizationEntity | null> {
    return this.lockWhere(manager, 'o.external_id = :value', externalId);
  }

  lockByUscc(manager: EntityManager, uscc: string): Promise<OrganizationEntity | null> {
    return this.lockWhere(manager, 'o.uscc = :value', uscc);
  }

  findAuthority(manager: EntityManager, code: string): Promise<RegistrationAuthorityEntity | null> {
    return manager.findOne(RegistrationAuthorityEntity, { where: { code } });
  }

  /** Insert a new record (version 1). */
  async insert(manager: EntityManager, record: RegistryRecord): Promise<OrganizationEntity> {
    const id = randomUUID();
    await manager.insert(OrganizationEntity, { id, ...record, version: 1 });
    return manager.findOneOrFail(OrganizationEntity, { where: { id } });
  }

  /** Apply changed values (the version grows by one, `updated_at` is set). */
  async update(manager: EntityManager, id: string, values: Partial<RegistryRecord>): Promise<OrganizationEntity> {
    await manager.createQueryBuilder().update(OrganizationEntity).set(values).where('id = :id', { id }).execute();
    return manager.findOneOrFail(OrganizationEntity, { where: { id } });
  }

  private lockWhere(manager: EntityManager, condition: string, value: string): Promise<OrganizationEntity | null> {
    return manager.createQueryBuilder(OrganizationEntity, 'o').where(condition, { value }).setLock('for_no_key_update').getOne();
  }
}
