import { Module, type DynamicModule } from '@nestjs/common';
import { EARNINGS_STREAM, USERS_STREAM } from '@app/contracts';
import { JetStreamConnection, TransactionRunner } from '@app/platform';
import { NotifierConfig } from '../config';
import { SecretBox } from './secret-box';
import { UrlPolicy } from './url-policy';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookIntake } from './webhook-intake';
import { WebhookSender } from './webhook-sender';
import { WebhookStore } from './webhook-store';
import { WebhooksMessageController } from './webhooks.message.controller';
import { WebhooksService } from './webhooks.service';

/** Webhooks: endpoints registered over NATS, every platform event delivered to them signed and retried. */
@Module({})
export class WebhooksModule {
  static register(config: NotifierConfig): DynamicModule {
    const policy = new UrlPolicy(config.WEBHOOK_ALLOW_PRIVATE_URLS);
    return {
      module: WebhooksModule,
      controllers: [WebhooksMessageController],
      providers: [
        { provide: NotifierConfig, useValue: config },
        { provide: UrlPolicy, useValue: policy },
        { provide: SecretBox, useValue: new SecretBox(config.secretKeys) },
        { provide: WebhookSender, useFactory: () => new WebhookSender(policy, config.WEBHOOK_TIMEOUT_MS) },
        {
          // A connection of its own, separate from the SSE feed's, for both streams the webhooks read.
          provide: JetStreamConnection,
          useFactory: async () => {
            const connection = new JetStreamConnection();
            await connection.connect(config.NATS_URL, 'notifier-webhooks', [EARNINGS_STREAM, USERS_STREAM]);
            return connection;
          },
        },
        TransactionRunner,
        WebhookStore,
        WebhookDispatcher,
        WebhookIntake,
        WebhooksService,
      ],
    };
  }
}
