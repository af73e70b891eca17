import { Module } from '@nestjs/common';
import { TransactionRunner } from '@app/platform';
import { UsersMessageController } from './users.message.controller';
import { UsersService } from './users.service';

@Module({
  controllers: [UsersMessageController],
  providers: [UsersService, TransactionRunner],
})
export class UsersModule {}
