import { Module, type DynamicModule } from '@nestjs/common';
import { MessagingModule, OpsModule } from '@app/platform';
import type { NotifierConfig } from './config';
import { EventsModule } from './events/events.module';
import { HealthMessageController } from './health.message.controller';

@Module({})
export class AppModule {
  static with(config: NotifierConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        MessagingModule.register({ natsUrl: config.NATS_URL, requestTimeoutMs: config.REQUEST_TIMEOUT_MS }),
        OpsModule.forService({ service: 'notifier' }),
        EventsModule.with(config),
      ],
      controllers: [HealthMessageController],
    };
  }
}
