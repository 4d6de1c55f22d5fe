import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OrganizationEntity } from './entities/organization.entity';

/** Organizations of the registry. */
@Injectable()
export class OrganizationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The organization registered under `uscc` (exact, as stored). */
  findByUscc(uscc: string, manager: EntityManager = this.dataSource.manager): Promise<OrganizationEntity | null> {
    return manager.findOne(OrganizationEntity, { where: { uscc } });
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<OrganizationEntity | null> {
    return manager.findOne(OrganizationEntity, { where: { id } });
  }
}
