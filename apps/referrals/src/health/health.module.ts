import { Module } from '@nestjs/common';
import { HealthMessageController } from './health.message.controller';

/** The referrals health request that the gateway's `/health` sends over NATS. */
@Module({ controllers: [HealthMessageController] })
export class HealthModule {}
