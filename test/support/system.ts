import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateGatewayAuth, type ApiKeySpec, type GatewayAuth } from '../../tools/stack/credentials';
import { startNats, type NatsHandle } from '../../tools/stack/nats-server';
import { startStack, type ServiceProcess, type Stack, type StackOptions } from '../../tools/stack/stack';
import { ApiClient } from './api-client';
import { createDatabases, onPostgres } from '@app/testing';

export interface SystemOptions {
  /** SQLite files (default) or fresh PostgreSQL databases; TEST_DATABASE=postgres changes the default. */
  database?: 'sqlite' | 'postgres';
  instances?: StackOptions['instances'];
  /** API keys besides the admin key every system has (e.g. a `purchases:write` key). */
  apiKeys?: ApiKeySpec[];
  /** Restart crashed services as `npm run up` does (the chaos test). */
  supervise?: StackOptions['supervise'];
  /** PostgreSQL only: the test databases' own defaults (see createDatabases). */
  postgresSettings?: Record<string, string>;
}

export interface System extends Stack {
  /** Calls the API with the admin key. */
  api: ApiClient;
  nats: NatsHandle;
  dataDir: string;
  /** The services' PostgreSQL databases, when the system runs on PostgreSQL. */
  databaseUrls?: Record<'referrals' | 'commissions', string>;
}

/**
 * Boots the real system for one test file: its own `nats-server` on a free port (never the machine's shared
 * broker; TEST_NATS_URL overrides it), its own temporary SQLite files (or, with TEST_DATABASE=postgres, fresh
 * PostgreSQL databases dropped afterwards), and the four services from `dist/` (`npm test` builds first). The
 * gateway gets a fresh admin key (`system.adminKey`, sent by `system.api`) and token secret.
 */
export async function startSystem(
  env: Record<string, string> = {},
  {
    database = onPostgres ? 'postgres' : 'sqlite',
    instances,
    apiKeys = [],
    supervise,
    postgresSettings,
  }: SystemOptions = {},
): Promise<System> {
  const dataDir = mkdtempSync(join(tmpdir(), 'referral-system-'));
  const nats = await startNats(join(dataDir, 'nats'), process.env.TEST_NATS_URL);
  const databases =
    database === 'postgres'
      ? await createDatabases(['referrals', 'commissions', 'notifier'] as const, postgresSettings)
      : undefined;
  const generated = generateGatewayAuth();
  const auth: GatewayAuth = { ...generated, keys: [...generated.keys, ...apiKeys] };
  const stack = await startStack({
    auth,
    natsUrl: nats.url,
    dataDir,
    env: { REQUEST_TIMEOUT_MS: '2000', ...env },
    instances,
    supervise,
    serviceEnv: databases && {
      referrals: { DATABASE_URL: databases.urls.referrals },
      commissions: { DATABASE_URL: databases.urls.commissions },
      notifier: { DATABASE_URL: databases.urls.notifier },
    },
  });
  reportCrashes(stack);
  const system: System = {
    ...stack,
    api: new ApiClient(stack.baseUrl, stack.adminKey),
    nats,
    dataDir,
    databaseUrls: databases?.urls,
    stop: async () => {
      await stack.stop();
      await nats.stop();
      await databases?.drop();
      if (!process.env.KEEP_TEST_DATA) {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
  try {
    await stack.ready();
  } catch (error) {
    await stack.stop();
    await nats.stop();
    await databases?.drop();
    throw new Error(`${String(error)} (service logs kept in ${dataDir})`);
  }
  return system;
}

/**
 * A service that exits without being asked to (a crash) is named on the test's output with the end of its log,
 * which is otherwise deleted with the data directory: a test that fails because of it then says why. A supervised
 * stack (the chaos test kills on purpose) has its supervisor's own account.
 */
function reportCrashes(stack: Stack): void {
  if (stack.supervisor) {
    return;
  }
  for (const service of stack.processes) {
    service.onExit(({ code, signal, requested }) => {
      if (!requested) {
        // A moment for the log's last lines to land in the file.
        setTimeout(() => {
          console.error(`${service.label} exited unexpectedly (code ${code}, signal ${signal}):\n${logTail(service)}`);
        }, 200).unref();
      }
    });
  }
}

function logTail(service: ServiceProcess, lines = 40): string {
  try {
    return service.logFile ? readFileSync(service.logFile, 'utf8').split('\n').slice(-lines).join('\n') : '';
  } catch {
    return '(no log)';
  }
}
