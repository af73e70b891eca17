import { Module } from '@nestjs/common';
import { RefundsModule } from '../refunds/refunds.module';
import { HistoryMessageController } from './history.message.controller';
import { HistoryService } from './history.service';

@Module({
  imports: [RefundsModule],
  controllers: [HistoryMessageController],
  providers: [HistoryService],
})
export class HistoryModule {}
