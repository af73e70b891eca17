import { Module } from '@nestjs/common';
import { TransactionsModule } from '../database/transactions.module';
import { UsersMessageController } from './users.message.controller';
import { UsersService } from './users.service';

@Module({
  imports: [TransactionsModule],
  controllers: [UsersMessageController],
  providers: [UsersService],
})
export class UsersModule {}
