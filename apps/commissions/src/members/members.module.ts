import { Module } from '@nestjs/common';
import { MembersIntake } from './members.intake';
import { MembersMessageController } from './members.message.controller';
import { MembersRepository } from './members.repository';
import { MembersService } from './members.service';

/** Commissions' copy of the referral tree: kept from referrals' member changes, read next to the earnings. */
@Module({
  controllers: [MembersMessageController],
  providers: [MembersRepository, MembersService, MembersIntake],
  exports: [MembersRepository],
})
export class MembersModule {}
