import 'reflect-metadata';
import { bootstrapService, exitOnStartupFailure } from '@app/platform';
import { AppModule } from './app.module';
import { loadNotifierConfig } from './config';

async function main(): Promise<void> {
  const config = loadNotifierConfig();
  await bootstrapService(AppModule.with(config), 'notifier', config.NATS_URL);
}

main().catch(exitOnStartupFailure);
