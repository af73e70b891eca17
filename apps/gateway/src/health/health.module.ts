import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';

/** The gateway's `/health`: every service behind it answers over NATS (terminus comes from the global OpsModule). */
@Module({ controllers: [HealthController] })
export class HealthModule {}
