import { Module } from '@nestjs/common';
import { PurchaseMetrics } from './purchase.metrics';
import { PurchasesMessageController } from './purchases.message.controller';
import { PurchasesService } from './purchases.service';

@Module({
  controllers: [PurchasesMessageController],
  providers: [PurchasesService, PurchaseMetrics],
})
export class PurchasesModule {}
