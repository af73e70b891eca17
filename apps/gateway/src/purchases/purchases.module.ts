import { Module } from '@nestjs/common';
import { PurchasesController } from './purchases.controller';

/** `POST /purchase`: recorded once per Idempotency-Key by the commissions service. */
@Module({ controllers: [PurchasesController] })
export class PurchasesModule {}
