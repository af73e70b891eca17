/**
 * The settings a test run takes from its environment, read once here (as each service reads its own config in
 * one place): which broker and database server to use instead of starting or assuming one.
 */
export const testSettings = {
  /** A broker of the developer's own (never a shared one); unset: each test starts its own `nats-server`. */
  natsUrl: process.env.TEST_NATS_URL,
  /** The PostgreSQL server tests create their databases on. */
  postgresUrl: process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  /** Whether system tests run on PostgreSQL (`TEST_DATABASE=postgres`) instead of SQLite files. */
  onPostgres: process.env.TEST_DATABASE === 'postgres',
  /** The environment child processes (the Redocly CLI) inherit. */
  inherited: { ...process.env },
} as const;
