import { Module } from '@nestjs/common';
import { PurchaseMetrics } from './purchase.metrics';
import { PurchasesMessageController } from './purchases.message.controller';
import { PurchasesService } from './purchases.service';
import { UplineBatcher } from './upline-batcher';

@Module({
  controllers: [PurchasesMessageController],
  providers: [PurchasesService, PurchaseMetrics, UplineBatcher],
})
export class PurchasesModule {}
