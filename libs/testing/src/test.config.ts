import { loadConfig } from '@app/platform';
import { IsIn, IsOptional, IsString } from 'class-validator';

/**
 * The settings a test run takes from its environment, read once and checked like each service's own config
 * (`loadConfig`): which broker and database server to use instead of starting or assuming one.
 */
export class TestConfig {
  /** A broker of the developer's own (never a shared one); unset: each test starts its own `nats-server`. */
  @IsOptional()
  @IsString()
  TEST_NATS_URL?: string;

  /** The PostgreSQL server tests create their databases on. */
  @IsString()
  TEST_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

  /** `postgres`: system tests run on PostgreSQL instead of SQLite files. */
  @IsIn(['sqlite', 'postgres'])
  TEST_DATABASE = 'sqlite';
}

const environment = { ...process.env };
const config = loadConfig(TestConfig, environment);

export const testSettings = {
  natsUrl: config.TEST_NATS_URL,
  postgresUrl: config.TEST_POSTGRES_URL,
  onPostgres: config.TEST_DATABASE === 'postgres',
  /** The environment child processes (the Redocly CLI) inherit. */
  inherited: environment,
} as const;
