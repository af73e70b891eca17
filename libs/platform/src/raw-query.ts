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
  const driver = manager.connection.driver;
  const bound = manager.connection.options.type === 'better-sqlite3' ? bindIntegers(parameters) : parameters;
  const [query, values] = driver.escapeQueryWithParameters(sql, bound);
  return manager.query<T[]>(query, values);
}

/**
 * TypeORM 1.x's SQLite driver writes number parameters into the SQL text, so each user id made a statement
 * of its own: better-sqlite3 compiled it afresh on every call and TypeORM's statement cache never hit
 * (`npm run bench -- --profile`). Passed as BigInt, an integer is bound as a `?` instead, and SQLite stores
 * and compares it as the INTEGER the literal would have been.
 */
function bindIntegers(parameters: ObjectLiteral): ObjectLiteral {
  return Object.fromEntries(
    Object.entries(parameters).map(([name, value]) => [
      name,
      typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : value,
    ]),
  );
}
