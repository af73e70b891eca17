import { Module, type DynamicModule } from '@nestjs/common';
import { MessagingModule, OpsModule } from '@app/platform';
import type { NotifierConfig } from './config';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';

@Module({})
export class AppModule {
  static with(config: NotifierConfig): DynamicModule {
    const events = EventsModule.register(config);
    return {
      module: AppModule,
      imports: [
        MessagingModule.register({ natsUrl: config.NATS_URL, requestTimeoutMs: config.REQUEST_TIMEOUT_MS }),
        OpsModule.register({ service: 'notifier' }),
        events,
        HealthModule.register(events),
      ],
    };
  }
}
