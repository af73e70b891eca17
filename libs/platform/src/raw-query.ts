import type { EntityManager, ObjectLiteral } from 'typeorm';

/**
 * Runs hand-written SQL with `:name` parameters on any driver: TypeORM rewrites them into the driver's own
 * placeholders (`?` for SQLite, `$1` for PostgreSQL), so one statement serves both databases. Returns the rows,
 * also for `UPDATE … RETURNING` (for which the PostgreSQL driver's plain result is `[rows, count]`).
 */
export async function rawQuery<T extends ObjectLiteral>(
  manager: EntityManager,
  sql: string,
  parameters: ObjectLiteral = {},
): Promise<T[]> {
  const [query, values] = manager.connection.driver.escapeQueryWithParameters(sql, parameters);
  if (manager.queryRunner) {
    const { records } = await manager.queryRunner.query(query, values, true);
    return records as T[];
  }
  return manager.query<T[]>(query, values);
}
