import type { DataSource, DataSourceOptions, EntitySchema, MixedList, ObjectLiteral } from 'typeorm';

type Entities = MixedList<string | (new () => unknown) | EntitySchema>;
type Migrations = MixedList<string | (new () => unknown)>;

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/**
 * SQLite's `synchronous` setting for every service database. NORMAL does not sync the WAL at COMMIT; the
 * TransactionRunner does, off the event loop, before any caller hears of the commit (see `WalSync`).
 */
export const SQLITE_SYNCHRONOUS = 'NORMAL';

/**
 * TypeORM options for a service's own database: PostgreSQL when the URL says so, else a SQLite file
 * (better-sqlite3, WAL). Migrations run at start-up; the schema is never synchronised from entities.
 */
export function databaseOptions(
  url: string,
  entities: Entities,
  migrations: Migrations,
  busyTimeoutMs = 5_000,
): DataSourceOptions {
  const common = { entities, migrations, migrationsRun: true, synchronize: false, logging: false } as const;
  if (isPostgresUrl(url)) {
    return { type: 'postgres', url, ...common };
  }
  return {
    type: 'better-sqlite3',
    database: url,
    enableWAL: true,
    // How long a statement waits for another process's write lock before SQLITE_BUSY (TransactionRunner retries).
    timeout: busyTimeoutMs,
    // TypeORM keeps prepared statements in a FIFO cache of 100 by SQL text. Statements whose text varies
    // (`IN (?, ?, …)` lists of any length) pushed the hot ones out, and re-preparing them cost ~9% of the
    // commissions service's CPU under purchase load (npm run bench -- --profile). Room for all of them.
    statementCacheSize: 2_000,
    prepareDatabase: (db: { pragma(source: string): unknown }) => {
      // A write answered 201 survives an OS crash or a power cut, as the contract promises: the COMMIT writes
      // the WAL and TransactionRunner syncs it before answering (FULL would sync inside the COMMIT, holding the
      // event loop). Group commit shares one sync among a whole batch; docs/resilience.md has the costs.
      db.pragma(`synchronous = ${SQLITE_SYNCHRONOUS}`);
    },
    ...common,
  };
}

const BOUND = Symbol('integer parameters bound');

/**
 * Makes TypeORM bind integer parameters on SQLite instead of writing them into the SQL text.
 *
 * TypeORM 1.x's SQLite driver inlines number parameters, so `findOneBy(User, { id })` for each id, every
 * insert and every update made a statement of its own: better-sqlite3 compiled each afresh and TypeORM's
 * statement cache never hit (a tenth of the services' CPU under `npm run bench -- --profile`). As BigInt, an
 * integer is bound as a `?` and stored and compared as the INTEGER the literal would have been. Other values
 * are left to TypeORM. PostgreSQL already binds everything.
 */
export function bindIntegerParameters(dataSource: DataSource): void {
  const driver = dataSource.driver as DataSource['driver'] & { [BOUND]?: true };
  if (dataSource.options.type !== 'better-sqlite3' || driver[BOUND]) {
    return;
  }
  const escape = driver.escapeQueryWithParameters.bind(driver);
  driver.escapeQueryWithParameters = (sql: string, parameters: ObjectLiteral) =>
    escape(sql, integersAsBigInt(parameters));
  driver[BOUND] = true;
}

function integersAsBigInt(parameters: ObjectLiteral): ObjectLiteral {
  const bound: Record<string, unknown> = {};
  for (const [name, value] of Object.entries<unknown>(parameters)) {
    bound[name] = typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : value;
  }
  return bound;
}

/** The parts of a better-sqlite3 connection and statement that are used beside TypeORM. */
export interface SqliteConnection {
  prepare(source: string): SqliteStatement;
}
export interface SqliteStatement {
  readonly reader: boolean;
  all(...values: unknown[]): unknown[];
  run(...values: unknown[]): unknown;
  /** Rows as arrays of values, in `columns()` order, instead of objects keyed by column name. */
  raw(toggle: boolean): SqliteStatement;
  columns(): { name: string }[];
}

/**
 * The one connection TypeORM's better-sqlite3 driver opens for the whole process. A statement prepared and run
 * on it belongs to whatever transaction TypeORM began there, so hot statements can skip TypeORM's query runner
 * (its logging, subscriber broadcasts and half a dozen promises per statement) and stay in the transaction.
 */
export function sqliteConnection(dataSource: DataSource): SqliteConnection {
  if (dataSource.options.type !== 'better-sqlite3') {
    throw new Error(`sqliteConnection() needs a better-sqlite3 data source, not ${dataSource.options.type}`);
  }
  return (dataSource.driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection;
}
