import type { EntityManager, ObjectLiteral } from 'typeorm';

/**
 * Runs hand-written SQL with `:name` parameters on any driver: TypeORM rewrites them into the driver's own
 * placeholders (`?` for SQLite, `$1` for PostgreSQL), so one statement serves both databases.
 */
export async function rawQuery<T extends ObjectLiteral>(
  manager: EntityManager,
  sql: string,
  parameters: ObjectLiteral = {},
): Promise<T[]> {
  const [query, values] = manager.connection.driver.escapeQueryWithParameters(sql, parameters);
  return manager.query<T[]>(query, values);
}
