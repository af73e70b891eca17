import { Client } from 'pg';
import type { StackOptions } from './stack/stack';

/** The services that own a database, and so may run as several processes on PostgreSQL. */
const DATABASE_SERVICES = ['referrals', 'commissions'] as const;
type DatabaseService = (typeof DATABASE_SERVICES)[number];

/** At most this many processes of one service on one machine: a typo should not fork a hundred. */
const MAX_INSTANCES = 8;

export interface ScaleOut {
  /** Per-service settings and instance counts, as `startStack` takes them. */
  stack: Pick<StackOptions, 'serviceEnv' | 'instances'>;
  /** What was chosen, in words, for the launcher to print. */
  summary: string;
}

/**
 * `npm run up`'s scale-out settings: `POSTGRES_URL` (a PostgreSQL server; one database per service is created
 * there when missing, named `<POSTGRES_DATABASE_PREFIX><service>`) and `REFERRALS_INSTANCES` /
 * `COMMISSIONS_INSTANCES` (default 1; more than one needs PostgreSQL, since a SQLite file belongs to one
 * process). Without them the stack runs one process of each on SQLite files, as before.
 */
export async function scaleOutFrom(env: NodeJS.ProcessEnv): Promise<ScaleOut> {
  const instances = {
    referrals: instancesOf(env, 'REFERRALS_INSTANCES'),
    commissions: instancesOf(env, 'COMMISSIONS_INSTANCES'),
  };
  const serverUrl = env.POSTGRES_URL?.trim();
  if (!serverUrl) {
    const several = DATABASE_SERVICES.filter((service) => instances[service] > 1);
    if (several.length > 0) {
      throw new Error(
        `${several.map((s) => `${s.toUpperCase()}_INSTANCES`).join(' and ')} above 1 need PostgreSQL: set POSTGRES_URL ` +
          '(a SQLite file belongs to one process)',
      );
    }
    return { stack: {}, summary: 'SQLite files, one process of each service' };
  }
  const prefix = env.POSTGRES_DATABASE_PREFIX ?? '';
  const urls = await ensureDatabases(serverUrl, prefix);
  const counts = DATABASE_SERVICES.map((service) => `${instances[service]} × ${service}`).join(', ');
  return {
    stack: {
      serviceEnv: { referrals: { DATABASE_URL: urls.referrals }, commissions: { DATABASE_URL: urls.commissions } },
      instances,
    },
    summary: `PostgreSQL (${DATABASE_SERVICES.map((s) => new URL(urls[s]).pathname.slice(1)).join(', ')}), ${counts}`,
  };
}

function instancesOf(env: NodeJS.ProcessEnv, name: string): number {
  const value = env[name]?.trim();
  if (value === undefined || value === '') {
    return 1;
  }
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_INSTANCES) {
    throw new Error(`${name} must be a whole number from 1 to ${MAX_INSTANCES}, not "${value}"`);
  }
  return Number(value);
}

/** Creates each service's database on the server unless it exists; returns their URLs. */
async function ensureDatabases(serverUrl: string, prefix: string): Promise<Record<DatabaseService, string>> {
  let server: URL;
  try {
    server = new URL(serverUrl);
  } catch {
    throw new Error('POSTGRES_URL must be a URL such as postgres://postgres@127.0.0.1:5432/postgres');
  }
  if (!['postgres:', 'postgresql:'].includes(server.protocol)) {
    throw new Error('POSTGRES_URL must start with postgres://');
  }
  const names = Object.fromEntries(DATABASE_SERVICES.map((service) => [service, `${prefix}${service}`])) as Record<
    DatabaseService,
    string
  >;
  for (const name of Object.values(names)) {
    // Identifiers cannot be bound as parameters, so the name is checked to be a plain one before it is quoted.
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
      throw new Error(`POSTGRES_DATABASE_PREFIX makes "${name}", which is not a plain database name`);
    }
  }
  const client = new Client({ connectionString: serverUrl });
  await client.connect().catch((error: unknown) => {
    throw new Error(
      `Cannot reach PostgreSQL at POSTGRES_URL: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  try {
    for (const name of Object.values(names)) {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount === 0) {
        await client.query(`CREATE DATABASE "${name}"`).catch((error: { code?: string }) => {
          // Another launcher created it meanwhile: just as good.
          if (error.code !== '42P04') {
            throw error;
          }
        });
      }
    }
  } finally {
    await client.end();
  }
  const urlOf = (name: string): string => Object.assign(new URL(server.href), { pathname: `/${name}` }).href;
  return { referrals: urlOf(names.referrals), commissions: urlOf(names.commissions) };
}
