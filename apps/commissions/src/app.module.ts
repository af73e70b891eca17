import { Module, type DynamicModule } from '@nestjs/common';
import { MessagingModule } from '@app/platform';
import type { CommissionsConfig } from './config';
import { HealthMessageController } from './health.message.controller';

@Module({})
export class AppModule {
  static with(config: CommissionsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [MessagingModule.register({ natsUrl: config.NATS_URL, requestTimeoutMs: config.REQUEST_TIMEOUT_MS })],
      controllers: [HealthMessageController],
    };
  }
}
