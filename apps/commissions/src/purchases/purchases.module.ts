import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { PurchaseMetrics } from './purchase.metrics';
import { PurchasesMessageController } from './purchases.message.controller';
import { PurchasesService } from './purchases.service';

@Module({
  imports: [MembersModule],
  controllers: [PurchasesMessageController],
  providers: [PurchasesService, PurchaseMetrics],
})
export class PurchasesModule {}
