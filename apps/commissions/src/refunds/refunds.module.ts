import { Module } from '@nestjs/common';
import { RefundsMessageController } from './refunds.message.controller';
import { RefundsService } from './refunds.service';

@Module({
  controllers: [RefundsMessageController],
  providers: [RefundsService],
  exports: [RefundsService],
})
export class RefundsModule {}
