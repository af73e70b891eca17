import { Module } from '@nestjs/common';
import { EarningsMessageController } from './earnings.message.controller';
import { EarningsService } from './earnings.service';

@Module({
  controllers: [EarningsMessageController],
  providers: [EarningsService],
})
export class EarningsModule {}
