import { testSettings } from './test.config';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The server tests create their databases on: the machine's PostgreSQL unless TEST_POSTGRES_URL says otherwise. */
export const SERVER_URL = testSettings.postgresUrl;

/** Whether system tests run on PostgreSQL (`TEST_DATABASE=postgres`) instead of SQLite files. */
export const onPostgres = testSettings.onPostgres;

async function onServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates a fresh, uniquely named database for each service; returns their URLs and how to drop them.
 * `settings` become the databases' own defaults (`ALTER DATABASE … SET`), as a server configured otherwise would
 * have them, e.g. `{ default_transaction_isolation: 'repeatable read' }`.
 */
export async function createDatabases<S extends string>(
  services: readonly S[],
  settings: Record<string, string> = {},
): Promise<{ urls: Record<S, string>; drop(): Promise<void> }> {
  const run = randomBytes(4).toString('hex');
  const names = Object.fromEntries(services.map((service) => [service, `test_${service}_${run}`])) as Record<S, string>;
  await onServer(async (client) => {
    for (const name of Object.values<string>(names)) {
      await client.query(`CREATE DATABASE ${name}`);
      for (const [setting, value] of Object.entries(settings)) {
        // Setting names cannot be bound parameters; these come from the test's own code.
        await client.query(`ALTER DATABASE ${name} SET ${setting} = ${client.escapeLiteral(value)}`);
      }
    }
  });
  const base = new URL(SERVER_URL);
  const urlOf = (name: string) => Object.assign(new URL(base.href), { pathname: `/${name}` }).href;
  return {
    urls: Object.fromEntries(services.map((service) => [service, urlOf(names[service])])) as Record<S, string>,
    drop: () =>
      onServer(async (client) => {
        for (const name of Object.values<string>(names)) {
          await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        }
      }),
  };
}

/** Drops databases a test made on the server (by name), whoever is still connected to them. */
export async function dropDatabases(names: readonly string[]): Promise<void> {
  await onServer(async (client) => {
    for (const name of names) {
      await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
    }
  });
}
