import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { EarningsMessageController } from './earnings.message.controller';
import { EarningsService } from './earnings.service';

@Module({
  imports: [MembersModule],
  controllers: [EarningsMessageController],
  providers: [EarningsService],
})
export class EarningsModule {}
