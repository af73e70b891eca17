import 'reflect-metadata';
import { bootstrapService, exitOnStartupFailure } from '@app/platform';
import { AppModule } from './app.module';
import { loadCommissionsConfig } from './config';

async function main(): Promise<void> {
  const config = loadCommissionsConfig();
  await bootstrapService(AppModule.with(config), 'commissions', config.NATS_URL);
}

main().catch(exitOnStartupFailure);
