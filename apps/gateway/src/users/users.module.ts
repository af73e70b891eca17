import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { UserNames } from './user-names';
import { UsersController } from './users.controller';

/** Creating users and (de)activating them; the users' names, which the leaderboard shows. */
@Module({
  imports: [AuditModule],
  controllers: [UsersController],
  providers: [UserNames],
  exports: [UserNames],
})
export class UsersModule {}
