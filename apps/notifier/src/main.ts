import 'reflect-metadata';
import { bootstrapHybridService, exitOnStartupFailure } from '@app/platform';
import { AppModule } from './app.module';
import { loadNotifierConfig } from './config';

async function main(): Promise<void> {
  const config = loadNotifierConfig();
  await bootstrapHybridService(AppModule.with(config), 'notifier', {
    natsUrl: config.NATS_URL,
    port: config.PORT,
    host: config.HOST,
    logLevel: config.LOG_LEVEL,
  });
}

main().catch(exitOnStartupFailure);
