import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { WebhooksController } from './webhooks.controller';

/** The webhook routes; the endpoints and their deliveries live in the notifier. */
@Module({ imports: [AuditModule], controllers: [WebhooksController] })
export class WebhooksModule {}
