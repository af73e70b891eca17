import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { MemberCopies } from './member-copies';
import { UserNames } from './user-names';
import { UsersController } from './users.controller';

/** Creating users and (de)activating them; the users' names, which payouts show; passing user changes on. */
@Module({
  imports: [AuditModule],
  controllers: [UsersController],
  providers: [UserNames, MemberCopies],
  exports: [UserNames, MemberCopies],
})
export class UsersModule {}
