import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { findDivision } from './domain/divisions';
import { RegistrationAuthorityEntity } from './entities/registration-authority.entity';

/** Registration authorities (登记管理机关). */
@Injectable()
export class AuthoritiesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findByCode(code: string, manager: EntityManager = this.dataSource.manager): Promise<RegistrationAuthorityEntity | null> {
    return manager.findOne(RegistrationAuthorityEntity, { where: { code } });
  }

  /** The authorities with these codes, by code. */
  async findByCodes(codes: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, RegistrationAuthorityEntity>> {
    if (codes.length === 0) return new Map();
    const rows = await manager.find(RegistrationAuthorityEntity, { where: { code: In([...codes]) } });
    return new Map(rows.map((r) => [r.code, r]));
  }

  /** Active authorities, optionally of one division, by division then code. */
  listActive(divisionCode?: string): Promise<RegistrationAuthorityEntity[]> {
    return this.dataSource.getRepository(RegistrationAuthorityEntity).find({
      where: divisionCode ? { active: true, divisionCode } : { active: true },
      order: { divisionCode: 'ASC', code: 'ASC' },
    });
  }
}

/** A division's name with its parents (辽宁省鞍山市千山区), or the code when unknown. */
export function divisionFullName(code: string): string {
  const parts: string[] = [];
  for (let division = findDivision(code); division; division = division.parentCode ? findDivision(division.parentCode) : null) {
    parts.unshift(division.name);
  }
  return parts.length > 0 ? parts.join('') : code;
}
