import { sqliteConnection, type SqliteConnection, type SqliteStatement } from '@app/platform';
import type { EntityManager } from 'typeorm';

export type Dialect = 'sqlite' | 'postgres';

/** What a statement parameter may be. A list binds as an array on PostgreSQL and as JSON text on SQLite. */
export type SqlValue = number | string | boolean | null | number[];

interface Compiled {
  text: string;
  /** The parameter name behind each placeholder, in placeholder order. */
  order: string[];
}

/** `:name`, but not the `::` of a cast. */
const PARAMETER = /(?<![:\w]):([a-zA-Z_]\w*)/g;

/**
 * One SQL statement, written out with `:name` parameters, compiled once per dialect into the driver's own
 * placeholders (`?` for SQLite, `$1` for PostgreSQL). The text never varies with the values, so each statement
 * is prepared once and reused (better-sqlite3's statement cache, PostgreSQL's plan cache).
 */
export class Sql {
  private readonly compiled = new Map<Dialect, Compiled>();

  /** Identical text for both databases, or one text per dialect where their SQL differs. */
  constructor(
    readonly name: string,
    private readonly text: string | Record<Dialect, string>,
  ) {}

  compile(dialect: Dialect): Compiled {
    let compiled = this.compiled.get(dialect);
    if (!compiled) {
      const source = typeof this.text === 'string' ? this.text : this.text[dialect];
      const order: string[] = [];
      const text = source.replace(PARAMETER, (_match, name: string) => {
        if (dialect === 'sqlite') {
          order.push(name);
          return '?';
        }
        const index = order.indexOf(name);
        if (index >= 0) {
          return `$${index + 1}`;
        }
        order.push(name);
        return `$${order.length}`;
      });
      compiled = { text, order };
      this.compiled.set(dialect, compiled);
    }
    return compiled;
  }
}

/** Where each column of a statement's rows is, when rows arrive as arrays of values (SQLite). */
export type ColumnIndex = ReadonlyMap<string, number>;

/**
 * A row as the driver returned it, read column by column with a check of each value's type: an array of values
 * placed by `columns` (SQLite), or an object by column name (PostgreSQL).
 */
export class Row {
  constructor(
    private readonly values: readonly unknown[] | Readonly<Record<string, unknown>>,
    private readonly columns: ColumnIndex | undefined,
    private readonly statement: string,
  ) {}

  private value(column: string): unknown {
    if (this.columns === undefined) {
      return (this.values as Readonly<Record<string, unknown>>)[column];
    }
    const index = this.columns.get(column);
    return index === undefined ? undefined : (this.values as readonly unknown[])[index];
  }

  /** Integers arrive as numbers (SQLite, PostgreSQL `integer`) or as digit strings (PostgreSQL `bigint`, sums). */
  int(column: string): number {
    const value = this.value(column);
    const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isSafeInteger(number)) {
      throw this.unexpected(column, 'an integer');
    }
    return number;
  }

  intOrNull(column: string): number | null {
    return isAbsent(this.value(column)) ? null : this.int(column);
  }

  text(column: string): string {
    const value = this.value(column);
    if (typeof value !== 'string') {
      throw this.unexpected(column, 'text');
    }
    return value;
  }

  textOrNull(column: string): string | null {
    return isAbsent(this.value(column)) ? null : this.text(column);
  }

  /** SQLite stores booleans as 0 and 1. */
  bool(column: string): boolean {
    const value = this.value(column);
    if (value === true || value === 1) {
      return true;
    }
    if (value === false || value === 0) {
      return false;
    }
    throw this.unexpected(column, 'a boolean');
  }

  private unexpected(column: string, what: string): Error {
    return new Error(`${this.statement}: column ${column} is not ${what} (${JSON.stringify(this.value(column))})`);
  }
}

/** A statement prepared on SQLite's connection, with where its rows' columns are (readers only). */
interface Prepared {
  statement: SqliteStatement;
  columns?: ColumnIndex;
}

function isAbsent(value: unknown): boolean {
  return value === null || value === undefined;
}

/** Each statement prepared once per SQLite connection, kept for the connection's life. */
const prepared = new WeakMap<SqliteConnection, Map<Sql, Prepared>>();

/**
 * Runs one statement and returns its rows, including those of `… RETURNING`.
 *
 * SQLite: straight on the connection TypeORM opened (see `sqliteConnection`), each statement prepared once:
 * TypeORM's query runner cost more CPU than the statements themselves on the purchase path (`npm run bench
 * -- --profile`). Rows come back as arrays of values rather than objects keyed by column: building an object
 * per row was ~40% of an `/earnings` page's time in SQLite (`docs/performance.md`). PostgreSQL: through the
 * query runner of `manager` (the transaction's, when inside one), which holds the pooled connection.
 */
export async function execute(
  manager: EntityManager,
  dialect: Dialect,
  statement: Sql,
  parameters: Record<string, SqlValue> = {},
): Promise<Row[]> {
  const { text, order } = statement.compile(dialect);
  const values = order.map((name) => bind(dialect, parameters[name], name, statement.name));
  if (dialect === 'postgres') {
    const records = await runOnPostgres(manager, text, values);
    return records.map((record) => new Row(record as Record<string, unknown>, undefined, statement.name));
  }
  const { statement: compiled, columns } = preparedOnSqlite(manager, statement, text);
  if (!columns) {
    compiled.run(...values);
    return [];
  }
  return compiled.all(...values).map((record) => new Row(record as unknown[], columns, statement.name));
}

function preparedOnSqlite(manager: EntityManager, statement: Sql, text: string): Prepared {
  const connection = sqliteConnection(manager.connection);
  let statements = prepared.get(connection);
  if (!statements) {
    statements = new Map();
    prepared.set(connection, statements);
  }
  let entry = statements.get(statement);
  if (!entry) {
    const compiled = connection.prepare(text);
    entry = { statement: compiled };
    if (compiled.reader) {
      compiled.raw(true);
      entry.columns = new Map(compiled.columns().map(({ name }, index) => [name, index]));
    }
    statements.set(statement, entry);
  }
  return entry;
}

async function runOnPostgres(manager: EntityManager, text: string, values: unknown[]): Promise<unknown[]> {
  const records: unknown = manager.queryRunner
    ? (await manager.queryRunner.query(text, values, true)).records
    : await manager.query(text, values);
  return Array.isArray(records) ? (records as unknown[]) : [];
}

function bind(dialect: Dialect, value: SqlValue | undefined, name: string, statement: string): unknown {
  if (value === undefined) {
    throw new Error(`${statement}: no value for :${name}`);
  }
  if (dialect === 'postgres') {
    return value;
  }
  if (Array.isArray(value)) {
    return JSON.stringify(value);
  }
  // As BigInt, better-sqlite3 binds an integer as INTEGER (a plain number would bind as REAL).
  if (typeof value === 'number' && Number.isSafeInteger(value)) {
    return BigInt(value);
  }
  if (typeof value === 'boolean') {
    return value ? 1 : 0;
  }
  return value;
}

/** The single row a statement must return (an insert's `RETURNING`, a lookup by key that was checked to exist). */
export function only(rows: Row[], statement: Sql): Row {
  if (rows.length !== 1) {
    throw new Error(`${statement.name}: expected one row, got ${rows.length}`);
  }
  return rows[0];
}
