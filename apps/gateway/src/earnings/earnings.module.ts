import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { EarningsController } from './earnings.controller';

/** A user's earnings and the leaderboard (which names users). */
@Module({ imports: [UsersModule], controllers: [EarningsController] })
export class EarningsModule {}
