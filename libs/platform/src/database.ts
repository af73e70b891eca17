import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';

type Entities = MixedList<string | (new () => unknown) | EntitySchema>;
type Migrations = MixedList<string | (new () => unknown)>;

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/**
 * TypeORM options for a service's own database: PostgreSQL when the URL says so, else a SQLite file
 * (better-sqlite3, WAL). Migrations run at start-up; the schema is never synchronised from entities.
 */
export function databaseOptions(url: string, entities: Entities, migrations: Migrations): DataSourceOptions {
  const common = { entities, migrations, migrationsRun: true, synchronize: false, logging: false } as const;
  if (isPostgresUrl(url)) {
    return { type: 'postgres', url, ...common };
  }
  return {
    type: 'better-sqlite3',
    database: url,
    enableWAL: true,
    timeout: 5_000,
    // TypeORM keeps prepared statements in a FIFO cache of 100 by SQL text. Statements whose text varies
    // (`IN (?, ?, …)` lists of any length) pushed the hot ones out, and re-preparing them cost ~9% of the
    // commissions service's CPU under purchase load (npm run bench -- --profile). Room for all of them.
    statementCacheSize: 2_000,
    prepareDatabase: (db: { pragma(source: string): unknown }) => {
      // WAL with NORMAL sync is durable across process crashes (only an OS crash may lose the last commits).
      db.pragma('synchronous = NORMAL');
    },
    ...common,
  };
}
