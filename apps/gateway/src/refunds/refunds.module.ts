import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { RefundsController } from './refunds.controller';

/** `POST /purchase/{id}/refund`: reverses a purchase's commissions in proportion. */
@Module({ imports: [AuditModule], controllers: [RefundsController] })
export class RefundsModule {}
