import { startService, type ServiceHarness } from '@app/testing';
import { AppModule } from '../src/app.module';
import { ReferralsConfig } from '../src/config';

/** The referrals service in this process, on its own broker and a temporary SQLite file. */
export function startReferrals(): Promise<ServiceHarness> {
  return startService('referrals', ({ databaseUrl, natsUrl }) =>
    AppModule.with(Object.assign(new ReferralsConfig(), { DATABASE_URL: databaseUrl, NATS_URL: natsUrl })),
  );
}
