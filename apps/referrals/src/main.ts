import 'reflect-metadata';
import { bootstrapService, exitOnStartupFailure } from '@app/platform';
import { AppModule } from './app.module';
import { loadReferralsConfig } from './config';

async function main(): Promise<void> {
  const config = loadReferralsConfig();
  await bootstrapService(AppModule.with(config), 'referrals', config.NATS_URL);
}

main().catch(exitOnStartupFailure);
