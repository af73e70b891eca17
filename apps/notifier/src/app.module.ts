import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { databaseOptions, MessagingModule, OpsModule } from '@app/platform';
import type { NotifierConfig } from './config';
import { notifierMigrations } from './database/migrations';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { webhookEntities } from './webhooks/webhook.entities';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class AppModule {
  static with(config: NotifierConfig): DynamicModule {
    const events = EventsModule.register(config);
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(
          databaseOptions(config.DATABASE_URL, webhookEntities, notifierMigrations, config.DATABASE_BUSY_TIMEOUT_MS),
        ),
        MessagingModule.register({ natsUrl: config.NATS_URL, requestTimeoutMs: config.REQUEST_TIMEOUT_MS }),
        OpsModule.register({ service: 'notifier', database: true }),
        events,
        HealthModule.register(events),
        WebhooksModule.register(config),
      ],
    };
  }
}
