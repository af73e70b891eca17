import { QueryFailedError } from 'typeorm';

/**
 * A unique key refused an insert: another unit recorded the same idempotency key first. PostgreSQL's error
 * arrives wrapped by TypeORM; SQLite's straight from better-sqlite3 (the ledger runs its statements itself).
 */
export function isUniqueViolation(error: unknown): boolean {
  const code =
    error instanceof QueryFailedError
      ? (error.driverError as { code?: unknown } | undefined)?.code
      : (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
