import 'reflect-metadata';
import { bootstrapHybridService, exitOnStartupFailure } from '@app/platform';
import { AppModule } from './app.module';
import { loadCommissionsConfig } from './config';

async function main(): Promise<void> {
  const config = loadCommissionsConfig();
  // NATS for the service's work, plus a small HTTP listener for operations (/health, /ready, /metrics).
  await bootstrapHybridService(AppModule.with(config), 'commissions', {
    natsUrl: config.NATS_URL,
    port: config.OPS_PORT,
    host: config.HOST,
    logLevel: config.LOG_LEVEL,
  });
}

main().catch(exitOnStartupFailure);
