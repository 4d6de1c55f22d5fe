import { EntityManager } from 'typeorm';

/**
 * Run an `UPDATE … RETURNING …` and get the returned rows. (TypeORM's `query` answers an
 * UPDATE with `[rows, rowCount]`, a SELECT with the rows alone.)
 */
export async function updateReturning<T>(manager: EntityManager, sql: string, params: readonly unknown[]): Promise<T[]> {
  const result: unknown = await manager.query(sql, [...params]);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  throw new Error('updateReturning: expected the result of an UPDATE … RETURNING');
}
