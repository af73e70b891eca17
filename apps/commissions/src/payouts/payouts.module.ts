import { Module } from '@nestjs/common';
import { PayoutsMessageController } from './payouts.message.controller';
import { PayoutsService } from './payouts.service';

@Module({
  controllers: [PayoutsMessageController],
  providers: [PayoutsService],
})
export class PayoutsModule {}
