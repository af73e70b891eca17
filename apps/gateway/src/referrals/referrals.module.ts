import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { UsersModule } from '../users/users.module';
import { ReferralsController } from './referrals.controller';
import { ReferralsView } from './referrals.view';

/** `POST /refer` and a user's referral tree with what each referral earned them. */
@Module({
  imports: [AuditModule, UsersModule],
  controllers: [ReferralsController],
  providers: [ReferralsView],
})
export class ReferralsModule {}
