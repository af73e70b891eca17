import { createDatabases, startService, type ServiceHarness } from '@app/testing';
import { AppModule } from '../src/app.module';
import { CommissionsConfig } from '../src/config';

/** A commissions service started for a test, and how to stop it and drop what it wrote. */
export interface CommissionsUnderTest {
  harness: ServiceHarness;
  stop(): Promise<void>;
}

/**
 * The commissions service in this process, on its own broker, with a temporary SQLite file or a fresh
 * PostgreSQL database, and `settings` over the defaults.
 */
export async function startCommissions(
  database: 'sqlite' | 'postgres',
  settings: Partial<CommissionsConfig> = {},
): Promise<CommissionsUnderTest> {
  const databases = database === 'postgres' ? await createDatabases(['commissions'] as const) : undefined;
  const harness = await startService('commissions', ({ databaseUrl, natsUrl }) =>
    AppModule.with(
      Object.assign(new CommissionsConfig(), {
        DATABASE_URL: databases?.urls.commissions ?? databaseUrl,
        NATS_URL: natsUrl,
        ...settings,
      }),
    ),
  );
  return {
    harness,
    stop: async () => {
      await harness.stop();
      await databases?.drop();
    },
  };
}
